import Testing
@testable import API
import KFDatabase

/// `ClusterListCache.select` cuts the same page from tenants' cached lists as the database query
/// does: ids merged in order, deleted clusters only with `includeDeleted`, `after` or `offset`,
/// then `limit`.
struct ClusterListCacheTests {
    typealias Entry = ClusterListCache.Entry

    /// The page by the definition: everything merged and sorted, then filtered, skipped and cut.
    static func expected(_ lists: [[Entry]], _ filter: ClusterFilter) -> [Int64] {
        let all = lists.joined().sorted { $0.id < $1.id }.filter { filter.includeDeleted || $0.live }
        guard let after = filter.afterID else { return all.dropFirst(filter.offset).prefix(filter.limit).map(\.id) }
        return all.filter { $0.id > after }.prefix(filter.limit).map(\.id)
    }

    @Test func pagesMatchTheirDefinitionForRandomTenantsAndFilters() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            // Up to 3 tenants sharing one id sequence, some clusters deleted.
            let tenantCount = Int.random(in: 1...3, using: &random)
            var lists = Array(repeating: [Entry](), count: tenantCount)
            for id in 1...Int64.random(in: 1...40, using: &random) where Bool.random(using: &random) {
                lists[Int.random(in: 0..<tenantCount, using: &random)].append(
                    Entry(id: id, live: Int.random(in: 0..<4, using: &random) > 0, json: Array("{\"ID\":\(id)}".utf8)))
            }
            let after: Int64? = Bool.random(using: &random) ? Int64.random(in: 0...45, using: &random) : nil
            let filter = ClusterFilter(tenants: (0..<tenantCount).map { "t\($0)" }, includeDeleted: Bool.random(using: &random),
                                       limit: [1, 2, 5, 20, Int(Int32.max)].randomElement(using: &random)!,
                                       offset: after == nil ? Int.random(in: 0...10, using: &random) : 0, afterID: after)
            #expect(ClusterListCache.select(lists, filter).map(\.id) == Self.expected(lists, filter), "\(filter) \(lists.map { $0.map(\.id) })")
        }
    }

    @Test func anEntryWritesItsJSONAsIs() throws {
        var writer = JSONWriter(capacity: 64)
        try Envelope(data: [Entry(id: 1, live: true, json: Array(#"{"ID":1}"#.utf8)), Entry(id: 2, live: false, json: Array(#"{"ID":2}"#.utf8))],
                     msg: "getClusterList Success").write(to: &writer)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"data":[{"ID":1},{"ID":2}],"msg":"getClusterList Success"}"#)
    }
}
