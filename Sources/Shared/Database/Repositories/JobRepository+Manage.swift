import KFModels

extension JobRepository {
    /// Soft-deletes a finished job (KubeFATE's `DELETE /v1/job/:id`). A job that still holds its
    /// cluster (Pending, Running, Stopping) is `.invalidState`: deleting it would orphan the
    /// worker's run, so it must be stopped or finish first. Unknown (or already deleted) is `.notFound`.
    public func deleteJob(uuid: String) async throws {
        let r = try await pool.execute("""
            UPDATE jobs SET deleted_at = NOW(6), updated_at = NOW(6)
            WHERE uuid = ? AND deleted_at IS NULL AND active_key IS NULL
            """, [.text(uuid)], idempotent: true)
        if r.affectedRows == 1 { return }
        guard let job = try await job(uuid: uuid) else { throw KubefateError(.notFound, "record not found", context: [.job: uuid]) }
        throw KubefateError(.invalidState, "job \(uuid) is \(job.status.name); stop it or wait until it ends before deleting it",
                            context: [.job: uuid, .status: job.status.name])
    }

    /// The live (not deleted) cluster with this uuid, or nil.
    public func liveCluster(uuid: String) async throws -> Cluster? {
        try await pool.query("SELECT \(Rows.clusterColumns) FROM clusters c WHERE c.uuid = ? AND c.live = 1", [.text(uuid)])
            .first.map(Rows.cluster)
    }

    /// The `Info` the deploy worker stored for the cluster (`clusters.info`, JSON, added by the v3
    /// migration), or nil when absent, unparsable, or the column does not exist yet.
    public func clusterInfo(uuid: String) async throws -> JSONValue? {
        do {
            let rows = try await pool.query("SELECT info FROM clusters WHERE uuid = ?", [.text(uuid)])
            return try? Rows.decodeJSON(JSONValue.self, rows.first?.optionalString(0))
        } catch let e as MariaDBError where e.code == 1054 /* ER_BAD_FIELD_ERROR */ {
            return nil
        }
    }
}
