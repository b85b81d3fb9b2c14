import KFModels
import Logging
import ServiceLifecycle
import Synchronization

/// Relays the transactional outbox to the jobs queue.
///
/// Polls the source (every `pollInterval`, or at once after `wake()`), publishes the pending job ids
/// with confirms, and marks the rows published only after the broker confirmed them. A crash or
/// failure between publish and mark leaves the rows pending, so they are published again later: a
/// duplicate message, never a lost one. While the broker or the source fails, the relay retries with
/// `Backoff`. Several relays (API replicas) may run at once; they only cause duplicates.
///
/// Graceful shutdown finishes the batch in flight, then `run()` returns. The publisher is not
/// closed by the relay; close it after the service group has finished.
public final class OutboxRelay: Service, Sendable {
    private let source: any OutboxSource
    private let publisher: JobPublisher
    private let batchSize: Int
    private let pollInterval: Duration
    private let backoff: Backoff
    private let logger: Logger
    private let signal = WakeSignal()
    private let stopping = Atomic<Bool>(false)

    /// - Parameters:
    ///   - batchSize: rows read and published per round (published in confirm windows of the publisher).
    ///   - pollInterval: how often to look for rows when nobody calls `wake()`.
    ///   - backoff: delays between failed rounds.
    public init(source: any OutboxSource, publisher: JobPublisher, batchSize: Int = 256,
                pollInterval: Duration = .seconds(1),
                backoff: Backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(15)),
                logger: Logger = Logger(label: "kubefate.queue.relay")) {
        self.source = source
        self.publisher = publisher
        self.batchSize = max(batchSize, 1)
        self.pollInterval = pollInterval
        self.backoff = backoff
        self.logger = logger
    }

    /// Asks the relay to look for rows now (call after committing a transaction that wrote one).
    public func wake() {
        signal.wake()
    }

    /// Relays until graceful shutdown or cancellation.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await relayLoop()
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.signal.wake()
        }
    }

    /// Publishes one batch of pending rows and marks them published; returns how many rows it relayed.
    /// - Throws: the source's or the publisher's error; the rows then stay pending.
    @discardableResult
    public func relayOnce() async throws -> Int {
        let rows = try await source.pending(limit: batchSize)
        guard !rows.isEmpty else { return 0 }
        try await publisher.publish(jobIDs: rows.map(\.jobID))
        try await source.markPublished(ids: rows.map(\.id))
        logger.debug("relayed outbox rows", metadata: ["count": "\(rows.count)", "lastID": "\(rows.last?.id ?? 0)"])
        return rows.count
    }

    private var isStopping: Bool {
        stopping.load(ordering: .relaxed) || Task.isCancelled
    }

    private func relayLoop() async {
        var failures = 0
        while !isStopping {
            do {
                let relayed = try await relayOnce()
                if failures > 0 { logger.info("outbox relay recovered", metadata: ["failures": "\(failures)"]) }
                failures = 0
                // A full batch means more rows are probably waiting: go on at once.
                if relayed < batchSize { await signal.wait(timeout: pollInterval) }
            } catch {
                let delay = backoff.delay(forAttempt: failures)
                failures += 1
                logger.warning("outbox relay failed; retrying", metadata: [
                    "error": "\(error)", "attempt": "\(failures)", "delay": "\(delay)",
                ])
                await pause(delay)
            }
        }
    }

    /// Sleeps for `delay` (wakes do not cut it short; shutdown does).
    private func pause(_ delay: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: delay)
        while !isStopping {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return }
            await signal.wait(timeout: remaining)
        }
    }
}
