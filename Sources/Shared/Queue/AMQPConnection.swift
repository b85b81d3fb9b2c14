import CRabbitMQ
import Foundation
import KFModels
import Logging
import Metrics

/// One RabbitMQ connection with one channel, as an actor pinned to its own thread.
///
/// Every rabbitmq-c call blocks, so the actor runs on a `ThreadExecutor` and never on Swift's
/// cooperative pool. A connection is not thread-safe in rabbitmq-c; the actor serializes all use.
/// Opening declares the configured durable quorum queue. Any socket or protocol error tears the
/// connection down (no AMQP close) and leaves reopening to the caller (`JobPublisher`,
/// `JobConsumer`), which retries with `Backoff`. Each successful `open()` starts a new
/// `generation`; delivery tags are only valid within the generation that produced them.
///
/// Heartbeats are serviced only inside library calls: a connection that may idle must be ticked
/// (`tick()`) at least every `heartbeat / 2`; a consumer polling `next(timeout:)` is ticked implicitly.
public actor AMQPConnection {
    public let config: AMQPConfig
    let logger: Logger
    let metrics: QueueMetrics
    private let executor: ThreadExecutor
    var handle: AMQPHandle?
    /// Incremented by every successful `open()`.
    public private(set) var generation: UInt64 = 0
    /// Set when a connection was lost, so that the next open counts as a reconnect.
    private var lost = false
    /// Whether the channel is in confirm mode.
    var confirming = false
    var confirms = ConfirmTracker()
    /// The active consumer's tag, if consuming.
    var consumerTag: String?
    /// Deliveries of this generation handed out and not yet acked or rejected.
    var unsettledDeliveries = 0

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// The connection's own thread, as a task executor: work that must run on time whatever the
    /// cooperative pool is doing (the heartbeat ticker) prefers it.
    nonisolated var taskExecutor: any TaskExecutor { executor }

    /// - Parameters:
    ///   - config: broker, queue and timeouts; `config.connectionName` names the connection at the broker.
    ///   - role: metrics dimension and thread name suffix (`publisher`, `consumer`, …).
    ///   - metricsFactory: where metrics go (default: the process's bootstrapped factory).
    public init(config: AMQPConfig, role: String, logger: Logger = Logger(label: "kubefate.queue"),
                metricsFactory: any MetricsFactory = MetricsSystem.factory) {
        self.config = config
        self.executor = ThreadExecutor(name: "amqp-\(role)")
        self.metrics = QueueMetrics(role: role, factory: metricsFactory)
        var logger = logger
        logger[metadataKey: "amqp.role"] = .string(role)
        logger[metadataKey: "amqp.queue"] = .string(config.queue)
        self.logger = logger
    }

    deinit {
        executor.shutdown()
    }

    /// Whether a connection is established (it may still turn out dead on the next call).
    public var isOpen: Bool { handle != nil }

    /// Connects, logs in, opens the channel and declares the queue; does nothing when already open.
    public func open() throws {
        guard handle == nil else { return }
        let handle = try Self.connect(config)
        self.handle = handle
        confirming = false
        confirms = ConfirmTracker()
        consumerTag = nil
        unsettledDeliveries = 0
        do {
            try declareQueue(config.queue)
        } catch {
            discard()
            throw error
        }
        generation += 1
        if lost {
            lost = false
            metrics.reconnects.increment()
            logger.info("reconnected to RabbitMQ", metadata: ["amqp.generation": "\(generation)"])
        } else {
            logger.debug("connected to RabbitMQ", metadata: ["amqp.generation": "\(generation)"])
        }
    }

    /// Closes the channel and connection politely (unacked deliveries go back to the queue).
    public func close() {
        guard let handle else { return }
        _ = amqp_channel_close(handle.raw, amqpChannel, AMQP_REPLY_SUCCESS)
        _ = amqp_connection_close(handle.raw, AMQP_REPLY_SUCCESS)
        self.handle = nil
        consumerTag = nil
        logger.debug("closed RabbitMQ connection")
    }

    /// Declares a durable quorum queue (idempotent; fails if it exists with other arguments) and
    /// returns the number of messages ready in it.
    @discardableResult
    public func declareQueue(_ name: String) throws -> UInt32 {
        let raw = try requireOpen()
        let reply = withAMQPTable([("x-queue-type", "quorum")]) { arguments in
            withAMQPBytes(name) { queue in
                amqp_queue_declare(raw, amqpChannel, queue, 0, 1, 0, 0, arguments)
            }
        }
        try check(amqp_get_rpc_reply(raw), doing: "declare queue \(name)")
        return reply?.pointee.message_count ?? 0
    }

    /// Deletes a queue and returns how many messages it held.
    @discardableResult
    public func deleteQueue(_ name: String) throws -> UInt32 {
        let raw = try requireOpen()
        let reply = withAMQPBytes(name) { queue in
            amqp_queue_delete(raw, amqpChannel, queue, 0, 0)
        }
        try check(amqp_get_rpc_reply(raw), doing: "delete queue \(name)")
        return reply?.pointee.message_count ?? 0
    }

    /// The raw state of the open connection, or `.notConnected`.
    func requireOpen() throws -> amqp_connection_state_t {
        guard let handle else { throw AMQPError(.notConnected, "no open connection to RabbitMQ") }
        return handle.raw
    }

    /// Throws (and tears the connection down) unless `reply` is normal.
    func check(_ reply: amqp_rpc_reply_t, doing action: String) throws {
        guard let error = amqpError(from: reply, doing: action) else { return }
        fail(error)
        throw error
    }

    /// Tears the connection down after `error` if the error leaves it unusable.
    func fail(_ error: AMQPError) {
        guard error.breaksConnection, handle != nil else { return }
        logger.warning("RabbitMQ connection lost", metadata: ["error": "\(error)"])
        if error.code == .connectionClosed, let handle {
            // Answer the broker's connection.close so it can free the connection at once.
            var closeOK = amqp_connection_close_ok_t(dummy: 0)
            _ = amqp_send_method(handle.raw, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &closeOK)
        }
        discard()
    }

    /// Drops the connection without an AMQP close (the socket is closed by `amqp_destroy_connection`).
    public func discard() {
        guard handle != nil else { return }
        handle = nil
        consumerTag = nil
        lost = true
    }

    /// Opens the socket, logs in and opens the channel (synchronous; runs on the caller's thread).
    private nonisolated static func connect(_ config: AMQPConfig) throws -> AMQPHandle {
        guard let raw = amqp_new_connection() else { throw AMQPError(.connect, "amqp_new_connection failed") }
        let handle = AMQPHandle(raw)
        guard let socket = amqp_tcp_socket_new(raw) else { throw AMQPError(.connect, "amqp_tcp_socket_new failed") }
        let endpoint = ["host": config.host, "port": String(config.port)]
        var connectTimeout = timeval(config.connectTimeout)
        let status = amqp_socket_open_noblock(socket, config.host, Int32(config.port), &connectTimeout)
        guard status == AMQP_STATUS_OK.rawValue else {
            throw AMQPError(.connect, "cannot connect to \(config.host):\(config.port): \(amqpStatusText(status))",
                            context: endpoint)
        }
        var rpcTimeout = timeval(config.rpcTimeout)
        _ = amqp_set_handshake_timeout(raw, &rpcTimeout)
        _ = amqp_set_rpc_timeout(raw, &rpcTimeout)
        let heartbeat = Int32(config.heartbeat.components.seconds)
        var properties: [(String, String)] = [("product", "kubefate-swift")]
        if let name = config.connectionName { properties.append(("connection_name", name)) }
        let login = withAMQPTable(properties) { table in
            var table = table
            return cr_login_plain_with_properties(raw, config.vhost, 0, Int32(AMQP_DEFAULT_FRAME_SIZE), heartbeat,
                                                  &table, config.user, config.password)
        }
        if let error = amqpError(from: login, doing: "login to vhost \(config.vhost) as \(config.user)", code: .connect) {
            throw AMQPError(.connect, error.message, context: endpoint.merging(error.context) { first, _ in first })
        }
        _ = amqp_channel_open(raw, amqpChannel)
        if let error = amqpError(from: amqp_get_rpc_reply(raw), doing: "open channel", code: .connect) {
            throw AMQPError(.connect, error.message, context: endpoint.merging(error.context) { first, _ in first })
        }
        return handle
    }
}
