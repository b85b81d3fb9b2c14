import Foundation
import Testing
import KFDatabase
import KFModels

/// `cluster_generations` (migration 6): the triggers bump a tenant's generation with every change
/// a cluster list shows and with nothing else, and a snapshot is exactly its generation's rows.
@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct ClusterGenerationIntegrationTests {
    static func install(_ db: Database, _ name: String, tenant: String) async throws -> Job {
        try await db.jobs.submit(JobSubmission(.install(installArgs(name, namespace: "ns-\(name)"), spec: nil),
                                               creator: "alice", tenant: tenant))
    }

    @Test func listedChangesBumpTheirTenantsGenerationAndNothingElseDoes() async throws {
        try await withTestDatabase { db, _ async throws in
            #expect(try await db.jobs.clusterGenerationTriggersInstalled())
            #expect(try await db.jobs.clusterGenerations().isEmpty)
            _ = try await Self.install(db, "g-1", tenant: "t-a")
            _ = try await Self.install(db, "g-2", tenant: "t-a")
            _ = try await Self.install(db, "g-3", tenant: "t-b")
            #expect(try await db.jobs.clusterGenerations() == ["t-a": 2, "t-b": 1])

            // What lists do not show: the stored info and the health-check time.
            let g1 = try #require(try await db.jobs.liveCluster(namespace: "ns-g-1", name: "g-1"))
            try await ClusterRepository(pool: db.pool).writeInfo(clusterID: g1.uuid, info: #"{"modules":[]}"#)
            _ = try await db.pool.execute("UPDATE clusters SET health_checked_at = NOW(6)")
            // A statement that changes nothing.
            _ = try await db.pool.execute("UPDATE clusters SET status = status")
            #expect(try await db.jobs.clusterGenerations() == ["t-a": 2, "t-b": 1])

            // What they do show, each in its own statement.
            _ = try await db.pool.execute("UPDATE clusters SET status = ? WHERE name = 'g-1'", [.int(ClusterStatus.running.rawValue)])
            #expect(try await db.pool.query("SELECT status FROM clusters WHERE name = 'g-1'").first?.int(0) == Int64(ClusterStatus.running.rawValue))
            _ = try await db.pool.execute("UPDATE clusters SET live = NULL, deleted_at = NOW(6) WHERE name = 'g-2'")
            _ = try await db.pool.execute("UPDATE clusters SET helm_revision = 3 WHERE name = 'g-3'")
            _ = try await db.pool.execute("DELETE FROM clusters WHERE name = 'g-3'")
            #expect(try await db.jobs.clusterGenerations() == ["t-a": 4, "t-b": 3])
            // One statement changing two rows counts each.
            _ = try await db.pool.execute("UPDATE clusters SET revision = revision + 1 WHERE tenant_uuid = 't-a'")
            #expect(try await db.jobs.clusterGenerations()["t-a"] == 6)
        }
    }

    @Test func aSnapshotHoldsEveryClusterOfItsTenantWithItsGeneration() async throws {
        try await withTestDatabase { db, _ async throws in
            for i in 0..<5 { _ = try await Self.install(db, "s-\(i)", tenant: i == 2 ? "t-b" : "t-a") }
            _ = try await db.pool.execute("UPDATE clusters SET live = NULL, deleted_at = NOW(6) WHERE name = 's-3'")
            let snapshot = try #require(try await db.jobs.clusterSnapshot(tenant: "t-a", maxClusters: 10))
            #expect(snapshot.generation == 5)
            let rows = try #require(snapshot.clusters)
            let all = try await db.jobs.clusterListings(ClusterFilter(tenants: ["t-a"], includeDeleted: true))
            #expect(rows.map(\.listing) == all)
            #expect(rows.map(\.listing.cluster.name) == ["s-0", "s-1", "s-3", "s-4"])
            #expect(rows.map(\.live) == [true, true, false, true])

            let tooMany = try #require(try await db.jobs.clusterSnapshot(tenant: "t-a", maxClusters: 3))
            #expect(tooMany.clusters == nil && tooMany.generation == 5)
            let none = try #require(try await db.jobs.clusterSnapshot(tenant: "t-none", maxClusters: 3))
            #expect(none.generation == 0 && none.clusters?.isEmpty == true)
        }
    }
}
