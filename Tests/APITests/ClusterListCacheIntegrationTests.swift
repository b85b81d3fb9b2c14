import Foundation
import Testing
import KFDatabase
import KFModels

/// The API's cluster list cache against a real `kubefate-api` and MariaDB: once warm it answers
/// from memory, and a list requested after a change committed (here written straight to the
/// database, as a worker in another process does) shows that change, never the cached past.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct ClusterListCacheIntegrationTests {
    /// `kubefate_api_cluster_list_cache_total{result="…"}` from `/metrics`.
    static func cacheCount(_ world: TenantWorld, _ result: String) async throws -> Int {
        let text = try await world.api.send("GET", "/metrics").body
        let prefix = #"kubefate_api_cluster_list_cache_total{result="\#(result)"} "#
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
    }

    /// The statuses of the viewer's clusters by name.
    static func statuses(_ world: TenantWorld, token: String) async throws -> [String: String] {
        let answer = try await world.call("GET", "/v1/cluster/", token: token)
        #expect(answer.status == 200, "\(answer.body)")
        var statuses: [String: String] = [:]
        for cluster in answer.list ?? [] {
            if let name = cluster["name"] as? String { statuses[name] = cluster["status"] as? String }
        }
        return statuses
    }

    /// Lists until the cache has answered one request (its reload runs in the background).
    static func warm(_ world: TenantWorld, token: String, expecting status: String) async throws {
        let hits = try await cacheCount(world, "hit")
        for _ in 0..<200 {
            #expect(try await statuses(world, token: token)["b-t1"] == status)
            if try await cacheCount(world, "hit") > hits { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the cluster list cache never answered")
    }

    @Test func aListAfterACommittedChangeShowsItWhetherCachedOrNot() async throws {
        try await TenantWorld.with { world in
            let viewer = try #require(world.tokens["t1-viewer"])
            let pool = MariaDBPool(config: try world.api.databaseConfig, size: 1)
            try await Self.warm(world, token: viewer, expecting: "Pending")
            for (round, status) in [ClusterStatus.running, .unavailable, .running, .failed].enumerated() {
                _ = try await pool.execute("UPDATE clusters SET status = ?, updated_at = NOW(6) WHERE name = 'b-t1'", [.int(status.rawValue)])
                let seen = try await Self.statuses(world, token: viewer)["b-t1"]
                #expect(seen == status.name, "round \(round), right after the commit: \(seen ?? "none")")
                try await Self.warm(world, token: viewer, expecting: status.name)
            }
            // A new cluster is listed at once, by its installer and by other members.
            let installed = try await world.call("POST", "/v1/cluster", token: try #require(world.tokens["t1-operator"]),
                                                 body: TenantWorld.installBody(name: "fresh", namespace: "ns-t1"))
            #expect(installed.status == 200, "\(installed.body)")
            #expect(try await Self.statuses(world, token: viewer)["fresh"] == "Pending")
            // Another tenant's viewer never sees it, cached or not.
            let other = try #require(world.tokens["t2-viewer"])
            for _ in 0..<3 { #expect(try await Self.statuses(world, token: other)["fresh"] == nil) }
            // Writes lists do not show leave the cache warm.
            let hits = try await Self.cacheCount(world, "hit")
            _ = try await pool.execute("UPDATE clusters SET health_checked_at = NOW(6)")
            _ = try await Self.statuses(world, token: viewer)
            _ = try await Self.statuses(world, token: viewer)
            #expect(try await Self.cacheCount(world, "hit") >= hits + 1)
            await pool.shutdown()
        }
    }
}
