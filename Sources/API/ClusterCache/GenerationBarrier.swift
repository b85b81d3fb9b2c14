import Synchronization

/// Reads of the tenants' cluster generations shared by concurrent requests.
///
/// A caller gets the result of a read that *began after it called*, so what it sees includes
/// every change committed before its request arrived (read-your-writes across API replicas and
/// workers), yet concurrent callers share one read: at most one runs at a time, and everyone who
/// arrives while it runs waits for the next one, which starts when it ends. Under load that is
/// one small query for a whole batch of requests.
final class GenerationBarrier: Sendable {
    typealias Generations = [String: Int64]
    private let read: @Sendable () async throws -> Generations
    private let state = Mutex(State())

    private struct State {
        /// The newest read (running, or waiting for the one before it).
        var last: Task<Generations, any Error>?
        /// The read that has not begun yet, which new callers join.
        var waiting: (id: UInt64, task: Task<Generations, any Error>)?
        var nextID: UInt64 = 0
    }

    init(read: @escaping @Sendable () async throws -> Generations) {
        self.read = read
    }

    /// The generations as of a read begun after this call.
    func current() async throws -> Generations {
        let round = state.withLock { s in
            if let waiting = s.waiting { return waiting.task }
            s.nextID += 1
            let id = s.nextID
            let previous = s.last
            let task = Task { [read] in
                _ = await previous?.result
                // From here on this read has begun: later callers need the next one.
                self.state.withLock { s in
                    if s.waiting?.id == id { s.waiting = nil }
                }
                return try await read()
            }
            s.waiting = (id, task)
            s.last = task
            return task
        }
        return try await round.value
    }
}
