import KFDatabase
import KFModels
import Logging
import Metrics
import Synchronization

/// Cluster list pages of tenants answered from memory, as current as a database read.
///
/// Each tenant's clusters are kept as written JSON, tagged with the tenant's generation
/// (`cluster_generations`, bumped by triggers in every transaction that changes a listed
/// column). A request first learns the current generations from a read that began after it
/// arrived (`GenerationBarrier`, one read shared by a batch of requests); when every tenant it
/// sees is cached at its current generation, the page is cut from memory. Otherwise the caller
/// asks the database as before, and the stale tenants are reloaded in the background. So a list
/// never shows less than the database had committed when the request arrived.
///
/// Bounds: tenants with more than `maxClustersPerTenant` clusters or half of `maxBytes` of JSON
/// are not cached, and the least recently used tenants are dropped when the cache holds more than
/// `maxBytes`.
final class ClusterListCache: Sendable {
    private let jobs: JobRepository
    private let logger: Logger
    private let barrier: GenerationBarrier
    let maxClustersPerTenant: Int
    let maxBytes: Int
    private let state = Mutex(State())
    /// `kubefate_api_cluster_list_cache_total{result}`: `hit` (answered from memory), `stale` (a
    /// tenant changed: the database answered and a reload started) or `bypass` (the database
    /// answered: every tenant asked for, or one too big to cache).
    private let hits = Counter(label: "kubefate_api_cluster_list_cache_total", dimensions: [("result", "hit")])
    private let stales = Counter(label: "kubefate_api_cluster_list_cache_total", dimensions: [("result", "stale")])
    private let bypasses = Counter(label: "kubefate_api_cluster_list_cache_total", dimensions: [("result", "bypass")])

    /// A cluster as a list answer writes it.
    struct Entry: Sendable, JSONWritable {
        let id: Int64
        let live: Bool
        let json: [UInt8]

        func write(to w: inout JSONWriter) throws(JSONWriter.Failure) {
            json.withUnsafeBufferPointer { w.append($0) }
        }
    }

    private struct Snapshot {
        var generation: Int64
        /// In `ID` order; nil when the tenant has too many clusters to cache.
        var entries: [Entry]?
        var bytes: Int
        var lastUsed: UInt64
    }

    private struct State {
        var snapshots: [String: Snapshot] = [:]
        var loading: Set<String> = []
        var bytes = 0
        var clock: UInt64 = 0
    }

    init(jobs: JobRepository, maxClustersPerTenant: Int = 20_000, maxBytes: Int = 64 << 20,
         logger: Logger = Logger(label: "kubefate.api.cluster-cache")) {
        self.jobs = jobs
        self.logger = logger
        self.maxClustersPerTenant = maxClustersPerTenant
        self.maxBytes = maxBytes
        barrier = GenerationBarrier { try await jobs.clusterGenerations() }
    }

    /// The clusters `filter` selects, or nil when the database must answer (no tenant list, or a
    /// tenant not cached at its current generation; its reload then starts).
    func page(_ filter: ClusterFilter) async throws -> [Entry]? {
        guard let tenants = filter.tenants, !tenants.isEmpty else {
            bypasses.increment()
            return nil
        }
        let generations = try await barrier.current()
        enum Lookup { case hit([[Entry]]), uncacheable, stale([String]) }
        let lookup: Lookup = state.withLock { s in
            s.clock += 1
            var lists: [[Entry]] = []
            var stale: [String] = []
            for tenant in tenants {
                let generation = generations[tenant] ?? 0
                // Equal, not newer-or-equal: a database restored from a backup moves generations back.
                guard s.snapshots[tenant]?.generation == generation else {
                    stale.append(tenant)
                    continue
                }
                s.snapshots[tenant]!.lastUsed = s.clock
                guard let entries = s.snapshots[tenant]!.entries else { return .uncacheable }
                lists.append(entries)
            }
            return stale.isEmpty ? .hit(lists) : .stale(stale)
        }
        switch lookup {
        case .hit(let lists):
            hits.increment()
            return Self.select(lists, filter)
        case .uncacheable:
            bypasses.increment()
            return nil
        case .stale(let tenants):
            stales.increment()
            for tenant in tenants { reload(tenant) }
            return nil
        }
    }

    /// The page of `filter` from tenants' lists, each in `ID` order: what the database query of
    /// `JobRepository.clusterListings` returns.
    static func select(_ lists: [[Entry]], _ filter: ClusterFilter) -> [Entry] {
        let limit = max(0, filter.limit)
        let offset = filter.afterID == nil ? max(0, filter.offset) : 0
        let wanted = limit.addingReportingOverflow(offset)
        let perList = wanted.overflow ? Int.max : wanted.partialValue
        var candidates: [Entry] = []
        for list in lists {
            var i = 0
            if let after = filter.afterID {
                var high = list.count
                while i < high {
                    let mid = (i + high) / 2
                    if list[mid].id <= after { i = mid + 1 } else { high = mid }
                }
            }
            var taken = 0
            while i < list.count, taken < perList {
                if filter.includeDeleted || list[i].live {
                    candidates.append(list[i])
                    taken += 1
                }
                i += 1
            }
        }
        if lists.count > 1 { candidates.sort { $0.id < $1.id } }
        return Array(candidates.dropFirst(offset).prefix(limit))
    }

    /// Loads the tenant in the background unless a load is under way.
    private func reload(_ tenant: String) {
        guard state.withLock({ $0.loading.insert(tenant).inserted }) else { return }
        Task {
            defer { state.withLock { _ = $0.loading.remove(tenant) } }
            do {
                guard let snapshot = try await jobs.clusterSnapshot(tenant: tenant, maxClusters: maxClustersPerTenant) else { return }
                let entries = try snapshot.clusters?.map { row in
                    var w = JSONWriter(capacity: 1024)
                    try row.listing.write(to: &w)
                    return Entry(id: row.listing.cluster.id, live: row.live, json: w.bytes)
                }
                store(Snapshot(generation: snapshot.generation, entries: entries,
                               bytes: entries?.reduce(0) { $0 + $1.json.count } ?? 0, lastUsed: 0), for: tenant)
            } catch {
                logger.warning("cluster list cache: reloading a tenant failed", metadata: ["tenant": "\(tenant)", "error": "\(error)"])
            }
        }
    }

    private func store(_ snapshot: Snapshot, for tenant: String) {
        state.withLock { s in
            // One reload per tenant runs at a time, so the newest read wins.
            if let old = s.snapshots[tenant] { s.bytes -= old.bytes }
            s.clock += 1
            var snapshot = snapshot
            snapshot.lastUsed = s.clock
            if snapshot.bytes > maxBytes / 2 { // too big to share the cache: remember that instead
                snapshot.entries = nil
                snapshot.bytes = 0
            }
            s.snapshots[tenant] = snapshot
            s.bytes += snapshot.bytes
            while s.bytes > maxBytes, let victim = s.snapshots.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
                s.snapshots[victim.key] = nil
                s.bytes -= victim.value.bytes
            }
        }
    }
}
