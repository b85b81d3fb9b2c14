import KFDatabase

extension JobRepository {
    /// How many times a reaper has taken a job back from a worker whose lease expired, derived from
    /// what the reaper writes: every requeue adds an outbox row beyond the one each submission
    /// writes, and every job given up on ends with the reason "lease expired N times".
    /// (No counter column exists yet; if one is added, read it here instead.)
    func leaseExpiryCount() async throws -> Int {
        let rows = try await pool.query("""
            SELECT (SELECT COUNT(*) FROM outbox) - (SELECT COUNT(*) FROM jobs)
                 + (SELECT COUNT(*) FROM jobs WHERE reason LIKE 'lease expired%')
            """)
        guard let row = rows.first else { return 0 }
        return max(0, Int(try row.int(0)))
    }
}
