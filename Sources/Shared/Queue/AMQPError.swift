/// An error from the RabbitMQ layer: a code to branch on, a human-readable message and context
/// (queue, host, broker reply code, …).
public struct AMQPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// A configuration value is malformed; `context["field"]` names it.
        case invalidConfig
        /// The TCP connection or the AMQP handshake/login failed.
        case connect
        /// The socket failed or the broker stopped answering (missed heartbeats).
        case socket
        /// The broker closed the connection (`connection.close`), e.g. `rabbitmqctl close_connection`.
        case connectionClosed
        /// The broker closed the channel (`channel.close`), e.g. a queue declared with other arguments.
        case channelClosed
        /// The broker cancelled the consumer (`basic.cancel`), e.g. because the queue was deleted.
        case consumerCancelled
        /// A synchronous AMQP method (declare, qos, consume, …) failed.
        case rpc
        /// The broker negatively acknowledged (nack) a published message.
        case nacked
        /// A published message could not be routed to the queue (returned by the broker).
        case unroutable
        /// Publisher confirms did not arrive in time.
        case confirmTimeout
        /// The operation needs an open connection and there is none.
        case notConnected
        /// The delivery belongs to a connection that is gone; the broker redelivers the message.
        case staleDelivery
    }

    public var code: Code
    public var message: String
    public var context: [String: String]

    public init(_ code: Code, _ message: String, context: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.context = context
    }

    /// Whether the connection that raised this error is unusable and must be reopened.
    public var breaksConnection: Bool {
        switch code {
        case .connect, .socket, .connectionClosed, .channelClosed, .consumerCancelled, .rpc, .confirmTimeout,
             .unroutable, .notConnected:
            true
        case .invalidConfig, .nacked, .staleDelivery:
            false
        }
    }

    public var description: String {
        guard !context.isEmpty else { return "AMQPError.\(code.rawValue): \(message)" }
        let details = context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "AMQPError.\(code.rawValue): \(message) (\(details))"
    }
}
