import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Keyset paging (`?limit=N&after=ID`) and the `Link: <…>; rel="next"` header of the cluster and
/// job lists, against a real `kubefate-api` and MariaDB.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct KeysetPagingIntegrationTests {
    /// One list page: its entries and the `Link` header (nil when absent).
    struct Page {
        var status: Int
        var entries: [[String: Any]]
        var object: [String: Any]?
        var link: String?

        var ids: [Int] { entries.compactMap { $0["ID"] as? Int } }
        /// The target of a `<…>; rel="next"` link.
        var next: String? {
            guard let link, link.hasPrefix("<"), link.hasSuffix(#">; rel="next""#), let end = link.firstIndex(of: ">") else { return nil }
            return String(link[link.index(after: link.startIndex)..<end])
        }
    }

    static func get(_ world: TenantWorld, _ path: String, token: String) async throws -> Page {
        var request = URLRequest(url: URL(string: world.api.baseURL + path)!)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return Page(status: http.statusCode, entries: object?["data"] as? [[String: Any]] ?? [], object: object,
                    link: http.value(forHTTPHeaderField: "Link"))
    }

    /// Follows `Link` headers from `first` until a page has none; every page but the last is full.
    static func walk(_ world: TenantWorld, _ first: String, token: String, limit: Int) async throws -> [[String: Any]] {
        var entries: [[String: Any]] = []
        var path: String? = first
        var pages = 0
        while let current = path {
            let page = try await get(world, current, token: token)
            #expect(page.status == 200, "\(current)")
            entries += page.entries
            if page.next != nil {
                #expect(page.entries.count == limit, "only a full page links a next one")
                #expect(page.next?.contains("after=\(page.ids.last ?? -1)") == true)
            } else {
                #expect(page.entries.count <= limit)
            }
            path = page.next
            pages += 1
            #expect(pages < 100)
            if pages >= 100 { break }
        }
        return entries
    }

    /// Installs clusters alternately into `ns-t1` and `ns-t2`, so the two tenants' ids interleave.
    static func interleave(_ world: TenantWorld, count: Int) async throws {
        for i in 0..<count {
            let namespace = i.isMultiple(of: 2) ? "ns-t1" : "ns-t2"
            let installed = try await world.call("POST", "/v1/cluster", token: world.adminToken,
                                                 body: TenantWorld.installBody(name: "k\(i)", namespace: namespace))
            #expect(installed.status == 200, "\(installed.body)")
        }
    }

    @Test func walkingClustersByLinkHeadersYieldsEachVisibleClusterOnceInOrder() async throws {
        try await TenantWorld.with { world in
            try await Self.interleave(world, count: 10)
            let viewer = try #require(world.tokens["t1-viewer"])
            let whole = try await Self.get(world, "/v1/cluster/", token: viewer)
            #expect(whole.link == nil, "no limit, no Link")
            #expect(whole.entries.count == 6 && whole.entries.allSatisfy { $0["namespaces"] as? String == "ns-t1" })
            for limit in [1, 2, 4, 6] {
                let walked = try await Self.walk(world, "/v1/cluster/?limit=\(limit)", token: viewer, limit: limit)
                #expect(walked.compactMap { $0["ID"] as? Int } == whole.ids, "limit \(limit)")
                #expect(walked.compactMap { $0["uuid"] as? String } == whole.entries.compactMap { $0["uuid"] as? String })
            }
            // The same walk without the trailing slash, and starting with offset paging.
            #expect(try await Self.walk(world, "/v1/cluster?limit=4", token: viewer, limit: 4).count == 6)
            let fromOffset = try await Self.get(world, "/v1/cluster/?limit=3&offset=1", token: viewer)
            #expect(fromOffset.ids == Array(whole.ids[1...3]))
            #expect(fromOffset.next == "/v1/cluster/?limit=3&after=\(whole.ids[3])")
            #expect(fromOffset.object?["msg"] as? String == "getClusterList Success" && fromOffset.object?.count == 2)

            // A member of two tenants walks both, merged in id order.
            #expect(try await world.call("PUT", "/v1/tenant/t2/member/t1-viewer", token: world.adminToken, body: #"{"role":"viewer"}"#).status == 200)
            let both = try await Self.get(world, "/v1/cluster/", token: viewer)
            #expect(both.entries.count == 12 && both.ids == both.ids.sorted())
            #expect(try await Self.walk(world, "/v1/cluster/?limit=5", token: viewer, limit: 5).compactMap { $0["ID"] as? Int } == both.ids)
            // The admin sees every tenant (no tenant filter).
            let all = try await Self.get(world, "/v1/cluster/", token: world.adminToken)
            #expect(try await Self.walk(world, "/v1/cluster/?limit=7", token: world.adminToken, limit: 7)
                .compactMap { $0["ID"] as? Int } == all.ids)
        }
    }

    @Test func afterAnotherTenantsClusterNeverAnswersItsClusters() async throws {
        try await TenantWorld.with { world in
            try await Self.interleave(world, count: 8)
            let viewer = try #require(world.tokens["t1-viewer"])
            let mine = try await Self.get(world, "/v1/cluster/", token: viewer).ids
            let theirs = try await Self.get(world, "/v1/cluster/", token: try #require(world.tokens["t2-viewer"])).ids
            let pivot = try #require(theirs.first { id in mine.contains { $0 < id } && mine.contains { $0 > id } })
            let page = try await Self.get(world, "/v1/cluster/?limit=100&after=\(pivot)", token: viewer)
            #expect(page.status == 200)
            #expect(page.ids == mine.filter { $0 > pivot })
            #expect(page.entries.allSatisfy { $0["namespaces"] as? String == "ns-t1" })
            #expect(page.link == nil)
            // `all=true` (deleted clusters too) is kept in the next link.
            let withDeleted = try await Self.get(world, "/v1/cluster/?all=true&limit=1&after=\(pivot)", token: viewer)
            #expect(withDeleted.next == "/v1/cluster/?all=true&limit=1&after=\(withDeleted.ids.first ?? -1)")
            #expect(withDeleted.entries.allSatisfy { $0["namespaces"] as? String == "ns-t1" })
            let past = try await Self.get(world, "/v1/cluster/?limit=5&after=\(Int32.max)", token: viewer)
            #expect(past.status == 200 && past.entries.isEmpty && past.link == nil)
        }
    }

    @Test func badAfterOrAfterWithOffsetIsA400NamingTheField() async throws {
        try await TenantWorld.with { world in
            let viewer = try #require(world.tokens["t1-viewer"])
            for list in ["/v1/cluster/", "/v1/cluster", "/v1/job/", "/v1/job"] {
                for query in ["after=x", "after=-1", "after=1.5", "after=", "limit=2&after=99999999999999999999"] {
                    let answer = try await world.call("GET", "\(list)?\(query)", token: viewer)
                    #expect(answer.status == 400 && answer.object?["field"] as? String == "after", "\(list)?\(query): \(answer.body)")
                }
                let both = try await world.call("GET", "\(list)?limit=2&offset=0&after=1", token: viewer)
                #expect(both.status == 400 && both.object?["field"] as? String == "after", "\(list): \(both.body)")
                #expect(both.error?.contains("offset") == true && both.error?.contains("after") == true)
            }
        }
    }

    @Test func jobsPageNewestFirstWithAfterMeaningOlder() async throws {
        try await TenantWorld.with { world in
            try await Self.interleave(world, count: 8)
            let viewer = try #require(world.tokens["t1-viewer"])
            let whole = try await Self.get(world, "/v1/job/", token: viewer)
            #expect(whole.entries.count == 6 && whole.ids == whole.ids.sorted(by: >), "newest first")
            for limit in [1, 2, 3, 5] {
                let walked = try await Self.walk(world, "/v1/job/?limit=\(limit)", token: viewer, limit: limit)
                #expect(walked.compactMap { $0["ID"] as? Int } == whole.ids, "limit \(limit)")
            }
            let theirs = try await Self.get(world, "/v1/job/", token: try #require(world.tokens["t2-viewer"])).ids
            let pivot = try #require(theirs.first { id in whole.ids.contains { $0 < id } && whole.ids.contains { $0 > id } })
            let older = try await Self.get(world, "/v1/job/?limit=50&after=\(pivot)", token: viewer)
            #expect(older.ids == whole.ids.filter { $0 < pivot } && older.link == nil)
            // Other filters stay in the next link.
            let pending = try await Self.get(world, "/v1/job/?status=Pending&limit=1", token: viewer)
            #expect(pending.next == "/v1/job/?status=Pending&limit=1&after=\(pending.ids.first ?? -1)")
            let walkedPending = try await Self.walk(world, "/v1/job/?status=Pending&limit=1", token: viewer, limit: 1)
            #expect(walkedPending.allSatisfy { $0["status"] as? String == "Pending" } && walkedPending.count == 5)
            #expect(pending.object?["msg"] as? String == "getJobList Success" && pending.object?.count == 2)
        }
    }
}
