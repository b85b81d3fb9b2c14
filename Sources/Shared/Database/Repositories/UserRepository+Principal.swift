import Foundation
import KFModels

/// What the API needs to authorise one token: the user (nil when unknown or deleted), their
/// memberships, and whether the token was revoked.
public struct PrincipalRecord: Sendable, Hashable {
    public var user: User?
    public var memberships: [Membership]
    public var revoked: Bool
}

extension UserRepository {
    /// Loads the user, their memberships and the revocation state of token `jti` on one
    /// connection (three indexed reads, one round trip each, no transaction).
    public func principal(username: String, tokenID: String) async throws -> PrincipalRecord {
        try await pool.withConnection { conn in
            try await conn.run { conn in
                let revoked = try !conn.query("SELECT 1 FROM revoked_tokens WHERE jti = ?", [.text(tokenID)]).isEmpty
                guard let row = try conn.query("SELECT \(Self.userColumns) FROM users u WHERE u.username = ? AND u.deleted_at IS NULL",
                                               [.text(username)]).first else {
                    return PrincipalRecord(user: nil, memberships: [], revoked: revoked)
                }
                let user = try Self.user(row)
                let memberships = try conn.query("""
                    SELECT m.role, \(Self.tenantColumns) FROM memberships m JOIN tenants t ON t.id = m.tenant_id
                    WHERE m.user_id = ? ORDER BY t.id
                    """, [.int(user.id)]).map(Self.membership)
                return PrincipalRecord(user: user, memberships: memberships, revoked: revoked)
            }
        }
    }

    static func membership(_ r: SQLRow) throws -> Membership {
        let name = try r.string(0)
        guard let role = Role(rawValue: name) else { throw MariaDBError.usage("memberships.role: unknown \(name)") }
        return Membership(tenant: try Self.tenant(r, offset: 1), role: role)
    }

    /// Revokes token `tokenID` until `expiresAt` (after which it is refused as expired anyway);
    /// also deletes revocations that have run out. Revoking twice is harmless.
    public func revokeToken(_ tokenID: String, expiresAt: Date) async throws {
        try await pool.execute("INSERT IGNORE INTO revoked_tokens (jti, expires_at) VALUES (?, ?)",
                               [.text(tokenID), .timestamp(Timestamp(expiresAt))], idempotent: true)
        try await pool.execute("DELETE FROM revoked_tokens WHERE expires_at < UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE", idempotent: true)
    }

    /// Whether token `tokenID` was revoked.
    public func isRevoked(tokenID: String) async throws -> Bool {
        try await !pool.query("SELECT 1 FROM revoked_tokens WHERE jti = ?", [.text(tokenID)]).isEmpty
    }
}
