import Foundation
import Synchronization

/// Tokens whose signature already checked out, with their claims, so a client polling with one
/// token pays the HMAC and the decoding once rather than per request. Only the signature check is
/// remembered: expiry is checked on every use, and revocation and the user's current roles stay
/// with `PrincipalCache` and the database. Keyed by the whole token text, which nobody without the
/// signing key can produce for claims of their choosing.
final class VerifiedTokens: Sendable {
    private let entries = Mutex<[String: JWTClaims]>([:])
    /// Entries above this are dropped wholesale (the cache refills on demand).
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The claims of `token`: remembered, or verified by `signer` now (and then remembered).
    func claims(of token: String, signer: JWTSigner, now: Date = Date()) throws(JWTError) -> JWTClaims {
        if let claims = entries.withLock({ $0[token] }) {
            guard now.timeIntervalSince1970 <= Double(claims.expiresAt) else {
                _ = entries.withLock { $0.removeValue(forKey: token) }
                throw JWTError(.expired)
            }
            return claims
        }
        let claims = try signer.verify(token, now: now)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = claims
        }
        return claims
    }
}
