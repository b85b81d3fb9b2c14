import Logging
import Metrics

/// Publishes job ids to the jobs queue as persistent messages with publisher confirms.
///
/// Owns one connection (its own thread). The connection opens lazily on the first publish, is
/// kept alive by a heartbeat ticker while idle, and is reopened on the next publish after it was
/// lost. Call `close()` when done (at the end of the service group).
public final class JobPublisher: Sendable {
    public let config: AMQPConfig
    let connection: AMQPConnection
    private let confirmWindow: Int
    private let confirmTimeout: Duration
    private let metrics: QueueMetrics
    private let ticker: Task<Void, Never>

    /// - Parameters:
    ///   - confirmWindow: messages published before waiting for their confirms.
    ///   - confirmTimeout: how long one window may wait for its confirms.
    ///   - metricsFactory: where metrics go (default: the process's bootstrapped factory).
    public init(config: AMQPConfig, confirmWindow: Int = 256, confirmTimeout: Duration = .seconds(10),
                logger: Logger = Logger(label: "kubefate.queue.publisher"),
                metricsFactory: any MetricsFactory = MetricsSystem.factory) {
        let connection = AMQPConnection(config: config, role: "publisher", logger: logger, metricsFactory: metricsFactory)
        self.config = config
        self.connection = connection
        self.confirmWindow = max(confirmWindow, 1)
        self.confirmTimeout = confirmTimeout
        self.metrics = QueueMetrics(role: "publisher", factory: metricsFactory)
        let interval = Self.tickInterval(heartbeat: config.heartbeat)
        // The ticker runs on the connection's thread, so a busy cooperative pool cannot starve the
        // heartbeats (the broker drops a connection after two missed ones).
        self.ticker = Task(executorPreference: connection.taskExecutor) { [connection] in
            guard let interval else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                // A dead connection is torn down (and logged) by tick(); the next publish reopens it.
                try? await connection.tick()
            }
        }
    }

    deinit {
        ticker.cancel()
    }

    /// Publishes one persistent message per job id and returns once the broker confirmed all of them.
    ///
    /// Opens the connection if needed. If the connection was idle and turns out dead (broker
    /// restarted, closed it), the whole call is retried once on a fresh connection — the pipeline
    /// tolerates the duplicates that can cause.
    /// - Throws: `AMQPError` when any message is not confirmed (not reachable, nacked, unroutable,
    ///   confirm timeout); some of the ids may have been delivered anyway.
    public func publish(jobIDs: [String]) async throws {
        guard !jobIDs.isEmpty else { return }
        let bodies = jobIDs.map { Array($0.utf8) }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try await connection.openAndPublish(bodies, window: confirmWindow, timeout: confirmTimeout)
        } catch {
            metrics.publishFailed.increment(by: Int64(jobIDs.count))
            throw error
        }
        metrics.publishDuration.record(duration: start.duration(to: clock.now))
        metrics.published.increment(by: Int64(jobIDs.count))
    }

    /// Connects if needed and exchanges frames with the broker; throws when it is not reachable.
    /// Meant for readiness probes.
    public func checkHealth() async throws {
        try await connection.openAndTick()
    }

    /// Stops the ticker and closes the connection. Later publishes reopen it (without a ticker).
    public func close() async {
        ticker.cancel()
        await connection.close()
    }

    private static func tickInterval(heartbeat: Duration) -> Duration? {
        guard heartbeat > .zero else { return nil }
        return max(heartbeat / 4, .milliseconds(250))
    }
}

extension AMQPConnection {
    /// `publishConfirmed` to the configured queue, retried once on a fresh connection when a reused
    /// connection turns out dead.
    func openAndPublish(_ bodies: [[UInt8]], window: Int, timeout: Duration) throws {
        let reused = isOpen
        do {
            try open()
            try publishConfirmed(bodies, routingKey: config.queue, window: window, timeout: timeout)
        } catch let error as AMQPError where reused && error.breaksConnection {
            logger.info("publishing again on a fresh connection", metadata: ["error": "\(error)"])
            try open()
            try publishConfirmed(bodies, routingKey: config.queue, window: window, timeout: timeout)
        }
    }

    /// Opens the connection if needed and services it once.
    func openAndTick() throws {
        try open()
        try tick()
    }
}
