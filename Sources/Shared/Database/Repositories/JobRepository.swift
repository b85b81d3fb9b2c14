import KFModels

/// Jobs, their sub-jobs and clusters.
///
/// Every state change is one conditional `UPDATE` whose matched-row count decides the outcome
/// (never read-modify-write). Writes by a worker carry its `JobClaim` and are fenced by `attempt`:
/// once the job was reaped or claimed again, a stale worker's writes match no row.
public struct JobRepository: Sendable {
    public let pool: MariaDBPool

    public init(pool: MariaDBPool) { self.pool = pool }

    /// The job with its sub-jobs, or nil. One statement (the job left-joined with its sub-jobs, a
    /// row per sub-job), so polling a job costs one round trip and sees one consistent snapshot.
    public func job(uuid: String) async throws -> Job? {
        let rows = try await pool.query("""
            SELECT \(Rows.jobAnswerColumns), \(Rows.subJobColumns) FROM jobs j LEFT JOIN sub_jobs s ON s.job_uuid = j.uuid
            WHERE j.uuid = ? AND j.deleted_at IS NULL
            """, [.text(uuid)])
        guard let first = rows.first else { return nil }
        var job = try Rows.job(first)
        for r in rows where !r.isNull(Rows.jobColumnCount) {
            let sub = try Rows.subJob(r, from: Rows.jobColumnCount).subJob
            job.subJobs[sub.moduleName] = sub
        }
        return job
    }

    /// Jobs matching `filter`, newest first, with their sub-jobs.
    public func jobs(_ filter: JobFilter = JobFilter()) async throws -> [Job] {
        var sql = "SELECT \(Rows.jobAnswerColumns) FROM jobs j WHERE j.deleted_at IS NULL"
        var params: [SQLValue] = []
        if let tenants = filter.tenants {
            if tenants.isEmpty { return [] }
            sql += " AND j.tenant_uuid IN (\(Rows.placeholders(tenants.count)))"
            params += tenants.map { .text($0) }
        }
        if let creator = filter.creator {
            sql += " AND j.creator = ?"
            params.append(.text(creator))
        }
        if let statuses = filter.statuses {
            if statuses.isEmpty { return [] }
            sql += " AND j.status IN (\(Rows.placeholders(statuses.count)))"
            params += statuses.map { .int($0.rawValue) }
        }
        if let cluster = filter.clusterID {
            sql += " AND j.cluster_uuid = ?"
            params.append(.text(cluster))
        }
        if let before = filter.beforeID {
            sql += " AND j.id < ?"
            params.append(.int(before))
        }
        sql += " ORDER BY j.id DESC LIMIT ? OFFSET ?"
        params += [.int(max(0, filter.limit)), .int(max(0, filter.offset))]
        let query = sql, values = params
        return try await pool.withConnection { conn in
            try await conn.run { conn in
                var jobs = try conn.query(query, values).map(Rows.job)
                try conn.attachSubJobs(&jobs)
                return jobs
            }
        }
    }

    /// A job's sub-jobs, ordered by name.
    public func subJobs(jobID: String) async throws -> [SubJob] {
        try await pool.query("SELECT \(Rows.subJobColumns) FROM sub_jobs s WHERE s.job_uuid = ? ORDER BY s.name", [.text(jobID)])
            .map { try Rows.subJob($0).subJob }
    }

    /// The cluster (deleted ones included), or nil.
    public func cluster(uuid: String) async throws -> Cluster? {
        try await pool.query("SELECT \(Rows.clusterColumns) FROM clusters c WHERE c.uuid = ?", [.text(uuid)]).first.map(Rows.cluster)
    }

    /// The live (not deleted) cluster `namespace`/`name`, or nil.
    public func liveCluster(namespace: String, name: String) async throws -> Cluster? {
        try await pool.query("SELECT \(Rows.clusterColumns) FROM clusters c WHERE c.namespace = ? AND c.name = ? AND c.live = 1",
                             [.text(namespace), .text(name)]).first.map(Rows.cluster)
    }

    /// Clusters matching `filter`, in creation order. The page is chosen on ids alone (a covering
    /// index scan) and only its rows are read in full, so a deep `offset` stays cheap.
    public func clusters(_ filter: ClusterFilter = ClusterFilter()) async throws -> [Cluster] {
        try await clusterListings(filter).map { listing in
            var cluster = listing.cluster
            cluster.spec = try Rows.decodeJSON(JSONValue.self, listing.specJSON)
            return cluster
        }
    }

    /// `clusters(filter)` with each spec left as its stored JSON text (for answers that copy it).
    public func clusterListings(_ filter: ClusterFilter = ClusterFilter()) async throws -> [ClusterListing] {
        if let after = filter.afterID { return try await clusterListings(filter, after: after) }
        var inner = "SELECT id FROM clusters WHERE 1 = 1"
        var params: [SQLValue] = []
        if !filter.includeDeleted { inner += " AND live = 1" }
        if let tenants = filter.tenants {
            if tenants.isEmpty { return [] }
            inner += " AND tenant_uuid IN (\(Rows.placeholders(tenants.count)))"
            params += tenants.map { .text($0) }
        }
        inner += " ORDER BY id LIMIT ? OFFSET ?"
        params += [.int(max(0, filter.limit)), .int(max(0, filter.offset))]
        let sql = "SELECT \(Rows.clusterColumns) FROM clusters c JOIN (\(inner)) page ON page.id = c.id ORDER BY c.id"
        return try await pool.query(sql, params).map(Rows.clusterListing)
    }

    /// A keyset page: the rows after `after` in id order. A caller's live clusters are read from
    /// ranges of `ix_clusters_tenant_page (tenant_uuid, live, id)`, `limit` index entries per
    /// tenant (EXPLAIN: `range`, no filesort, for one tenant; for several, one such range per
    /// tenant, merged by a sort of at most tenants × limit ids). Without a tenant list, or with
    /// deleted clusters included, the optimizer picks its own way.
    private func clusterListings(_ filter: ClusterFilter, after: Int64) async throws -> [ClusterListing] {
        let limit = SQLValue.int(Int64(max(0, filter.limit)))
        guard let tenants = filter.tenants, !filter.includeDeleted else {
            var sql = "SELECT \(Rows.clusterColumns) FROM clusters c WHERE c.id > ?"
            var params: [SQLValue] = [.int(after)]
            if !filter.includeDeleted { sql += " AND c.live = 1" }
            if let tenants = filter.tenants {
                if tenants.isEmpty { return [] }
                sql += " AND c.tenant_uuid IN (\(Rows.placeholders(tenants.count)))"
                params += tenants.map { .text($0) }
            }
            return try await pool.query(sql + " ORDER BY c.id LIMIT ?", params + [limit]).map(Rows.clusterListing)
        }
        if tenants.isEmpty { return [] }
        if tenants.count == 1 {
            return try await pool.query("""
                SELECT \(Rows.clusterColumns) FROM clusters c FORCE INDEX (ix_clusters_tenant_page)
                WHERE c.tenant_uuid = ? AND c.live = 1 AND c.id > ? ORDER BY c.id LIMIT ?
                """, [.text(tenants[0]), .int(after), limit]).map(Rows.clusterListing)
        }
        let branch = "(SELECT id FROM clusters FORCE INDEX (ix_clusters_tenant_page) WHERE tenant_uuid = ? AND live = 1 AND id > ? ORDER BY id LIMIT ?)"
        let pages = Array(repeating: branch, count: tenants.count).joined(separator: " UNION ALL ")
        let params = tenants.flatMap { [SQLValue.text($0), .int(after), limit] } + [limit]
        return try await pool.query("SELECT \(Rows.clusterColumns) FROM clusters c JOIN (\(pages)) page ON page.id = c.id ORDER BY c.id LIMIT ?",
                                    params).map(Rows.clusterListing)
    }

    /// The uuid of the active (non-terminal) job holding the cluster, or nil.
    public func activeJob(clusterID: String) async throws -> String? {
        try await pool.query("SELECT uuid FROM jobs WHERE active_key = ?", [.text(clusterID)]).first.map { try $0.string(0) }
    }

    /// How many jobs are in each status (statuses without jobs are absent), for metrics.
    public func jobCountsByStatus() async throws -> [JobStatus: Int] {
        var counts: [JobStatus: Int] = [:]
        for r in try await pool.query("SELECT status, COUNT(*) FROM jobs WHERE deleted_at IS NULL GROUP BY status") {
            counts[try Rows.enumValue(r, 0, JobStatus.self)] = Int(try r.int(1))
        }
        return counts
    }

    /// How many leases the reapers have found expired, over all jobs (a monotonic counter for
    /// metrics: requeues plus give-ups; graceful releases do not count).
    public func leaseExpiriesTotal() async throws -> Int {
        Int(try await pool.query("SELECT CAST(COALESCE(SUM(lease_expiries), 0) AS SIGNED) FROM jobs").first?.int(0) ?? 0)
    }

    /// Moves a live cluster between Running and Unavailable after a health check, unless a job
    /// holds it. Returns the new status, or nil when the cluster was not eligible.
    public func setClusterHealth(clusterID: String, ready: Bool) async throws -> ClusterStatus? {
        let target: ClusterStatus = ready ? .running : .unavailable
        let r = try await pool.execute("""
            UPDATE clusters SET status = ?, updated_at = NOW(6)
            WHERE uuid = ? AND live = 1 AND status IN (?, ?)
              AND NOT EXISTS (SELECT 1 FROM jobs WHERE active_key = ?)
            """, [.int(target.rawValue), .text(clusterID), .int(ClusterStatus.running.rawValue),
                  .int(ClusterStatus.unavailable.rawValue), .text(clusterID)], idempotent: true)
        return r.affectedRows == 1 ? target : nil
    }
}

extension MariaDBConnection {
    /// Runs `body` on this connection's thread and returns its value.
    func run<T: Sendable>(_ body: @Sendable (isolated MariaDBConnection) throws -> T) throws -> T { try body(self) }

    func loadJob(uuid: String, forUpdate: Bool = false) throws -> Job? {
        let lock = forUpdate ? " FOR UPDATE" : ""
        guard let row = try query("SELECT \(Rows.jobColumns) FROM jobs j WHERE j.uuid = ? AND j.deleted_at IS NULL\(lock)",
                                  [.text(uuid)]).first else { return nil }
        var jobs = [try Rows.job(row)]
        try attachSubJobs(&jobs)
        return jobs[0]
    }

    func loadCluster(uuid: String, forUpdate: Bool = false) throws -> Cluster? {
        let lock = forUpdate ? " FOR UPDATE" : ""
        return try query("SELECT \(Rows.clusterColumns) FROM clusters c WHERE c.uuid = ?\(lock)", [.text(uuid)]).first.map(Rows.cluster)
    }

    func attachSubJobs(_ jobs: inout [Job]) throws {
        guard !jobs.isEmpty else { return }
        let ids = jobs.map(\.uuid)
        let rows = try query("SELECT \(Rows.subJobColumns) FROM sub_jobs s WHERE s.job_uuid IN (\(Rows.placeholders(ids.count)))",
                             ids.map { .text($0) })
        var byJob: [String: [String: SubJob]] = [:]
        for r in rows {
            let (job, sub) = try Rows.subJob(r)
            byJob[job, default: [:]][sub.moduleName] = sub
        }
        for i in jobs.indices { jobs[i].subJobs = byJob[jobs[i].uuid] ?? [:] }
    }

    func insertOutbox(jobID: String) throws {
        try execute("INSERT INTO outbox (job_uuid, created_at) VALUES (?, NOW(6))", [.text(jobID)])
    }

    /// Applies the cluster's status after its job ended; `deleted` also frees the (namespace, name).
    func setClusterStatus(_ clusterID: String, _ status: ClusterStatus) throws {
        if status == .deleted {
            try execute("UPDATE clusters SET status = ?, live = NULL, deleted_at = NOW(6), updated_at = NOW(6) WHERE uuid = ?",
                        [.int(status.rawValue), .text(clusterID)])
        } else {
            try execute("UPDATE clusters SET status = ?, updated_at = NOW(6) WHERE uuid = ?", [.int(status.rawValue), .text(clusterID)])
        }
    }
}
