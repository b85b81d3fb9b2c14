import Foundation

/// A serial executor that owns one dedicated OS thread.
///
/// An actor whose `unownedExecutor` returns this executor runs all of its isolated code on that
/// thread, so it may call blocking C functions (MariaDB Connector/C, rabbitmq-c) without stalling
/// Swift's cooperative pool, which has only `nproc` threads.
public final class ThreadExecutor: SerialExecutor, TaskExecutor, @unchecked Sendable {
    // @unchecked Sendable: every mutable field is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private var thread: Thread?
    /// The thread's name, visible in `/proc/<pid>/task/*/comm` and debuggers.
    public let name: String

    /// Starts the thread. `onThreadStart`/`onThreadEnd` run on it, for per-thread C initialisation.
    public init(name: String, onThreadStart: (@Sendable () -> Void)? = nil, onThreadEnd: (@Sendable () -> Void)? = nil) {
        self.name = name
        // The thread retains the executor until `shutdown()` lets `runLoop()` return.
        let thread = Thread { [self] in
            // corelibs-foundation does not apply a name set before start(); set it from inside.
            Thread.current.name = name
            onThreadStart?()
            self.runLoop()
            onThreadEnd?()
        }
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
        // The in-thread assignment above is lost when it runs before start() has stored the
        // thread's handle; assigning again from here covers that race.
        thread.name = name
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    public func isSameExclusiveExecutionContext(other: ThreadExecutor) -> Bool { self === other }

    public func checkIsolated() {
        precondition(Thread.current === thread, "not on executor thread \(name)")
    }

    /// Runs the queued jobs, then lets the thread exit. Owners must call this (an actor's deinit
    /// does); otherwise the parked thread leaks.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        var batch: [UnownedJob] = []
        batch.reserveCapacity(64)
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch {
                job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
            }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
