import Foundation
import KFModels

/// A user with the stored password hash and salt, for login checks only (never serialised).
public struct UserCredentials: Sendable, Hashable {
    public var user: User
    public var passwordHash: String
    public var salt: String
}

/// Users, tenants, memberships (role per tenant) and namespace ownership.
public struct UserRepository: Sendable {
    public let pool: MariaDBPool

    /// The tenant `ensureAdmin` puts the first admin into.
    public static let defaultTenant = "default"

    public init(pool: MariaDBPool) { self.pool = pool }

    static let userColumns = "u.id, u.uuid, u.username, u.email, u.status, u.is_admin, u.created_at, u.updated_at, u.deleted_at"

    static func user(_ r: SQLRow) throws -> User {
        User(uuid: try r.string(1), username: try r.string(2), email: try r.string(3), status: try Rows.enumValue(r, 4, UserStatus.self),
             isAdmin: try r.bool(5), id: try r.int(0), createdAt: try r.timestamp(6), updatedAt: try r.timestamp(7),
             deletedAt: try r.optionalTimestamp(8))
    }

    /// Creates a user; `.conflict` ("User is existed.") when the username is taken.
    public func createUser(username: String, passwordHash: String, salt: String, email: String = "", isAdmin: Bool = false) async throws -> User {
        let uuid = UUID().uuidString.lowercased()
        do {
            try await pool.execute("""
                INSERT INTO users (uuid, username, password_hash, salt, email, status, is_admin, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, NOW(6), NOW(6))
                """, [.text(uuid), .text(username), .text(passwordHash), .text(salt), .text(email),
                      .int(UserStatus.available.rawValue), .bool(isAdmin)])
        } catch let e as MariaDBError where e.isDuplicateKey {
            throw KubefateError(.conflict, "User is existed.", context: [.field: "username"])
        } catch let e as MariaDBError where e.tooLongColumn != nil {
            let field = e.tooLongColumn == "password_hash" ? "password" : e.tooLongColumn ?? ""
            throw KubefateError.invalid(field, "\(field) is too long")
        }
        guard let user = try await user(uuid: uuid) else { throw KubefateError(.internal, "user \(username) vanished after insert") }
        return user
    }

    public func user(username: String) async throws -> User? {
        try await pool.query("SELECT \(Self.userColumns) FROM users u WHERE u.username = ? AND u.deleted_at IS NULL", [.text(username)])
            .first.map(Self.user)
    }

    public func user(uuid: String) async throws -> User? {
        try await pool.query("SELECT \(Self.userColumns) FROM users u WHERE u.uuid = ? AND u.deleted_at IS NULL", [.text(uuid)])
            .first.map(Self.user)
    }

    public func users() async throws -> [User] {
        try await pool.query("SELECT \(Self.userColumns) FROM users u WHERE u.deleted_at IS NULL ORDER BY u.id").map(Self.user)
    }

    /// The user with hash and salt, for verifying a login.
    public func credentials(username: String) async throws -> UserCredentials? {
        try await pool.query("SELECT \(Self.userColumns), u.password_hash, u.salt FROM users u WHERE u.username = ? AND u.deleted_at IS NULL",
                             [.text(username)]).first.map { r in
            UserCredentials(user: try Self.user(r), passwordHash: try r.string(9), salt: try r.string(10))
        }
    }

    /// Replaces a user's password hash and salt; false when the user does not exist.
    @discardableResult
    public func setPassword(username: String, passwordHash: String, salt: String) async throws -> Bool {
        try await pool.execute("UPDATE users SET password_hash = ?, salt = ?, updated_at = NOW(6) WHERE username = ? AND deleted_at IS NULL",
                               [.text(passwordHash), .text(salt), .text(username)], idempotent: true).affectedRows == 1
    }

    /// Deletes a user and their memberships; false when unknown.
    @discardableResult
    public func deleteUser(uuid: String) async throws -> Bool {
        try await pool.transaction { conn in
            try conn.execute("DELETE m FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.uuid = ?", [.text(uuid)])
            return try conn.execute("DELETE FROM users WHERE uuid = ?", [.text(uuid)]).affectedRows == 1
        }
    }

    /// Makes sure the configured first admin exists: creates it with this hash and salt if absent
    /// (an existing user keeps its password and uuid, and is made admin), and gives it the admin
    /// role in the `default` tenant. Safe when several processes start at once.
    @discardableResult
    public func ensureAdmin(username: String, passwordHash: String, salt: String) async throws -> User {
        let userUUID = UUID().uuidString.lowercased(), tenantUUID = UUID().uuidString.lowercased()
        return try await pool.transaction { conn in
            try conn.execute("""
                INSERT INTO users (uuid, username, password_hash, salt, email, status, is_admin, created_at, updated_at)
                VALUES (?, ?, ?, ?, '', ?, 1, NOW(6), NOW(6))
                ON DUPLICATE KEY UPDATE is_admin = 1, deleted_at = NULL
                """, [.text(userUUID), .text(username), .text(passwordHash), .text(salt), .int(UserStatus.available.rawValue)])
            try conn.execute("INSERT IGNORE INTO tenants (uuid, name, created_at) VALUES (?, ?, NOW(6))",
                             [.text(tenantUUID), .text(Self.defaultTenant)])
            try conn.execute("""
                INSERT INTO memberships (user_id, tenant_id, role, created_at)
                SELECT u.id, t.id, ?, NOW(6) FROM users u, tenants t WHERE u.username = ? AND t.name = ?
                ON DUPLICATE KEY UPDATE role = VALUES(role)
                """, [.text(Role.admin.rawValue), .text(username), .text(Self.defaultTenant)])
            guard let row = try conn.query("SELECT \(Self.userColumns) FROM users u WHERE u.username = ?", [.text(username)],
                                           idempotent: false).first else {
                throw KubefateError(.internal, "admin \(username) vanished after insert")
            }
            return try Self.user(row)
        }
    }
}
