import Foundation
import Testing
@testable import KFModels

/// A barrier that `count` threads must reach together; `arrive` reports whether they all did.
private final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived = 0
    private let count: Int
    init(count: Int) { self.count = count }
    func arrive(timeout: TimeInterval) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        condition.broadcast()
        let deadline = Date().addingTimeInterval(timeout)
        while arrived < count {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }
}

private actor Pinned {
    let executor: ThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    init(name: String) { executor = ThreadExecutor(name: name) }
    deinit { executor.shutdown() }
    func threadName() -> String? { Thread.current.name }
    func meet(_ barrier: Barrier) -> Bool { barrier.arrive(timeout: 20) }
}

@Suite struct ThreadExecutorTests {
    @Test func actorCodeRunsOnTheNamedThread() async {
        let pinned = Pinned(name: "kf-test-thread")
        let name = await pinned.threadName()
        #expect(name == "kf-test-thread", "got \(String(describing: name))")
    }

    @Test func moreBlockedActorsThanPoolThreadsAllRunAtOnce() async {
        // Each actor blocks until all of them are blocked. On the cooperative pool (nproc threads)
        // more blocked callers than threads could never meet; on pinned threads they all do.
        let n = ProcessInfo.processInfo.activeProcessorCount + 3
        let barrier = Barrier(count: n)
        let actors = (0..<n).map { Pinned(name: "kf-barrier-\($0)") }
        let met = await withTaskGroup(of: Bool.self) { group in
            for a in actors { group.addTask { await a.meet(barrier) } }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(met)
    }
}
