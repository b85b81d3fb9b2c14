import KFModels

/// Cluster rows beyond the job pipeline: the `Info` the workers keep fresh and the
/// Running ↔ Unavailable health status.
public struct ClusterRepository: Sendable {
    public let pool: MariaDBPool

    public init(pool: MariaDBPool) { self.pool = pool }
}

/// A live cluster whose health a worker claimed to re-check.
public struct HealthCheckTarget: Sendable, Hashable {
    public var clusterID: String
    public var name: String
    public var namespace: String
    public var status: ClusterStatus
}

extension ClusterRepository {
    /// Stores the cluster's info JSON (the end of an install/update, or a health check).
    public func writeInfo(clusterID: String, info: String) async throws {
        try await pool.execute("UPDATE clusters SET info = ?, health_checked_at = NOW(6) WHERE uuid = ? AND live = 1",
                               [.text(info), .text(clusterID)], idempotent: true)
    }

    /// The stored info JSON of a cluster (deleted ones included), or nil before the first write.
    public func info(clusterID: String) async throws -> String? {
        try await pool.query("SELECT info FROM clusters WHERE uuid = ?", [.text(clusterID)]).first?.optionalString(0)
    }

    /// Claims up to `limit` live Running/Unavailable clusters not checked within `interval`, so that
    /// several workers share the checks: the rows are taken `FOR UPDATE SKIP LOCKED` and stamped
    /// `health_checked_at = now` in the same transaction, so no other worker picks them until the
    /// interval has passed again.
    public func claimHealthChecks(interval: Duration, limit: Int) async throws -> [HealthCheckTarget] {
        let micros = interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000
        return try await pool.transaction { conn in
            let rows = try conn.query("""
                SELECT uuid, name, namespace, status FROM clusters
                WHERE live = 1 AND status IN (?, ?)
                  AND (health_checked_at IS NULL OR health_checked_at <= NOW(6) - INTERVAL ? MICROSECOND)
                ORDER BY health_checked_at LIMIT ? FOR UPDATE SKIP LOCKED
                """, [.int(ClusterStatus.running.rawValue), .int(ClusterStatus.unavailable.rawValue), .int(micros), .int(max(0, limit))],
                idempotent: false)
            let targets = try rows.map { row in
                HealthCheckTarget(clusterID: try row.string(0), name: try row.string(1), namespace: try row.string(2),
                                  status: try Rows.enumValue(row, 3, ClusterStatus.self))
            }
            guard !targets.isEmpty else { return [] }
            try conn.execute("UPDATE clusters SET health_checked_at = NOW(6) WHERE uuid IN (\(Rows.placeholders(targets.count)))",
                             targets.map { .text($0.clusterID) })
            return targets
        }
    }

    /// Records a health check: stores `info`, and moves the cluster to Running (`healthy`) or
    /// Unavailable with one conditional UPDATE that only touches a live Running/Unavailable cluster
    /// no job holds (an install, update or delete in flight owns the status). Returns the status
    /// it changed to, or nil when nothing changed.
    @discardableResult
    public func recordHealth(clusterID: String, info: String, healthy: Bool) async throws -> ClusterStatus? {
        try await writeInfo(clusterID: clusterID, info: info)
        let target: ClusterStatus = healthy ? .running : .unavailable
        let other: ClusterStatus = healthy ? .unavailable : .running
        let result = try await pool.execute("""
            UPDATE clusters SET status = ?, updated_at = NOW(6)
            WHERE uuid = ? AND live = 1 AND status = ?
              AND NOT EXISTS (SELECT 1 FROM jobs WHERE active_key = ?)
            """, [.int(target.rawValue), .text(clusterID), .int(other.rawValue), .text(clusterID)], idempotent: true)
        return result.affectedRows == 1 ? target : nil
    }
}
