import KFModels

extension JobRepository {
    /// Asks the job to stop and returns it afterwards (nil when unknown).
    ///
    /// A job no worker ever claimed is Canceled at once (an install's cluster is deleted with it).
    /// A running install (or a requeued one) becomes Stopping; its worker cancels it at the next
    /// step. Stopping again is a no-op. Anything else throws `.invalidState` with KubeFATE's
    /// wording (`job status is Success, not support stop`, `ClusterUpdate type jobs do not support stop`).
    public func requestStop(jobID: String) async throws -> Job? {
        try await pool.transaction { conn in
            let canceled = try conn.execute("""
                UPDATE jobs SET status = ?, reason = 'canceled before start', end_time = NOW(6), active_key = NULL, updated_at = NOW(6)
                WHERE uuid = ? AND status = ? AND attempt = 0 AND deleted_at IS NULL
                """, [.int(JobStatus.canceled.rawValue), .text(jobID), .int(JobStatus.pending.rawValue)])
            if canceled.affectedRows == 1 {
                guard let job = try conn.loadJob(uuid: jobID) else { return nil }
                if let cluster = try conn.loadCluster(uuid: job.clusterID, forUpdate: true),
                   let next = try? ClusterLifecycle.next(cluster.status, on: .jobCanceledBeforeStart(job.method)),
                   next != cluster.status {
                    try conn.setClusterStatus(cluster.uuid, next)
                }
                return job
            }
            let stopping = try conn.execute("""
                UPDATE jobs SET status = ?, updated_at = NOW(6)
                WHERE uuid = ? AND method = ? AND deleted_at IS NULL AND (status = ? OR (status = ? AND attempt > 0))
                """, [.int(JobStatus.stopping.rawValue), .text(jobID), .text(JobMethod.clusterInstall.rawValue),
                      .int(JobStatus.running.rawValue), .int(JobStatus.pending.rawValue)])
            guard let job = try conn.loadJob(uuid: jobID) else { return nil }
            if stopping.affectedRows == 1 || job.status == .stopping { return job }
            // Not stoppable: let the state machine say why (it throws for every remaining case).
            _ = try JobLifecycle.next(job.status, on: .requestStop(method: job.method, started: job.attempt > 0))
            throw KubefateError(.conflict, "job \(jobID) changed concurrently; retry", context: [.job: jobID, .status: job.status.name])
        }
    }
}
