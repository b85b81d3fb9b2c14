import KFModels

/// The transactional outbox: rows written with job changes, relayed to the queue, then marked.
/// Several relays may read the same rows; duplicates are harmless (claims deduplicate).
public struct OutboxRepository: Sendable {
    public let pool: MariaDBPool

    public init(pool: MariaDBPool) { self.pool = pool }

    /// Unpublished rows, oldest first.
    public func pending(limit: Int) async throws -> [OutboxMessage] {
        try await pool.query("SELECT id, job_uuid FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?", [.int(max(0, limit))])
            .map { OutboxMessage(id: try $0.int(0), jobID: try $0.string(1)) }
    }

    /// Marks rows as published (idempotent).
    public func markPublished(ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        let chunk = Self.chunk
        try await pool.withConnection { conn in
            try await conn.run { conn in
                for start in stride(from: 0, to: ids.count, by: chunk) {
                    var part = Array(ids[start..<min(start + chunk, ids.count)])
                    // Pad with a repeated id so one cached statement serves every batch size.
                    part += Array(repeating: part[0], count: chunk - part.count)
                    try conn.execute("UPDATE outbox SET published_at = NOW(6) WHERE published_at IS NULL AND id IN (\(Rows.placeholders(chunk)))",
                                     part.map { .int($0) }, idempotent: true)
                }
            }
        }
    }

    /// Deletes rows published more than `age` ago (at most `limit`); returns how many.
    @discardableResult
    public func purgePublished(olderThan age: Duration, limit: Int = 10_000) async throws -> Int {
        Int(try await pool.execute("DELETE FROM outbox WHERE published_at < NOW(6) - INTERVAL ? MICROSECOND LIMIT ?",
                                   [.int(age.microseconds), .int(limit)], idempotent: true).affectedRows)
    }

    /// Unpublished rows (for readiness and metrics).
    public func backlog() async throws -> Int {
        Int(try await pool.query("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL").first?.int(0) ?? 0)
    }

    private static let chunk = 64
}
