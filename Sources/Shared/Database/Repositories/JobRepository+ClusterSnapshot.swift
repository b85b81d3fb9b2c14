import KFModels

/// All clusters of one tenant (deleted ones included, in `ID` order) as of one generation of
/// `cluster_generations`.
public struct ClusterSnapshot: Sendable {
    public var tenant: String
    public var generation: Int64
    /// The clusters, or nil when the tenant has more than the reader asked for.
    public var clusters: [Row]?

    /// A cluster and whether it is live (not deleted).
    public struct Row: Sendable {
        public var listing: ClusterListing
        public var live: Bool
    }
}

extension JobRepository {
    /// Every tenant's cluster generation (`cluster_generations`, migration 6). A tenant without a
    /// row has never had a cluster: its generation is 0.
    public func clusterGenerations() async throws -> [String: Int64] {
        var generations: [String: Int64] = [:]
        for row in try await pool.query("SELECT tenant_key, generation FROM cluster_generations") {
            generations[try row.string(0)] = try row.int(1)
        }
        return generations
    }

    /// Whether migration 6's three triggers exist (they maintain `cluster_generations`; without
    /// them generations never change and must not be trusted).
    public func clusterGenerationTriggersInstalled() async throws -> Bool {
        let rows = try await pool.query("""
            SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
              AND TRIGGER_NAME IN ('clusters_generation_insert', 'clusters_generation_update', 'clusters_generation_delete')
            """)
        return try rows.first?.int(0) == 3
    }

    /// The tenant's clusters with the generation they belong to (without rows when there are more
    /// than `maxClusters`), or nil when the tenant changed while they were read (read again later).
    ///
    /// Reads the generation, the rows, and the generation again (each statement sees what was
    /// committed when it began): equal generations mean no change committed in between, so the
    /// rows are exactly that generation's.
    public func clusterSnapshot(tenant: String, maxClusters: Int) async throws -> ClusterSnapshot? {
        try await pool.withConnection { conn in
            let generationSQL = "SELECT COALESCE((SELECT generation FROM cluster_generations WHERE tenant_key = ?), 0)"
            let before = try await conn.query(generationSQL, [.text(tenant)]).first?.int(0) ?? 0
            let rows = try await conn.query("SELECT \(Rows.clusterColumns), c.live FROM clusters c WHERE c.tenant_uuid = ? ORDER BY c.id LIMIT ?",
                                            [.text(tenant), .int(Int64(maxClusters) + 1)])
            let after = try await conn.query(generationSQL, [.text(tenant)]).first?.int(0) ?? 0
            guard before == after else { return nil }
            let clusters = rows.count <= maxClusters
                ? try rows.map { ClusterSnapshot.Row(listing: try Rows.clusterListing($0), live: try $0.optionalInt(15) == 1) }
                : nil
            return ClusterSnapshot(tenant: tenant, generation: before, clusters: clusters)
        }
    }
}
