import KFModels

/// A remembered request: `actor` sent `key` with a body hashing to `requestHash` and got `jobID`.
public struct IdempotencyRecord: Sendable, Hashable {
    public var actor: String
    public var key: String
    public var requestHash: String
    public var jobID: String?
    public var createdAt: Timestamp
}

/// Idempotency keys (`Idempotency-Key` header): a retried request with the same key and body
/// returns the first result instead of creating a second job.
public struct IdempotencyRepository: Sendable {
    public let pool: MariaDBPool

    public init(pool: MariaDBPool) { self.pool = pool }

    /// The record for (`actor`, `key`), or nil.
    public func find(actor: String, key: String) async throws -> IdempotencyRecord? {
        try await pool.query("SELECT actor, idem_key, request_hash, job_uuid, created_at FROM idempotency_keys WHERE actor = ? AND idem_key = ?",
                             [.text(actor), .text(key)]).first.map(Self.record)
    }

    /// Stores the record unless one exists for (`actor`, `key`); returns the stored one (the
    /// earlier record when the key was used before: compare its `requestHash` and `jobID`).
    public func remember(actor: String, key: String, requestHash: String, jobID: String?) async throws -> IdempotencyRecord {
        try await pool.transaction { conn in
            try conn.execute("""
                INSERT IGNORE INTO idempotency_keys (actor, idem_key, request_hash, job_uuid, created_at) VALUES (?, ?, ?, ?, NOW(6))
                """, [.text(actor), .text(key), .text(requestHash), .optional(jobID)])
            guard let row = try conn.query("SELECT actor, idem_key, request_hash, job_uuid, created_at FROM idempotency_keys WHERE actor = ? AND idem_key = ?",
                                           [.text(actor), .text(key)], idempotent: false).first else {
                throw KubefateError(.internal, "idempotency key vanished", context: [.field: "Idempotency-Key"])
            }
            return try Self.record(row)
        }
    }

    /// Forgets keys older than `age`; returns how many.
    @discardableResult
    public func purge(olderThan age: Duration) async throws -> Int {
        Int(try await pool.execute("DELETE FROM idempotency_keys WHERE created_at < NOW(6) - INTERVAL ? MICROSECOND",
                                   [.int(age.microseconds)], idempotent: true).affectedRows)
    }

    private static func record(_ r: SQLRow) throws -> IdempotencyRecord {
        IdempotencyRecord(actor: try r.string(0), key: try r.string(1), requestHash: try r.string(2), jobID: try r.optionalString(3),
                          createdAt: try r.timestamp(4))
    }
}
