import KFModels

/// The statuses in which a worker holds a job.
private let held = "(\(JobStatus.running.rawValue), \(JobStatus.stopping.rawValue))"

extension JobRepository {
    /// Claims the job for `owner` with a lease of `lease`, if it is Pending or its previous lease
    /// expired (or was released). One conditional UPDATE increments `attempt` (the fencing token);
    /// the cluster moves to Creating/Updating/Deleting in the same transaction. A Stopping job stays
    /// Stopping (the claimant must cancel it). Returns nil when the job is not claimable (unknown,
    /// ended, or held by a live lease).
    public func claim(jobID: String, owner: String, lease: Duration) async throws -> JobClaim? {
        let micros = lease.microseconds
        return try await pool.transaction { conn in
            let r = try conn.execute("""
                UPDATE jobs SET status = IF(status = \(JobStatus.stopping.rawValue), status, \(JobStatus.running.rawValue)),
                       lease_owner = ?, lease_until = NOW(6) + INTERVAL ? MICROSECOND, attempt = attempt + 1, updated_at = NOW(6)
                WHERE uuid = ? AND deleted_at IS NULL
                  AND (status = \(JobStatus.pending.rawValue)
                       OR (status IN \(held) AND (lease_until IS NULL OR lease_until < NOW(6))))
                """, [.text(owner), .int(micros), .text(jobID)])
            guard r.affectedRows == 1 else { return nil }
            guard let row = try conn.query("SELECT \(Rows.jobColumns) FROM jobs j WHERE j.uuid = ?", [.text(jobID)], idempotent: false).first,
                  var cluster = try conn.loadCluster(uuid: try row.string(3), forUpdate: true)
            else { throw KubefateError(.internal, "claimed job \(jobID) or its cluster vanished", context: [.job: jobID]) }
            let job = try Rows.job(row)
            if let next = try? ClusterLifecycle.next(cluster.status, on: .jobClaimed(job.method)), next != cluster.status {
                try conn.setClusterStatus(cluster.uuid, next)
                cluster.status = next
            }
            return JobClaim(jobID: job.uuid, attempt: job.attempt, owner: owner, method: job.method, status: job.status,
                            cluster: cluster, args: job.metadata, spec: try Rows.jobSpec(row), creator: job.creator,
                            tenant: job.tenant, startTime: job.startTime, timeLimit: job.timeLimit,
                            leaseUntil: job.leaseUntil ?? .zero)
        }
    }

    /// Renews the lease for `lease` from now if the claim is still current.
    public func heartbeat(_ c: JobClaim, lease: Duration) async throws -> LeaseState {
        let micros = lease.microseconds
        return try await pool.withConnection { conn in
            try await conn.run { conn in
                let r = try conn.execute("""
                    UPDATE jobs SET lease_until = NOW(6) + INTERVAL ? MICROSECOND
                    WHERE uuid = ? AND attempt = ? AND lease_owner = ? AND status IN \(held)
                    """, [.int(micros), .text(c.jobID), .int(c.attempt), .text(c.owner)], idempotent: true)
                guard r.affectedRows == 1 else { return .lost }
                let rows = try conn.query("SELECT status, attempt FROM jobs WHERE uuid = ?", [.text(c.jobID)])
                guard let row = rows.first, try row.int(1) == Int64(c.attempt) else { return .lost }
                switch try Rows.enumValue(row, 0, JobStatus.self) {
                case .running: return .held
                case .stopping: return .stopRequested
                case .pending, .success, .failed, .rollback, .timeout, .canceled: return .lost
                }
            }
        }
    }

    /// Inserts or replaces the sub-job `s.moduleName` of the claimed job. Throws `.leaseLost` when
    /// the claim is stale.
    public func upsertSubJob(_ c: JobClaim, _ s: SubJob) async throws {
        try await pool.transaction { conn in
            try conn.fence(c)
            try conn.execute("""
                INSERT INTO sub_jobs (job_uuid, name, status, modules_status, pod_status, reason, start_time, end_time, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW(6))
                ON DUPLICATE KEY UPDATE status = VALUES(status), modules_status = VALUES(modules_status),
                  pod_status = VALUES(pod_status), reason = VALUES(reason), start_time = VALUES(start_time),
                  end_time = VALUES(end_time), updated_at = VALUES(updated_at)
                """, [.text(c.jobID), .text(s.moduleName), .text(s.status.rawValue), .text(s.modulesStatus.rawValue),
                      .text(s.podStatus), .text(s.reason), s.startTime.isZero ? .null : .timestamp(s.startTime),
                      s.endTime.isZero ? .null : .timestamp(s.endTime)])
        }
    }

    /// Appends `text` to the claimed job's `states` log. Throws `.leaseLost` when the claim is stale.
    public func appendState(_ c: JobClaim, _ text: String) async throws {
        let r = try await pool.execute("""
            UPDATE jobs SET states = JSON_ARRAY_APPEND(COALESCE(states, '[]'), '$', ?), updated_at = NOW(6)
            WHERE uuid = ? AND attempt = ? AND status IN \(held)
            """, [.text(text), .text(c.jobID), .int(c.attempt)])
        guard r.affectedRows == 1 else { throw KubefateError.leaseLost(job: c.jobID, attempt: c.attempt) }
    }

    /// Records the Helm release revision of the claimed job's cluster. Throws `.leaseLost` when stale.
    public func setHelmRevision(_ c: JobClaim, _ revision: Int) async throws {
        try await pool.transaction { conn in
            try conn.fence(c)
            try conn.execute("UPDATE clusters SET helm_revision = ?, updated_at = NOW(6) WHERE uuid = ?",
                             [.int(revision), .text(c.cluster.uuid)])
        }
    }

    /// Ends the claimed job with the terminal `status` (and `reason`), sets its end time, clears
    /// the lease and the cluster hold, and moves the cluster as `ClusterLifecycle` says (or to
    /// `clusterStatus` when given). A successful update also stores the new arguments on the cluster.
    ///
    /// Returns false, changing nothing, when the claim is stale or the job's status does not allow
    /// `status` (e.g. `Success` after a stop was requested: heartbeat then says `.stopRequested`).
    @discardableResult
    public func finish(_ c: JobClaim, status: JobStatus, reason: String?, clusterStatus: ClusterStatus? = nil) async throws -> Bool {
        let sources = JobLifecycle.finishSources(status)
        guard !sources.isEmpty else {
            throw KubefateError(.invalidArgument, "\(status) is not a terminal job status", context: [.status: status.name, .job: c.jobID])
        }
        let next = clusterStatus ?? ClusterLifecycle.status(after: c.method, endedWith: status)
        return try await pool.transaction { conn in
            let r = try conn.execute("""
                UPDATE jobs SET status = ?, reason = ?, end_time = NOW(6), active_key = NULL, lease_owner = NULL,
                       lease_until = NULL, updated_at = NOW(6)
                WHERE uuid = ? AND attempt = ? AND status IN (\(Rows.placeholders(sources.count)))
                """, [.int(status.rawValue), .optional(reason), .text(c.jobID), .int(c.attempt)] + sources.map { .int($0.rawValue) })
            guard r.affectedRows == 1 else { return false }
            switch (c.method, status) {
            case (.clusterInstall, .success):
                try conn.execute("UPDATE clusters SET status = ?, revision = revision + 1, updated_at = NOW(6) WHERE uuid = ?",
                                 [.int(next.rawValue), .text(c.cluster.uuid)])
            case (.clusterUpdate, .success):
                try conn.execute("""
                    UPDATE clusters SET status = ?, revision = revision + 1, chart_name = COALESCE(?, chart_name),
                           chart_version = COALESCE(?, chart_version), `values` = COALESCE(?, `values`),
                           spec = COALESCE(?, spec), updated_at = NOW(6)
                    WHERE uuid = ?
                    """, [.int(next.rawValue), .optional(c.args?.chartName), .optional(c.args?.chartVersion),
                          .optional(c.args?.dataText), .optional(try c.spec.map(Rows.encodeJSON)), .text(c.cluster.uuid)])
            default:
                try conn.setClusterStatus(c.cluster.uuid, next)
            }
            return true
        }
    }

    /// Gives the job up without ending it (graceful worker shutdown): clears the lease so another
    /// worker may claim it at once, and queues an outbox row so one is told to. Returns false when
    /// the claim was already stale.
    @discardableResult
    public func release(_ c: JobClaim) async throws -> Bool {
        try await pool.transaction { conn in
            let r = try conn.execute("""
                UPDATE jobs SET lease_owner = NULL, lease_until = NULL, updated_at = NOW(6)
                WHERE uuid = ? AND attempt = ? AND status IN \(held)
                """, [.text(c.jobID), .int(c.attempt)])
            guard r.affectedRows == 1 else { return false }
            try conn.insertOutbox(jobID: c.jobID)
            return true
        }
    }
}

extension MariaDBConnection {
    /// Locks the claimed job's row in share mode if the claim is current; throws `.leaseLost` otherwise.
    func fence(_ c: JobClaim) throws {
        let rows = try query("SELECT 1 FROM jobs WHERE uuid = ? AND attempt = ? AND status IN \(held) LOCK IN SHARE MODE",
                             [.text(c.jobID), .int(c.attempt)], idempotent: false)
        guard !rows.isEmpty else { throw KubefateError.leaseLost(job: c.jobID, attempt: c.attempt) }
    }
}

extension Duration {
    /// Whole microseconds (rounded down).
    var microseconds: Int64 {
        let (s, atto) = components
        return s * 1_000_000 + atto / 1_000_000_000_000
    }
}
