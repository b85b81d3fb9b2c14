import Foundation
import Testing
import KFDatabase
import KFModels

/// Keyset pages of clusters (`ClusterFilter.afterID`) against MariaDB: one tenant, several tenants
/// (merged per-tenant ranges), every tenant, and deleted clusters included.
@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct ClusterKeysetIntegrationTests {
    /// Walks the list `limit` at a time from the start, each page after the previous one's last id.
    static func walk(_ db: Database, _ filter: ClusterFilter, limit: Int) async throws -> [Int64] {
        var ids: [Int64] = []
        var after: Int64 = 0
        while true {
            var page = filter
            page.limit = limit
            page.afterID = after
            let clusters = try await db.jobs.clusterListings(page)
            #expect(clusters.count <= limit)
            ids += clusters.map(\.cluster.id)
            guard clusters.count == limit, let last = clusters.last?.cluster.id else { return ids }
            after = last
        }
    }

    @Test func keysetPagesMatchTheWholeListForOneSeveralAndAllTenants() async throws {
        try await withTestDatabase { db, _ async throws in
            let tenants = ["t-a", "t-b", "t-c"]
            for i in 0..<14 {
                _ = try await db.jobs.submit(JobSubmission(.install(installArgs("k-\(i)", namespace: "ns-\(i)"), spec: nil),
                                                           creator: "alice", tenant: tenants[i % 3]))
            }
            // Two clusters deleted (live NULL): only `includeDeleted` lists them.
            _ = try await db.pool.execute("UPDATE clusters SET live = NULL WHERE name IN ('k-3', 'k-7')")
            let filters = [ClusterFilter(tenants: ["t-a"]), ClusterFilter(tenants: ["t-a", "t-c"]), ClusterFilter(tenants: tenants),
                           ClusterFilter(), ClusterFilter(tenants: ["t-a", "t-b"], includeDeleted: true),
                           ClusterFilter(tenants: ["t-b"], includeDeleted: true)]
            for filter in filters {
                let whole = try await db.jobs.clusterListings(filter).map(\.cluster.id)
                #expect(!whole.isEmpty && whole == whole.sorted())
                for limit in [1, 2, 3, 5, 100] {
                    #expect(try await Self.walk(db, filter, limit: limit) == whole, "\(filter) limit \(limit)")
                }
                // An id between this list's rows (another tenant's, or a deleted one) only positions the page.
                for pivot in whole.dropLast() {
                    var page = filter
                    page.afterID = pivot + 1
                    #expect(try await db.jobs.clusterListings(page).map(\.cluster.id) == whole.filter { $0 > pivot + 1 })
                }
            }
            let deleted = try await db.jobs.clusterListings(ClusterFilter(tenants: ["t-a", "t-b"], includeDeleted: true))
            #expect(Set(deleted.map(\.cluster.name)).isSuperset(of: ["k-3", "k-7"]))
            #expect(try await db.jobs.clusterListings(ClusterFilter(tenants: ["t-a", "t-b"])).allSatisfy { !["k-3", "k-7"].contains($0.cluster.name) })
            #expect(try await db.jobs.clusterListings(ClusterFilter(tenants: [], afterID: 0)).isEmpty)
        }
    }
}
