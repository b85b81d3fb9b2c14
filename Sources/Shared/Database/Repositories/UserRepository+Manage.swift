import Foundation
import KFModels

/// What `updateUser` changes; nil fields stay as they are.
public struct UserChanges: Sendable, Hashable {
    public var email: String?
    public var status: UserStatus?
    public var isAdmin: Bool?
    /// A new password's hash and salt (both set, or neither).
    public var passwordHash: String?
    public var salt: String?

    public init(email: String? = nil, status: UserStatus? = nil, isAdmin: Bool? = nil) {
        self.email = email
        self.status = status
        self.isAdmin = isAdmin
    }

    public var isEmpty: Bool { email == nil && status == nil && isAdmin == nil && passwordHash == nil }
}

/// A namespace with its owner, as the namespace list shows it.
public struct OwnedNamespace: Sendable, Hashable {
    public var name: String
    public var tenant: String
    public var createdAt: Timestamp
}

extension UserRepository {
    /// Applies `changes` to the user with this uuid and returns it afterwards; nil when unknown.
    public func updateUser(uuid: String, _ changes: UserChanges) async throws -> User? {
        var sets = ["updated_at = NOW(6)"]
        var params: [SQLValue] = []
        if let email = changes.email { sets.append("email = ?"); params.append(.text(email)) }
        if let status = changes.status { sets.append("status = ?"); params.append(.int(status.rawValue)) }
        if let admin = changes.isAdmin { sets.append("is_admin = ?"); params.append(.bool(admin)) }
        if let hash = changes.passwordHash, let salt = changes.salt {
            sets.append("password_hash = ?, salt = ?")
            params += [.text(hash), .text(salt)]
        }
        params.append(.text(uuid))
        do {
            let r = try await pool.execute("UPDATE users SET \(sets.joined(separator: ", ")) WHERE uuid = ? AND deleted_at IS NULL",
                                           params, idempotent: true)
            guard r.affectedRows == 1 else { return nil }
        } catch let e as MariaDBError where e.tooLongColumn != nil {
            let field = e.tooLongColumn == "password_hash" ? "password" : e.tooLongColumn ?? ""
            throw KubefateError.invalid(field, "\(field) is too long")
        }
        return try await user(uuid: uuid)
    }

    /// The tenant by uuid or, failing that, by name.
    public func tenant(reference: String) async throws -> Tenant? {
        if let t = try await tenant(uuid: reference) { return t }
        return try await tenant(name: reference)
    }

    /// Creates a tenant with quotas (nil: unlimited); `.conflict` when the name is taken.
    public func createTenant(name: String, clusterQuota: Int?, jobQuota: Int?) async throws -> Tenant {
        let created = try await createTenant(name: name)
        return try await setQuotas(tenantID: created.uuid, clusterQuota: clusterQuota, jobQuota: jobQuota) ?? created
    }

    /// Replaces the tenant's quotas (nil: unlimited); returns it afterwards, nil when unknown.
    public func setQuotas(tenantID: String, clusterQuota: Int?, jobQuota: Int?) async throws -> Tenant? {
        let r = try await pool.execute("UPDATE tenants SET cluster_quota = ?, job_quota = ? WHERE uuid = ?",
                                       [.optional(clusterQuota.map(Int64.init)), .optional(jobQuota.map(Int64.init)), .text(tenantID)],
                                       idempotent: true)
        guard r.affectedRows == 1 else { return nil }
        return try await tenant(uuid: tenantID)
    }

    /// Deletes a tenant and its memberships. `.conflict` while it owns namespaces (release them
    /// first); false when unknown.
    @discardableResult
    public func deleteTenant(uuid: String) async throws -> Bool {
        try await pool.transaction { conn in
            guard let row = try conn.query("SELECT id, name FROM tenants WHERE uuid = ? FOR UPDATE", [.text(uuid)], idempotent: false).first else {
                return false
            }
            let id = try row.int(0), name = try row.string(1)
            let owned = try conn.query("SELECT COUNT(*) FROM namespaces WHERE tenant_id = ?", [.int(id)], idempotent: false).first?.int(0) ?? 0
            if owned > 0 {
                throw KubefateError(.conflict, "tenant \(name) still owns \(owned) namespace(s); remove them first", context: [.tenant: name])
            }
            try conn.execute("DELETE FROM memberships WHERE tenant_id = ?", [.int(id)])
            return try conn.execute("DELETE FROM tenants WHERE id = ?", [.int(id)]).affectedRows == 1
        }
    }

    /// The members of a tenant with their roles, by username.
    public func members(tenantID: String) async throws -> [(user: User, role: Role)] {
        try await pool.query("""
            SELECT \(Self.userColumns), m.role FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
            WHERE t.uuid = ? AND u.deleted_at IS NULL ORDER BY u.username
            """, [.text(tenantID)]).map { r in
            let name = try r.string(9)
            guard let role = Role(rawValue: name) else { throw MariaDBError.usage("memberships.role: unknown \(name)") }
            return (try Self.user(r), role)
        }
    }

    /// Owned namespaces, sorted by name: all of them (`tenants` nil) or those of these tenants.
    public func ownedNamespaces(tenants: [String]?) async throws -> [OwnedNamespace] {
        var sql = "SELECT n.name, t.uuid, n.created_at FROM namespaces n JOIN tenants t ON t.id = n.tenant_id"
        var params: [SQLValue] = []
        if let tenants {
            if tenants.isEmpty { return [] }
            sql += " WHERE t.uuid IN (\(Rows.placeholders(tenants.count)))"
            params = tenants.map { .text($0) }
        }
        return try await pool.query(sql + " ORDER BY n.name", params).map { r in
            OwnedNamespace(name: try r.string(0), tenant: try r.string(1), createdAt: try r.timestamp(2))
        }
    }

    /// Grants `namespace` to tenant `tenantID`. Granting again to the same owner is a no-op;
    /// `.conflict` when another tenant owns it; `.notFound` for an unknown tenant.
    public func grantNamespace(_ namespace: String, tenantID: String) async throws {
        let owner = try await claimNamespace(namespace, tenantID: tenantID)
        guard owner == tenantID else {
            throw KubefateError(.conflict, "namespace \(namespace) belongs to another tenant", context: [.namespace: namespace])
        }
    }

    /// Removes the ownership record of `namespace`. `.conflict` while live clusters are in it;
    /// false when nobody owns it.
    @discardableResult
    public func deleteNamespace(_ namespace: String) async throws -> Bool {
        try await pool.transaction { conn in
            guard try !conn.query("SELECT 1 FROM namespaces WHERE name = ? FOR UPDATE", [.text(namespace)], idempotent: false).isEmpty else {
                return false
            }
            let live = try conn.query("SELECT COUNT(*) FROM clusters WHERE namespace = ? AND live = 1", [.text(namespace)], idempotent: false)
                .first?.int(0) ?? 0
            if live > 0 {
                throw KubefateError(.conflict, "namespace \(namespace) still has \(live) live cluster(s)", context: [.namespace: namespace])
            }
            return try conn.execute("DELETE FROM namespaces WHERE name = ?", [.text(namespace)]).affectedRows == 1
        }
    }
}
