import KFModels

extension JobRepository {
    /// Handles up to `limit` jobs whose lease expired: a job whose lease expired fewer than
    /// `maxAttempts` times goes back to Pending (a Stopping job stays Stopping, claimable) with a
    /// new outbox row; the others end Failed with the reason "lease expired N times" and their
    /// cluster becomes Failed. Leases released by `release` (graceful shutdown) do not count.
    ///
    /// Safe with many concurrent reapers: rows are taken with `FOR UPDATE SKIP LOCKED`, so each
    /// expired job is handled by exactly one of them, and every update is fenced by `attempt`.
    public func reapExpired(maxAttempts: Int, limit: Int) async throws -> [ReapOutcome] {
        try await pool.transaction { conn in
            let rows = try conn.query("""
                SELECT uuid, attempt, status, method, cluster_uuid, lease_expiries + 1 FROM jobs
                WHERE status IN (?, ?) AND lease_until < NOW(6)
                ORDER BY lease_until LIMIT ? FOR UPDATE SKIP LOCKED
                """, [.int(JobStatus.running.rawValue), .int(JobStatus.stopping.rawValue), .int(max(0, limit))], idempotent: false)
            var outcomes: [ReapOutcome] = []
            for r in rows {
                let jobID = try r.string(0), attempt = Int(try r.int(1)), cluster = try r.string(4)
                let status = try Rows.enumValue(r, 2, JobStatus.self), expiries = Int(try r.int(5))
                guard let method = JobMethod(rawValue: try r.string(3)) else { continue }
                let next = try JobLifecycle.next(status, on: .leaseExpired(expiries: expiries, maxAttempts: maxAttempts))
                switch next {
                case .pending, .stopping:
                    let u = try conn.execute("""
                        UPDATE jobs SET status = ?, lease_owner = NULL, lease_until = NULL, lease_expiries = lease_expiries + 1,
                               updated_at = NOW(6)
                        WHERE uuid = ? AND attempt = ? AND status = ?
                        """, [.int(next.rawValue), .text(jobID), .int(attempt), .int(status.rawValue)])
                    guard u.affectedRows == 1 else { continue }
                    try conn.insertOutbox(jobID: jobID)
                    outcomes.append(.requeued(jobID: jobID, attempt: attempt))
                case .failed:
                    let u = try conn.execute("""
                        UPDATE jobs SET status = ?, reason = ?, end_time = NOW(6), active_key = NULL, lease_owner = NULL,
                               lease_until = NULL, lease_expiries = lease_expiries + 1, updated_at = NOW(6)
                        WHERE uuid = ? AND attempt = ? AND status = ?
                        """, [.int(next.rawValue), .text(JobLifecycle.exhaustedReason(expiries: expiries)), .text(jobID),
                              .int(attempt), .int(status.rawValue)])
                    guard u.affectedRows == 1 else { continue }
                    try conn.setClusterStatus(cluster, ClusterLifecycle.status(abandonedBy: method))
                    outcomes.append(.failed(jobID: jobID, attempts: expiries))
                case .running, .success, .rollback, .timeout, .canceled:
                    continue
                }
            }
            return outcomes
        }
    }
}

extension JobRepository {
    /// Republishes up to `limit` jobs that have waited Pending longer than `olderThan` with no
    /// unpublished outbox row: their queue message was lost (a broker that dropped it, a queue
    /// deleted and recreated), and nothing else would ever deliver them again. Each gets a new
    /// outbox row and a fresh `updated_at`, so it is republished at most once per `olderThan`.
    /// A duplicate delivery of a job that was merely waiting is harmless: only one claim succeeds.
    /// Returns the ids republished.
    public func republishStalePending(olderThan: Duration, limit: Int) async throws -> [String] {
        let micros = olderThan.components.seconds * 1_000_000 + olderThan.components.attoseconds / 1_000_000_000_000
        return try await pool.transaction { conn in
            let rows = try conn.query("""
                SELECT j.uuid FROM jobs j
                WHERE j.status = ? AND j.updated_at < NOW(6) - INTERVAL ? MICROSECOND
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.job_uuid = j.uuid AND o.published_at IS NULL)
                ORDER BY j.updated_at LIMIT ? FOR UPDATE SKIP LOCKED
                """, [.int(JobStatus.pending.rawValue), .int(Int(micros)), .int(max(0, limit))], idempotent: false)
            var republished: [String] = []
            for r in rows {
                let jobID = try r.string(0)
                let u = try conn.execute("UPDATE jobs SET updated_at = NOW(6) WHERE uuid = ? AND status = ?",
                                         [.text(jobID), .int(JobStatus.pending.rawValue)])
                guard u.affectedRows == 1 else { continue }
                try conn.insertOutbox(jobID: jobID)
                republished.append(jobID)
            }
            return republished
        }
    }
}
