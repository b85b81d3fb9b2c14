import KFModels

extension JobRepository {
    /// A cheap change marker of job `uuid` and its sub-jobs (one indexed row read): it differs
    /// whenever the job's status, states, reason or any sub-job changed; lease heartbeats do not
    /// change it. Nil when the job does not exist (or was deleted).
    public func jobVersion(uuid: String) async throws -> String? {
        try await pool.query("""
            SELECT j.status, j.updated_at, j.attempt,
              (SELECT COUNT(*) FROM sub_jobs s WHERE s.job_uuid = j.uuid),
              (SELECT MAX(s.updated_at) FROM sub_jobs s WHERE s.job_uuid = j.uuid)
            FROM jobs j WHERE j.uuid = ? AND j.deleted_at IS NULL
            """, [.text(uuid)]).first.map { r in
            "\(try r.int(0))|\(try r.timestamp(1).microseconds)|\(try r.int(2))|\(try r.int(3))|\(try r.optionalTimestamp(4)?.microseconds ?? 0)"
        }
    }
}
