import Foundation
import Hummingbird
import KFDatabase

/// Requires `Authorization: Bearer <HS256 token>` and puts the caller's `Principal` in the context:
/// signature and expiry are checked first (no database), then the principal comes from
/// `PrincipalCache` or, on a miss, from one database round of reads (user, memberships, whether
/// the token was revoked by logout). Tokens are accepted from the header only: KubeFATE also took
/// `?token=` and a `jwt` cookie, which leak into logs and invite cross-site use.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let signer: JWTSigner
    let users: UserRepository
    let cache: PrincipalCache
    /// Signatures already verified (shared by every request through this middleware).
    let verified = VerifiedTokens()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let claims: JWTClaims
        do throws(JWTError) {
            let token = try Self.bearerToken(request.headers[.authorization])
            claims = try verified.claims(of: token, signer: signer)
        } catch {
            throw APIError.unauthenticated(error)
        }
        let principal = try await principal(for: claims, context)
        context.authenticated = principal
        context.logger[metadataKey: "user"] = .string(principal.username)
        return try await next(request, context)
    }

    /// The principal of a verified token: cached, or loaded (401 when revoked or the user is gone).
    func principal(for claims: JWTClaims, _ context: Context) async throws(APIError) -> Principal {
        if let cached = cache.principal(tokenID: claims.tokenID), cached.username == claims.username { return cached }
        let record = try await mapErrors(context) { try await users.principal(username: claims.username, tokenID: claims.tokenID) }
        if record.revoked { throw APIError(status: .unauthorized, message: "token has been revoked", shape: .auth) }
        guard let user = record.user else {
            throw APIError(status: .unauthorized, message: "user \(claims.username) does not exist", shape: .auth)
        }
        let principal = Principal(user: user, memberships: record.memberships, tokenID: claims.tokenID,
                                  tokenExpiresAt: claims.expiresAt, directory: users)
        cache.store(principal)
        return principal
    }

    /// The token of a `Bearer <token>` header value (scheme case-insensitive).
    static func bearerToken(_ header: String?) throws(JWTError) -> String {
        guard let header, !header.isEmpty else { throw JWTError(.missingToken) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].utf8.elementsEqual("bearer".utf8, by: { $0 | 0x20 == $1 }) else {
            throw JWTError(.missingToken, "invalid auth header")
        }
        var token = parts[1]
        while token.first?.isWhitespace == true { token.removeFirst() }
        while token.last?.isWhitespace == true { token.removeLast() }
        guard !token.isEmpty else { throw JWTError(.missingToken) }
        return String(token)
    }
}
