import Foundation
import Hummingbird
import KFDatabase
import KFModels

/// `POST /v1/user/login` and `POST /v1/user/logout` (no token needed), in the JWT layer's shapes;
/// user management is in `UserRoutes+Manage.swift`.
struct UserRoutes {
    let deps: APIDependencies

    struct LoginBody: Encodable, Sendable {
        var code: Int
        var expire: String
        var token: String
    }

    struct LogoutBody: Encodable, Sendable {
        var code: Int
    }

    func register(on router: Router<APIRequestContext>) {
        router.post("/v1/user/login") { request, context in try await login(request, context) }
        router.post("/v1/user/logout") { request, context in try await logout(request, context) }
    }

    /// Any content type is accepted (KubeFATE's CLI sends none). Unknown users cost the same PBKDF2
    /// as known ones, so timing does not reveal which usernames exist. After 5 failures of one
    /// username from one address within 5 minutes, 429 until the window has passed.
    func login(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        var request = request
        let missing = APIError(status: .unauthorized, message: "missing Username or Password", shape: .auth)
        guard let body = try? await request.bytes(limit: 64 * 1024),
              case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
              case .string(let username)? = fields["username"], case .string(let password)? = fields["password"],
              !username.isEmpty
        else { throw missing }
        if let wait = deps.logins.retryAfter(username: username, address: context.remoteAddress) {
            let seconds = max(1, wait.components.seconds)
            context.logger.notice("login rate limited", metadata: ["user": "\(username)"])
            throw APIError(status: .tooManyRequests, message: "too many failed logins for \(username); retry in \(seconds) seconds", shape: .auth)
        }
        let stored = try await mapErrors(context) { try await deps.users.credentials(username: username) }
        let valid: Bool
        if let stored {
            valid = await deps.passwords.verify(password: password, hash: stored.passwordHash, salt: stored.salt)
        } else {
            _ = await deps.passwords.verify(password: password, hash: Self.decoyHash, salt: Self.decoySalt)
            valid = false
        }
        guard valid, let user = stored?.user, user.deletedAt == nil else {
            deps.logins.recordFailure(username: username, address: context.remoteAddress)
            context.logger.notice("login refused", metadata: ["user": "\(username)"])
            throw APIError(status: .unauthorized, message: "incorrect Username or Password", shape: .auth)
        }
        deps.logins.recordSuccess(username: username, address: context.remoteAddress)
        let (token, claims) = deps.signer.sign(username: user.username)
        let expire = Timestamp(Date(timeIntervalSince1970: TimeInterval(claims.expiresAt))).rfc3339
        return try JSONResponse.make(LoginBody(code: 200, expire: expire, token: token))
    }

    /// Revokes the presented token (its `jti`, until it expires) so every replica refuses it from
    /// now on; answers KubeFATE's `{"code":200}` also without a (valid) token, as there is then
    /// nothing to revoke.
    func logout(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        if let token = try? AuthMiddleware.bearerToken(request.headers[.authorization]),
           let claims = try? deps.signer.verify(token) {
            let expiry = Date(timeIntervalSince1970: TimeInterval(claims.expiresAt))
            try await mapErrors(context) { try await deps.users.revokeToken(claims.tokenID, expiresAt: expiry) }
            deps.principals.invalidate(tokenID: claims.tokenID)
            context.logger.info("logged out", metadata: ["user": "\(claims.username)"])
        }
        return try JSONResponse.make(LogoutBody(code: 200))
    }

    /// A hash no password matches, for equal-cost refusals.
    private static let decoySalt = "00000000000000000000000000000000"
    private static let decoyHash = "pbkdf2-sha256$\(PasswordHasher().iterations)$" + String(repeating: "0", count: 64)
}
