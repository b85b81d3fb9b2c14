import KFModels

extension AuditRepository {
    /// Entries newest first, at most `limit`, with ids below `before` when given (paging), of
    /// `tenants` only when given (a tenant admin's view; nil: every entry).
    public func entries(tenants: [String]?, limit: Int, before: Int64? = nil) async throws -> [AuditEntry] {
        var conditions: [String] = []
        var params: [SQLValue] = []
        if let before {
            conditions.append("id < ?")
            params.append(.int(before))
        }
        if let tenants {
            guard !tenants.isEmpty else { return [] }
            conditions.append("tenant_uuid IN (\(Rows.placeholders(tenants.count)))")
            params += tenants.map { .text($0) }
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        params.append(.int(limit))
        return try await pool.query("""
            SELECT id, at, actor, tenant_uuid, action, target, outcome, detail FROM audit_log \(whereClause) ORDER BY id DESC LIMIT ?
            """, params).map { r in
            AuditEntry(id: try r.int(0), at: try r.timestamp(1), actor: try r.string(2), tenant: try r.optionalString(3),
                       action: try r.string(4), target: try r.string(5), outcome: try r.string(6), detail: try r.optionalString(7))
        }
    }
}
