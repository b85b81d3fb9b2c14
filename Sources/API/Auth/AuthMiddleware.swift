import Foundation
import Hummingbird

/// Requires `Authorization: Bearer <HS256 token>` and puts the caller's identity in the context.
/// Tokens are accepted from the header only: KubeFATE also took `?token=` and a `jwt` cookie, which
/// leak into logs and invite cross-site use.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let signer: JWTSigner

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        do throws(JWTError) {
            let token = try Self.bearerToken(request.headers[.authorization])
            let claims = try signer.verify(token)
            context.identity = Identity(username: claims.username)
        } catch {
            throw APIError.unauthenticated(error)
        }
        context.logger[metadataKey: "user"] = .string(context.identity?.username ?? "")
        return try await next(request, context)
    }

    /// The token of a `Bearer <token>` header value (scheme case-insensitive).
    static func bearerToken(_ header: String?) throws(JWTError) -> String {
        guard let header, !header.isEmpty else { throw JWTError(.missingToken) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw JWTError(.missingToken, "invalid auth header")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw JWTError(.missingToken) }
        return token
    }
}
