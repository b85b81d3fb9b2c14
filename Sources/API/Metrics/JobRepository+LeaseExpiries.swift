import KFDatabase

extension JobRepository {
    /// How many times reapers have taken a job back from a worker whose lease expired, over all
    /// jobs: the sum of the per-job `lease_expiries` counter the reaper increments (graceful
    /// releases are not counted). A repository method for this would belong in KFDatabase; until
    /// one exists the API reads the column here.
    func leaseExpiryCount() async throws -> Int {
        let rows = try await pool.query("SELECT CAST(COALESCE(SUM(lease_expiries), 0) AS SIGNED) FROM jobs")
        guard let row = rows.first else { return 0 }
        return Int(try row.int(0))
    }
}
