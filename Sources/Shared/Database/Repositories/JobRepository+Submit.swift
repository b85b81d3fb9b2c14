import Foundation
import KFModels

extension JobRepository {
    /// Writes a new job in ONE transaction: creates (install) or locks (update, delete) the live
    /// cluster row, inserts the job (Pending, attempt 0) holding the cluster, and an outbox row.
    ///
    /// Race-free: the unique keys on the live cluster `(namespace, name)` and on the active job per
    /// cluster decide between concurrent submissions; exactly one wins, the others get
    /// `KubefateError.conflict` naming the winner's job (`context[.job]`) and the cluster
    /// (`context[.cluster]`). Installing over a live cluster without an active job is a conflict
    /// naming only the cluster; updating or deleting a missing cluster is `.notFound`.
    /// A value too long for its column is `.invalidArgument` naming the request field. A job of a
    /// tenant whose cluster or job quota is exhausted is `.quotaExceeded` (see `checkQuotas`).
    public func submit(_ s: JobSubmission) async throws -> Job {
        do {
            return try await pool.transaction { conn in try conn.submit(s) }
        } catch let e as MariaDBError {
            guard let column = e.tooLongColumn else { throw e }
            let field = column == "values" ? "data" : column.hasPrefix("args_") ? String(column.dropFirst(5)) : column
            throw KubefateError.invalid(field, "\(field) is too long")
        }
    }
}

extension MariaDBConnection {
    func submit(_ s: JobSubmission) throws -> Job {
        if let tenant = s.tenant { try checkQuotas(tenant: tenant, installing: s.method == .clusterInstall) }
        let clusterID: String
        switch s.target {
        case .install(let args, let spec):
            clusterID = UUID().uuidString.lowercased()
            do {
                try execute("""
                    INSERT INTO clusters (uuid, tenant_uuid, name, namespace, chart_name, chart_version, `values`, spec,
                                          revision, helm_revision, status, live, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 1, NOW(6), NOW(6))
                    """, [.text(clusterID), .optional(s.tenant), .text(args.name), .text(args.namespace), .text(args.chartName),
                          .text(args.chartVersion), .text(args.dataText), .optional(try spec.map(Rows.encodeJSON)),
                          .int(ClusterStatus.pending.rawValue)])
            } catch let e as MariaDBError where e.isDuplicateKey {
                throw try existingClusterConflict(namespace: args.namespace, name: args.name)
            }
        case .update(let args, _):
            guard let row = try query("SELECT uuid FROM clusters WHERE namespace = ? AND name = ? AND live = 1 FOR UPDATE",
                                      [.text(args.namespace), .text(args.name)], idempotent: false).first else {
                throw KubefateError(.notFound, "name=\(args.name) Cluster is not existed",
                                    context: [.namespace: args.namespace, .name: args.name])
            }
            clusterID = try row.string(0)
        case .delete(let id):
            guard try !query("SELECT uuid FROM clusters WHERE uuid = ? AND live = 1 FOR UPDATE", [.text(id)], idempotent: false).isEmpty else {
                throw KubefateError(.notFound, "record not found", context: [.cluster: id])
            }
            clusterID = id
        }
        let args = s.args
        do {
            try execute("""
                INSERT INTO jobs (uuid, tenant_uuid, cluster_uuid, method, creator, status, attempt, time_limit_ns, start_time,
                                  args_present, args_name, args_namespace, args_chart_name, args_chart_version, args_cover,
                                  args_data, args_keep_upgrade_job, args_spec, active_key, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, NOW(6), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(6), NOW(6))
                """, [.text(s.jobID), .optional(s.tenant), .text(clusterID), .text(s.method.rawValue), .text(s.creator),
                      .int(JobStatus.pending.rawValue), .int(s.timeLimit.nanoseconds), .bool(args != nil),
                      .text(args?.name ?? ""), .text(args?.namespace ?? ""), .text(args?.chartName ?? ""),
                      .text(args?.chartVersion ?? ""), .bool(args?.cover ?? false), args.map { .bytes($0.data) } ?? .null,
                      .bool(args?.keepUpgradeJob ?? false), .optional(try s.spec.map(Rows.encodeJSON)), .text(clusterID)])
        } catch let e as MariaDBError where e.isDuplicateKey {
            if let holder = try query("SELECT uuid FROM jobs WHERE active_key = ?", [.text(clusterID)], idempotent: false).first {
                throw KubefateError.clusterBusy(cluster: clusterID, job: try holder.string(0))
            }
            if try !query("SELECT 1 FROM jobs WHERE uuid = ?", [.text(s.jobID)], idempotent: false).isEmpty {
                throw KubefateError(.conflict, "job \(s.jobID) already exists", context: [.job: s.jobID])
            }
            throw KubefateError(.conflict, "cluster \(clusterID) changed concurrently; retry", context: [.cluster: clusterID])
        }
        try insertOutbox(jobID: s.jobID)
        guard let job = try loadJob(uuid: s.jobID) else {
            throw KubefateError(.internal, "job \(s.jobID) vanished inside its own transaction", context: [.job: s.jobID])
        }
        return job
    }

    /// Locks the tenant's row (serialising its submissions, so the counts below cannot race) and
    /// throws `.quotaExceeded` when one more live cluster (installs) or active job would exceed
    /// the tenant's quota. NULL quotas are unlimited.
    private func checkQuotas(tenant: String, installing: Bool) throws {
        guard let row = try query("SELECT name, cluster_quota, job_quota FROM tenants WHERE uuid = ? FOR UPDATE",
                                  [.text(tenant)], idempotent: false).first else { return }
        let name = try row.string(0)
        if installing, let quota = try row.optionalInt(1) {
            let live = try query("SELECT COUNT(*) FROM clusters WHERE tenant_uuid = ? AND live = 1", [.text(tenant)], idempotent: false)
                .first?.int(0) ?? 0
            if live >= quota {
                throw KubefateError(.quotaExceeded, "tenant \(name) has \(live) of \(quota) clusters (cluster quota)", context: [.tenant: name])
            }
        }
        if let quota = try row.optionalInt(2) {
            let active = try query("SELECT COUNT(*) FROM jobs WHERE tenant_uuid = ? AND status IN (?, ?, ?) AND deleted_at IS NULL",
                                   [.text(tenant), .int(JobStatus.pending.rawValue), .int(JobStatus.running.rawValue),
                                    .int(JobStatus.stopping.rawValue)], idempotent: false).first?.int(0) ?? 0
            if active >= quota {
                throw KubefateError(.quotaExceeded, "tenant \(name) has \(active) of \(quota) active jobs (job quota)", context: [.tenant: name])
            }
        }
    }

    /// The conflict for installing over the live cluster `namespace`/`name`: names the job holding
    /// it when there is one.
    private func existingClusterConflict(namespace: String, name: String) throws -> KubefateError {
        let rows = try query("""
            SELECT c.uuid, j.uuid FROM clusters c LEFT JOIN jobs j ON j.active_key = c.uuid
            WHERE c.namespace = ? AND c.name = ? AND c.live = 1
            """, [.text(namespace), .text(name)], idempotent: false)
        guard let row = rows.first else {
            return KubefateError(.conflict, "name=\(name) & namespace=\(namespace) Cluster changed concurrently; retry",
                                 context: [.namespace: namespace, .name: name])
        }
        let cluster = try row.string(0)
        if let job = try row.optionalString(1) {
            var e = KubefateError.clusterBusy(cluster: cluster, job: job)
            e.context[.namespace] = namespace
            e.context[.name] = name
            return e
        }
        return KubefateError(.conflict, "name=\(name) & namespace=\(namespace) Cluster already existed",
                             context: [.cluster: cluster, .namespace: namespace, .name: name])
    }
}
