import Foundation
import KFModels

/// The identity a token carries: KubeFATE's claims `id` (username), `exp` and `orig_iat` (unix
/// seconds), and our `jti` (a random token id, the key logout revokes).
struct JWTClaims: Sendable, Equatable, Codable {
    var username: String
    var expiresAt: Int64
    var issuedAt: Int64
    var tokenID: String

    enum CodingKeys: String, CodingKey {
        case username = "id"
        case expiresAt = "exp"
        case issuedAt = "orig_iat"
        case tokenID = "jti"
    }
}

/// Signs and verifies HS256 JSON Web Tokens with one shared key (`KUBEFATE_JWT_KEY`), so every API
/// replica accepts every other replica's tokens and restarts do not log users out.
struct JWTSigner: Sendable {
    /// The HMAC key.
    let key: [UInt8]
    /// How long a new token is valid (KubeFATE: 30 minutes).
    let lifetime: Duration

    init(key: [UInt8], lifetime: Duration = .seconds(30 * 60)) {
        self.key = key
        self.lifetime = lifetime
    }

    private static let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    /// A token for `username` issued at `now`.
    func sign(username: String, now: Date = Date(), tokenID: String = Crypto.randomBytes(16).hexString) -> (token: String, claims: JWTClaims) {
        let issued = Int64(now.timeIntervalSince1970)
        let claims = JWTClaims(username: username, expiresAt: issued + lifetime.components.seconds, issuedAt: issued, tokenID: tokenID)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding three scalars cannot fail.
        let payload = (try? encoder.encode(claims)).map { Array($0) } ?? []
        let signingInput = Self.header + "." + Base64URL.encode(payload)
        let signature = Crypto.hmacSHA256(key: key, data: Array(signingInput.utf8))
        return (signingInput + "." + Base64URL.encode(signature), claims)
    }

    /// Checks segments, algorithm, signature (constant time), `exp` and `id`, in that order. A
    /// validly signed token without `jti` gets the hex SHA-256 of its signature as id, so it can
    /// still be revoked.
    func verify(_ token: String, now: Date = Date()) throws(JWTError) -> JWTClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw JWTError(.malformed) }
        guard let header = Self.object(parts[0]) else { throw JWTError(.malformed, "token header is not valid JSON") }
        guard header["alg"] == .string("HS256") else { throw JWTError(.unsupportedAlgorithm) }
        guard let signature = Base64URL.decode(parts[2]) else { throw JWTError(.badSignature) }
        let expected = Crypto.hmacSHA256(key: key, data: Array((parts[0] + "." + parts[1]).utf8))
        guard Crypto.constantTimeEqual(signature, expected) else { throw JWTError(.badSignature) }
        guard let payload = Self.object(parts[1]) else { throw JWTError(.malformed, "token payload is not valid JSON") }
        guard let rawExpiry = payload["exp"] else { throw JWTError(.missingExpiry) }
        guard case .number(let expiry) = rawExpiry else { throw JWTError(.invalidExpiry) }
        guard now.timeIntervalSince1970 <= expiry else { throw JWTError(.expired) }
        guard case .string(let username) = payload["id"], !username.isEmpty else { throw JWTError(.missingIdentity) }
        var issued = 0.0
        if case .number(let value) = payload["orig_iat"] { issued = value }
        var tokenID = ""
        if case .string(let jti) = payload["jti"], !jti.isEmpty, jti.utf8.count <= 64 { tokenID = jti }
        if tokenID.isEmpty { tokenID = Crypto.sha256(signature).hexString }
        return JWTClaims(username: username, expiresAt: Int64(expiry), issuedAt: Int64(issued), tokenID: tokenID)
    }

    /// A base64url segment holding a JSON object.
    private static func object(_ segment: Substring) -> [String: JSONValue]? {
        guard let bytes = Base64URL.decode(segment),
              case .object(let object)? = try? JSONValue.parse(String(decoding: bytes, as: UTF8.self))
        else { return nil }
        return object
    }
}
