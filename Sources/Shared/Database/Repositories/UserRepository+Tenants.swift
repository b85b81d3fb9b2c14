import Foundation
import KFModels

extension UserRepository {
    static let tenantColumns = "t.id, t.uuid, t.name, t.created_at, t.cluster_quota, t.job_quota"

    static func tenant(_ r: SQLRow, offset: Int = 0) throws -> Tenant {
        Tenant(uuid: try r.string(offset + 1), name: try r.string(offset + 2), id: try r.int(offset), createdAt: try r.timestamp(offset + 3),
               clusterQuota: try r.optionalInt(offset + 4).map { Int($0) }, jobQuota: try r.optionalInt(offset + 5).map { Int($0) })
    }

    /// Creates a tenant; `.conflict` when the name is taken.
    public func createTenant(name: String) async throws -> Tenant {
        let uuid = UUID().uuidString.lowercased()
        do {
            try await pool.execute("INSERT INTO tenants (uuid, name, created_at) VALUES (?, ?, NOW(6))", [.text(uuid), .text(name)])
        } catch let e as MariaDBError where e.isDuplicateKey {
            throw KubefateError(.conflict, "tenant \(name) already exists", context: [.field: "name"])
        }
        guard let t = try await tenant(uuid: uuid) else { throw KubefateError(.internal, "tenant \(name) vanished after insert") }
        return t
    }

    public func tenant(name: String) async throws -> Tenant? {
        try await pool.query("SELECT \(Self.tenantColumns) FROM tenants t WHERE t.name = ?", [.text(name)]).first.map { try Self.tenant($0) }
    }

    public func tenant(uuid: String) async throws -> Tenant? {
        try await pool.query("SELECT \(Self.tenantColumns) FROM tenants t WHERE t.uuid = ?", [.text(uuid)]).first.map { try Self.tenant($0) }
    }

    public func tenants() async throws -> [Tenant] {
        try await pool.query("SELECT \(Self.tenantColumns) FROM tenants t ORDER BY t.id").map { try Self.tenant($0) }
    }

    /// Gives `username` the `role` in tenant `tenantID` (replacing an earlier role); `.notFound`
    /// when the user or tenant does not exist.
    public func setMembership(username: String, tenantID: String, role: Role) async throws {
        let r = try await pool.execute("""
            INSERT INTO memberships (user_id, tenant_id, role, created_at)
            SELECT u.id, t.id, ?, NOW(6) FROM users u, tenants t WHERE u.username = ? AND u.deleted_at IS NULL AND t.uuid = ?
            ON DUPLICATE KEY UPDATE role = VALUES(role)
            """, [.text(role.rawValue), .text(username), .text(tenantID)], idempotent: true)
        guard r.affectedRows > 0 else {
            throw KubefateError(.notFound, "user \(username) or tenant \(tenantID) not found", context: [.field: "username"])
        }
    }

    /// Removes `username` from the tenant; false when they were not a member.
    @discardableResult
    public func removeMembership(username: String, tenantID: String) async throws -> Bool {
        try await pool.execute("""
            DELETE m FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
            WHERE u.username = ? AND t.uuid = ?
            """, [.text(username), .text(tenantID)], idempotent: true).affectedRows > 0
    }

    /// The tenants `username` belongs to, with their role in each.
    public func memberships(username: String) async throws -> [Membership] {
        try await pool.query("""
            SELECT m.role, \(Self.tenantColumns) FROM memberships m JOIN users u ON u.id = m.user_id
            JOIN tenants t ON t.id = m.tenant_id WHERE u.username = ? ORDER BY t.id
            """, [.text(username)]).map(Self.membership)
    }

    /// Assigns the namespace to `tenantID` unless another tenant owns it already; returns the
    /// owner's uuid (compare with `tenantID`). Race-free: the namespace is the primary key.
    public func claimNamespace(_ namespace: String, tenantID: String) async throws -> String {
        try await pool.transaction { conn in
            try conn.execute("""
                INSERT IGNORE INTO namespaces (name, tenant_id, created_at) SELECT ?, t.id, NOW(6) FROM tenants t WHERE t.uuid = ?
                """, [.text(namespace), .text(tenantID)])
            guard let row = try conn.query("SELECT t.uuid FROM namespaces n JOIN tenants t ON t.id = n.tenant_id WHERE n.name = ?",
                                           [.text(namespace)], idempotent: false).first else {
                throw KubefateError(.notFound, "tenant \(tenantID) not found", context: [.field: "tenant"])
            }
            return try row.string(0)
        }
    }

    /// The uuid of the tenant owning `namespace`, or nil when unowned.
    public func namespaceOwner(_ namespace: String) async throws -> String? {
        try await pool.query("SELECT t.uuid FROM namespaces n JOIN tenants t ON t.id = n.tenant_id WHERE n.name = ?", [.text(namespace)])
            .first.map { try $0.string(0) }
    }

    /// The namespaces `tenantID` owns, sorted.
    public func namespaces(tenantID: String) async throws -> [String] {
        try await pool.query("SELECT n.name FROM namespaces n JOIN tenants t ON t.id = n.tenant_id WHERE t.uuid = ? ORDER BY n.name",
                             [.text(tenantID)]).map { try $0.string(0) }
    }

    /// Gives up the tenant's ownership of `namespace`; false when it did not own it.
    @discardableResult
    public func releaseNamespace(_ namespace: String, tenantID: String) async throws -> Bool {
        try await pool.execute("DELETE n FROM namespaces n JOIN tenants t ON t.id = n.tenant_id WHERE n.name = ? AND t.uuid = ?",
                               [.text(namespace), .text(tenantID)], idempotent: true).affectedRows > 0
    }
}

extension UserRepository {
    /// The tenant owning `namespace` (with its quotas), or nil when unowned.
    public func namespaceTenant(_ namespace: String) async throws -> Tenant? {
        try await pool.query("SELECT \(Self.tenantColumns) FROM namespaces n JOIN tenants t ON t.id = n.tenant_id WHERE n.name = ?",
                             [.text(namespace)]).first.map { try Self.tenant($0) }
    }
}
