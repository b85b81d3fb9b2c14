import Foundation
import Hummingbird
import KFDatabase
import KFModels

/// Records every `POST /v1/user/login` in the audit log: the username tried (as actor and
/// target), `user.login`, and the outcome (`ok`, `unauthenticated`, `quota` when rate-limited).
/// Login is outside `AuthMiddleware`, so `AuditMiddleware` does not see it. Passwords are never
/// recorded.
struct LoginAuditMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let repository: AuditRepository
    static let path = "/v1/user/login"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, request.uri.path == Self.path || request.uri.path == Self.path + "/" else {
            return try await next(request, context)
        }
        var request = request
        let body = (try? await request.collectBody(upTo: 64 * 1024)).map { Array($0.readableBytesView) } ?? []
        let username = Self.username(body)
        do {
            let response = try await next(request, context)
            await record(username, status: response.status.code, context)
            return response
        } catch let error as APIError {
            await record(username, status: error.status.code, context)
            throw error
        }
    }

    private func record(_ username: String, status: Int, _ context: Context) async {
        let entry = AuditEntry(actor: username, action: "user.login", target: username, outcome: AuditMiddleware.outcome(status))
        do {
            try await repository.record(entry)
        } catch {
            context.logger.error("audit entry not written", metadata: ["error": "\(error)", "action": "user.login"])
        }
    }

    /// The `username` of a login body ("" when unreadable), at most 255 characters.
    static func username(_ body: [UInt8]) -> String {
        guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
              case .string(let name)? = fields["username"] else { return "" }
        return String(name.prefix(255))
    }
}
