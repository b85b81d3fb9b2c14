import KFModels

/// One audit record: who did what to what, and how it ended.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var at: Timestamp
    public var actor: String
    public var tenant: String?
    /// e.g. `cluster.install`, `job.stop`, `user.login`.
    public var action: String
    /// e.g. a job or cluster uuid, or a username.
    public var target: String
    /// e.g. `ok`, `denied`, `conflict`.
    public var outcome: String
    /// Free text or JSON, never secrets.
    public var detail: String?

    public init(id: Int64 = 0, at: Timestamp = .now(), actor: String, tenant: String? = nil, action: String, target: String = "",
                outcome: String = "ok", detail: String? = nil) {
        self.id = id
        self.at = at
        self.actor = actor
        self.tenant = tenant
        self.action = action
        self.target = target
        self.outcome = outcome
        self.detail = detail
    }
}

/// The append-only audit log.
public struct AuditRepository: Sendable {
    public let pool: MariaDBPool

    public init(pool: MariaDBPool) { self.pool = pool }

    /// Appends `entry` (its `id` is ignored); returns the stored id.
    @discardableResult
    public func record(_ entry: AuditEntry) async throws -> Int64 {
        let r = try await pool.execute("""
            INSERT INTO audit_log (at, actor, tenant_uuid, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.timestamp(entry.at), .text(entry.actor), .optional(entry.tenant), .text(entry.action), .text(entry.target),
                  .text(entry.outcome), .optional(entry.detail)])
        return Int64(r.lastInsertID)
    }

    /// The newest entries (optionally of one actor), newest first.
    public func recent(limit: Int = 100, actor: String? = nil) async throws -> [AuditEntry] {
        let columns = "id, at, actor, tenant_uuid, action, target, outcome, detail"
        let rows = if let actor {
            try await pool.query("SELECT \(columns) FROM audit_log WHERE actor = ? ORDER BY id DESC LIMIT ?", [.text(actor), .int(limit)])
        } else {
            try await pool.query("SELECT \(columns) FROM audit_log ORDER BY id DESC LIMIT ?", [.int(limit)])
        }
        return try rows.map { r in
            AuditEntry(id: try r.int(0), at: try r.timestamp(1), actor: try r.string(2), tenant: try r.optionalString(3),
                       action: try r.string(4), target: try r.string(5), outcome: try r.string(6), detail: try r.optionalString(7))
        }
    }
}
