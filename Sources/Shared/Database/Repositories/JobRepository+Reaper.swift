import KFModels

extension JobRepository {
    /// Handles up to `limit` jobs whose lease expired: a job with fewer than `maxAttempts` claims
    /// goes back to Pending (a Stopping job stays Stopping, claimable) with a new outbox row; the
    /// others end Failed with the reason "lease expired N times" and their cluster becomes Failed.
    ///
    /// Safe with many concurrent reapers: rows are taken with `FOR UPDATE SKIP LOCKED`, so each
    /// expired job is handled by exactly one of them, and every update is fenced by `attempt`.
    public func reapExpired(maxAttempts: Int, limit: Int) async throws -> [ReapOutcome] {
        try await pool.transaction { conn in
            let rows = try conn.query("""
                SELECT uuid, attempt, status, method, cluster_uuid FROM jobs
                WHERE status IN (?, ?) AND lease_until < NOW(6)
                ORDER BY lease_until LIMIT ? FOR UPDATE SKIP LOCKED
                """, [.int(JobStatus.running.rawValue), .int(JobStatus.stopping.rawValue), .int(max(0, limit))], idempotent: false)
            var outcomes: [ReapOutcome] = []
            for r in rows {
                let jobID = try r.string(0), attempt = Int(try r.int(1)), cluster = try r.string(4)
                let status = try Rows.enumValue(r, 2, JobStatus.self)
                guard let method = JobMethod(rawValue: try r.string(3)) else { continue }
                let next = try JobLifecycle.next(status, on: .leaseExpired(attempt: attempt, maxAttempts: maxAttempts))
                switch next {
                case .pending, .stopping:
                    let u = try conn.execute("""
                        UPDATE jobs SET status = ?, lease_owner = NULL, lease_until = NULL, updated_at = NOW(6)
                        WHERE uuid = ? AND attempt = ? AND status = ?
                        """, [.int(next.rawValue), .text(jobID), .int(attempt), .int(status.rawValue)])
                    guard u.affectedRows == 1 else { continue }
                    try conn.insertOutbox(jobID: jobID)
                    outcomes.append(.requeued(jobID: jobID, attempt: attempt))
                case .failed:
                    let u = try conn.execute("""
                        UPDATE jobs SET status = ?, reason = ?, end_time = NOW(6), active_key = NULL, lease_owner = NULL,
                               lease_until = NULL, updated_at = NOW(6)
                        WHERE uuid = ? AND attempt = ? AND status = ?
                        """, [.int(next.rawValue), .text(JobLifecycle.exhaustedReason(attempts: attempt)), .text(jobID),
                              .int(attempt), .int(status.rawValue)])
                    guard u.affectedRows == 1 else { continue }
                    try conn.setClusterStatus(cluster, ClusterLifecycle.status(abandonedBy: method))
                    outcomes.append(.failed(jobID: jobID, attempts: attempt))
                case .running, .success, .rollback, .timeout, .canceled:
                    continue
                }
            }
            return outcomes
        }
    }
}
