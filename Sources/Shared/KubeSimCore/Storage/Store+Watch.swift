extension Store {
    /// A registered watch: events already in history after the start version, then live events.
    public struct Subscription: Sendable {
        /// Events between the requested version and registration, oldest first.
        public var replay: [StoreEvent]
        /// Current objects when the watch starts from "now" (synthetic ADDED events).
        public var initial: [StoredObject]
        /// The store version at registration.
        public var resourceVersion: UInt64
        /// Live events.
        public var stream: AsyncStream<StoreEvent>
    }

    /// How a watch starts.
    public enum WatchStart: Sendable {
        /// Current objects as ADDED, then changes (RV unset or "0", or WatchList).
        case current
        /// Only changes after this resourceVersion.
        case after(UInt64)
    }

    /// Registers a watch on `resource` (optionally one namespace); throws 410 Expired for compacted versions.
    public func watch(_ resource: String, namespace: String?, from start: WatchStart) throws(KubeError) -> Subscription {
        let (stream, cont) = AsyncStream<StoreEvent>.makeStream(bufferingPolicy: .unbounded)
        let result = state.withLock { (st: inout State) -> Result<(Subscription, Int), KubeError> in
            var replay: [StoreEvent] = []
            var initial: [StoredObject] = []
            switch start {
            case .current:
                let all = st.objects[resource] ?? [:]
                var keys = Array(all.keys)
                if let namespace { keys.removeAll { $0.namespace != namespace } }
                keys.sort()
                initial = keys.map { all[$0]! }
            case .after(let rv):
                if rv < st.compactedRV { return .failure(.expired(rv, st.compactedRV)) }
                if rv < st.rv {
                    var i = st.history.count
                    while i > st.historyStart, st.history[i - 1].resourceVersion > rv { i -= 1 }
                    for ev in st.history[i...] where ev.resource == resource && (namespace == nil || ev.namespace == namespace) {
                        replay.append(ev)
                    }
                }
            }
            st.nextWatcher += 1
            st.watchers[st.nextWatcher] = Watcher(resource: resource, namespace: namespace, continuation: cont)
            return .success((Subscription(replay: replay, initial: initial, resourceVersion: st.rv, stream: stream), st.nextWatcher))
        }
        switch result {
        case .failure(let e):
            cont.finish()
            throw e
        case .success(let (sub, id)):
            // AsyncStream runs onTermination under its own lock while writers may hold the store lock and
            // yield into the stream: remove the watcher asynchronously to keep the lock order one-way.
            cont.onTermination = { [weak self] _ in
                Task { _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) } }
            }
            return sub
        }
    }

    /// Number of open watches.
    public var watcherCount: Int { state.withLock { $0.watchers.count } }
}
