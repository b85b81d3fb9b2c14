import Hummingbird
import KFDatabase
import KFModels

/// `POST /v1/user`, `GET /v1/user/`, `GET/PUT/DELETE /v1/user/{userId}` in KubeFATE's shapes,
/// without its holes: only a platform admin creates, deletes and lists users, or changes another
/// user; everyone may read and change themselves (password, email). No answer ever carries a
/// password hash or salt (`User` has neither).
extension UserRoutes {
    func registerProtected(on group: RouterGroup<APIRequestContext>) {
        group.post("user") { request, context in try await create(request, context) }
        group.get("user") { request, context in try await list(request, context) }
        group.get("user/{userId}") { request, context in try await get(request, context) }
        group.put("user/{userId}") { request, context in try await update(request, context) }
        group.delete("user/{userId}") { request, context in try await delete(request, context) }
    }

    func create(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        try principal.requirePlatformAdmin(to: "create users")
        let body = try await JSONBody.read(request, limit: 64 * 1024)
        let username = try body.requiredString("username")
        try Self.checkUsername(username)
        let password = try body.requiredString("password")
        try Self.checkPassword(password)
        let email = try body.string("email") ?? ""
        let status = try Self.status(body) ?? .available
        let admin = try body.bool("admin") ?? false
        let stored = await deps.passwords.hash(password: password)
        var user = try await mapErrors(context) {
            try await deps.users.createUser(username: username, passwordHash: stored.hash, salt: stored.salt, email: email,
                                            isAdmin: admin)
        }
        if status != user.status {
            var changes = UserChanges()
            changes.status = status
            user = try await mapErrors(context) { try await deps.users.updateUser(uuid: user.uuid, changes) } ?? user
        }
        context.logger.info("user created", metadata: ["user": "\(username)", "by": "\(principal.username)"])
        // KubeFATE answers user creation with this (copy-pasted) message; kept for its clients.
        return try JSONResponse.make(Envelope(data: user, msg: "createCluster Success"))
    }

    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let users = principal.isAdmin ? try await mapErrors(context) { try await deps.users.users() } : [principal.user]
        return try JSONResponse.make(Envelope(data: users, msg: "getUserList Success"))
    }

    func get(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let user = try await target(context, action: "read users")
        return try JSONResponse.make(Envelope(data: user, msg: "getUser Success"))
    }

    /// Body fields (all optional): `password`, `email`; a platform admin also `userStatus` and
    /// `admin`. KubeFATE's `ID`, `uuid`, `salt` in the body are ignored.
    func update(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let user = try await target(context, action: "change users")
        let body = try await JSONBody.read(request, limit: 64 * 1024)
        var changes = UserChanges()
        changes.email = try body.string("email")
        if let password = try body.string("password") {
            try Self.checkPassword(password)
            let stored = await deps.passwords.hash(password: password)
            changes.passwordHash = stored.hash
            changes.salt = stored.salt
        }
        let status = try Self.status(body), admin = try body.bool("admin")
        if (status != nil && status != user.status) || (admin != nil && admin != user.isAdmin) {
            try principal.requirePlatformAdmin(to: "change a user's status or admin flag")
        }
        changes.status = status
        changes.isAdmin = admin
        if let name = try body.string("username"), name != user.username {
            throw APIError.invalid("username", "username cannot be changed")
        }
        let updated: User
        if changes.isEmpty {
            updated = user
        } else {
            guard let changed = try await mapErrors(context, { try await deps.users.updateUser(uuid: user.uuid, changes) }) else {
                throw APIError.notFound()
            }
            updated = changed
            deps.principals.invalidateAll()
        }
        context.logger.info("user changed", metadata: ["user": "\(user.username)", "by": "\(principal.username)"])
        return try JSONResponse.make(Envelope(data: updated, msg: "setUser Success"))
    }

    func delete(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        try principal.requirePlatformAdmin(to: "delete users")
        let user = try await target(context, action: "delete users")
        guard user.uuid != principal.user.uuid else {
            throw APIError(status: .conflict, message: "you cannot delete yourself")
        }
        guard try await mapErrors(context, { try await deps.users.deleteUser(uuid: user.uuid) }) else { throw APIError.notFound() }
        deps.principals.invalidateAll()
        context.logger.info("user deleted", metadata: ["user": "\(user.username)", "by": "\(principal.username)"])
        return try JSONResponse.make(MessageBody(msg: "deleteUser Success"))
    }

    /// The `{userId}` user when the caller may act on them: a platform admin on anyone, others on
    /// themselves only (anyone else is answered as missing: 404 `record not found`).
    private func target(_ context: APIRequestContext, action: String) async throws(APIError) -> User {
        let principal = try context.principal
        guard let id = context.parameters.get("userId"), id.count <= 64 else { throw APIError.notFound() }
        if id == principal.user.uuid { return principal.user }
        guard principal.isAdmin else { throw APIError.notFound() }
        guard let user = try await mapErrors(context, { try await deps.users.user(uuid: id.lowercased()) }) else { throw APIError.notFound() }
        return user
    }

    static func checkUsername(_ name: String) throws(APIError) {
        guard name.utf8.count <= 64 else { throw APIError.invalid("username", "username must be at most 64 characters") }
        guard name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0)) })
        else { throw APIError.invalid("username", "username '\(name)' may contain only letters, digits, '.', '_', '-' and '@'") }
    }

    static func checkPassword(_ password: String) throws(APIError) {
        guard password.count >= 8 else { throw APIError.invalid("password", "password must be at least 8 characters") }
        guard password.utf8.count <= 1024 else { throw APIError.invalid("password", "password must be at most 1024 bytes") }
    }

    /// `userStatus` (`Deprecate` or `Available`), nil when absent.
    static func status(_ body: JSONBody) throws(APIError) -> UserStatus? {
        guard let name = try body.string("userStatus") else { return nil }
        guard let status = UserStatus(name: name) else {
            throw APIError.invalid("userStatus", "userStatus must be Deprecate or Available, got '\(name)'")
        }
        return status
    }
}
