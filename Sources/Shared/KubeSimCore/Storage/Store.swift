import Synchronization

/// The simulator's etcd: every object of every resource, one global monotonic resourceVersion,
/// a bounded event history for watch resumption and live watchers.
///
/// All reads and writes go through a single lock; writes run inside ``write(_:)`` transactions.
public final class Store: Sendable {
    struct Watcher {
        var resource: String
        var namespace: String?
        var continuation: AsyncStream<StoreEvent>.Continuation
    }

    struct State: ~Copyable {
        var rv: UInt64 = 1
        var objects: [String: [ObjectKey: StoredObject]] = [:]
        var count = 0
        var history: [StoreEvent] = []
        var historyStart = 0
        /// Oldest resourceVersion a watch may resume from.
        var compactedRV: UInt64 = 1
        var watchers: [Int: Watcher] = [:]
        var nextWatcher = 0
        var changeListeners: [Int: AsyncStream<Void>.Continuation] = [:]
    }

    let state = Mutex(State())
    /// Events kept for watch resumption.
    public let historyLimit: Int
    /// Objects allowed in the store before creates fail.
    public let objectLimit: Int

    /// Creates an empty store.
    public init(historyLimit: Int = 20_000, objectLimit: Int = 100_000) {
        self.historyLimit = historyLimit
        self.objectLimit = objectLimit
    }

    /// The current resourceVersion.
    public var resourceVersion: UInt64 { state.withLock { $0.rv } }

    /// Number of stored objects.
    public var count: Int { state.withLock { $0.count } }

    /// Reads one object.
    public func get(_ resource: String, _ key: ObjectKey) -> StoredObject? {
        state.withLock { $0.objects[resource]?[key] }
    }

    /// Lists objects of a resource (all namespaces when `namespace` is nil), sorted by key, with the store RV.
    public func list(_ resource: String, namespace: String? = nil) -> (items: [StoredObject], resourceVersion: UInt64) {
        let (all, rv): ([ObjectKey: StoredObject], UInt64) = state.withLock { ($0.objects[resource] ?? [:], $0.rv) }
        var keys = Array(all.keys)
        if let namespace { keys.removeAll { $0.namespace != namespace } }
        keys.sort()
        return (keys.map { all[$0]! }, rv)
    }

    /// Every resource that currently holds objects in `namespace`.
    public func resources(inNamespace namespace: String) -> [String] {
        state.withLock { st in st.objects.compactMap { res, objs in objs.keys.contains { $0.namespace == namespace } ? res : nil } }
    }

    /// Marks everything written so far as compacted: watches from older versions get 410.
    public func compact() {
        state.withLock { st in
            st.compactedRV = st.rv
            st.history.removeAll()
            st.historyStart = 0
        }
    }

    /// Runs a transaction under the store lock, then notifies watchers of its changes.
    @discardableResult
    public func write<T>(_ body: (inout Transaction) throws(KubeError) -> T) throws(KubeError) -> T {
        try state.withLock { (st: inout State) throws(KubeError) -> T in
            var tx = Transaction(objects: st.objects, rv: st.rv, count: st.count, objectLimit: objectLimit)
            st.objects = [:]  // moved into the transaction so edits do not copy; restored below
            let result: Result<T, KubeError>
            do throws(KubeError) { result = .success(try body(&tx)) } catch { result = .failure(error) }
            if case .failure(let e) = result {
                tx.rollback()
                st.objects = tx.objects
                throw e
            }
            st.objects = tx.objects
            st.rv = tx.rv
            st.count = tx.count
            for ev in tx.events { Store.record(ev, in: &st, limit: historyLimit) }
            if !tx.events.isEmpty { for (_, l) in st.changeListeners { l.yield() } }
            return try result.get()
        }
    }

    private static func record(_ ev: StoreEvent, in st: inout State, limit: Int) {
        st.history.append(ev)
        if st.history.count - st.historyStart > limit {
            st.compactedRV = st.history[st.historyStart].resourceVersion
            st.historyStart += 1
            if st.historyStart > limit / 2 {
                st.history.removeFirst(st.historyStart)
                st.historyStart = 0
            }
        }
        for (_, w) in st.watchers where w.resource == ev.resource && (w.namespace == nil || w.namespace == ev.namespace) {
            w.continuation.yield(ev)
        }
    }

    /// A stream that yields once after each committed transaction that changed something.
    public func changes() -> AsyncStream<Void> {
        let (stream, cont) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { st in
            st.nextWatcher += 1
            st.changeListeners[st.nextWatcher] = cont
            return st.nextWatcher
        }
        cont.onTermination = { [weak self] _ in
            Task { _ = self?.state.withLock { $0.changeListeners.removeValue(forKey: id) } }
        }
        return stream
    }

    /// Ends every watch stream (graceful shutdown).
    public func closeWatches() {
        let conts = state.withLock { st in
            let c = st.watchers.values.map(\.continuation)
            st.watchers.removeAll()
            return c
        }
        for c in conts { c.finish() }
    }
}
