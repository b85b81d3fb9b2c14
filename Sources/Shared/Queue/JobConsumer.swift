import Foundation
import Logging
import Metrics
import Synchronization

/// Consumes job ids from the jobs queue with manual acks and a prefetch window.
///
/// A consume loop (started by the first `deliveries()`) owns one connection on its own thread. It
/// waits for deliveries in short slices (`pollInterval`, and only a few milliseconds while handed-out
/// deliveries await their ack) so that acks, which queue on the same connection, go out promptly,
/// and so that heartbeats are serviced even while the application is busy. When the connection is lost (socket error, broker close, broker restart)
/// the loop reconnects with `Backoff`, re-declares the queue and consumes again; the broker
/// redelivers what the lost connection had not acked, and acks for those deliveries throw
/// `.staleDelivery`.
///
/// Shutdown: `stop()` ends the stream and cancels the broker-side consumer but keeps the connection,
/// so deliveries already handed out can still be acked; then `close()` closes the connection
/// (anything still unacked goes back to the queue). `close()` alone does both.
public final class JobConsumer: Sendable {
    public let config: AMQPConfig
    let connection: AMQPConnection
    private let prefetch: Int
    private let pollInterval: Duration
    private let backoff: Backoff
    private let logger: Logger
    private let metrics: QueueMetrics
    private let inbox = DeliveryInbox<JobDelivery>()
    private let control = Mutex(Control())

    private struct Control {
        var loop: Task<Void, Never>?
        var stopRequested = false
    }

    /// - Parameters:
    ///   - prefetch: deliveries the broker may hand out before they are acked.
    ///   - pollInterval: the longest a single wait for deliveries blocks the connection (and thus acks).
    ///   - backoff: delays between reconnect attempts.
    ///   - metricsFactory: where metrics go (default: the process's bootstrapped factory).
    public init(config: AMQPConfig, prefetch: Int = 16, pollInterval: Duration = .milliseconds(200),
                backoff: Backoff = Backoff(), logger: Logger = Logger(label: "kubefate.queue.consumer"),
                metricsFactory: any MetricsFactory = MetricsSystem.factory) {
        self.config = config
        self.connection = AMQPConnection(config: config, role: "consumer", logger: logger, metricsFactory: metricsFactory)
        self.prefetch = max(prefetch, 1)
        self.pollInterval = pollInterval
        self.backoff = backoff
        var logger = logger
        logger[metadataKey: "amqp.queue"] = .string(config.queue)
        self.logger = logger
        self.metrics = QueueMetrics(role: "consumer", factory: metricsFactory)
    }

    /// The deliveries, in the order the broker sent them. Starts consuming on the first call; several
    /// iterators share one stream of deliveries. The stream ends after `stop()` or `close()`.
    public func deliveries() -> AsyncThrowingStream<JobDelivery, any Error> {
        control.withLock { control in
            guard control.loop == nil, !control.stopRequested else { return }
            control.loop = Task { await self.consumeLoop() }
        }
        return AsyncThrowingStream(unfolding: { [inbox] in await inbox.next() })
    }

    /// Stops taking deliveries: the stream ends, deliveries not yet taken from it go back to the
    /// queue, and the broker-side consumer is cancelled. Deliveries already taken can still be acked
    /// until `close()`.
    public func stop() async {
        control.withLock { $0.stopRequested = true }
        for delivery in inbox.close() {
            try? await delivery.reject(requeue: true)
        }
    }

    /// `stop()`, then closes the connection; unacked deliveries return to the queue.
    public func close() async {
        await stop()
        let loop = control.withLock { $0.loop }
        loop?.cancel()
        await loop?.value
        await connection.close()
    }

    private var stopRequested: Bool { control.withLock { $0.stopRequested } }

    private func consumeLoop() async {
        var failures = 0
        while !Task.isCancelled {
            do {
                if stopRequested {
                    // Keep servicing the connection so in-flight deliveries can be acked.
                    guard await connection.isOpen else { return }
                    try await connection.cancelConsumer()
                } else if await !connection.isConsuming {
                    try await connection.open()
                    try await connection.startConsuming(prefetch: prefetch)
                    logger.debug("consuming", metadata: ["amqp.prefetch": "\(prefetch)"])
                    failures = 0
                }
                if let delivery = try await connection.next(timeout: pollInterval) {
                    await hand(delivery)
                }
            } catch {
                if stopRequested || Task.isCancelled { return }
                let delay = backoff.delay(forAttempt: failures)
                failures += 1
                logger.warning("consumer connection failed; reconnecting", metadata: [
                    "error": "\(error)", "attempt": "\(failures)", "delay": "\(delay)",
                ])
                await connection.discard()
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// Passes a delivery to the stream, or returns it to the broker when the stream has ended.
    private func hand(_ delivery: AMQPDelivery) async {
        guard let jobID = String(bytes: delivery.body, encoding: .utf8), !jobID.isEmpty else {
            logger.error("dropping a message that is not a job id", metadata: ["amqp.bytes": "\(delivery.body.count)"])
            try? await connection.reject(deliveryTag: delivery.deliveryTag, generation: delivery.generation, requeue: false)
            return
        }
        let jobDelivery = JobDelivery(jobID: jobID, redelivered: delivery.redelivered, deliveryCount: delivery.deliveryCount,
                                      deliveryTag: delivery.deliveryTag, generation: delivery.generation,
                                      connection: connection)
        if inbox.push(jobDelivery) {
            metrics.delivered.increment()
        } else {
            try? await jobDelivery.reject(requeue: true)
        }
    }
}
