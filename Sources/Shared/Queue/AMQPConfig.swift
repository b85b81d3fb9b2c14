import Foundation

/// Where and how to reach RabbitMQ, and which queue carries job ids.
public struct AMQPConfig: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var vhost: String
    /// The durable quorum queue that carries job ids (default `kubefate.jobs`).
    public var queue: String
    /// AMQP heartbeat negotiated with the broker; `.zero` disables heartbeats.
    public var heartbeat: Duration
    /// Limit for the TCP connect.
    public var connectTimeout: Duration
    /// Limit for the handshake and every synchronous AMQP method (declare, qos, consume, close).
    public var rpcTimeout: Duration
    /// Shown by the broker as the connection's `user_provided_name` (`rabbitmqctl list_connections`).
    public var connectionName: String?

    public init(
        host: String = "127.0.0.1",
        port: Int = 5672,
        user: String = "kubefate",
        password: String = "kubefate",
        vhost: String = "kubefate",
        queue: String = "kubefate.jobs",
        heartbeat: Duration = .seconds(10),
        connectTimeout: Duration = .seconds(5),
        rpcTimeout: Duration = .seconds(10),
        connectionName: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.vhost = vhost
        self.queue = queue
        self.heartbeat = heartbeat
        self.connectTimeout = connectTimeout
        self.rpcTimeout = rpcTimeout
        self.connectionName = connectionName
    }

    /// Reads `KUBEFATE_AMQP_HOST`, `_PORT`, `_USER`, `_PASSWORD`, `_VHOST`, `_QUEUE` and
    /// `_HEARTBEAT` (seconds); unset variables keep the defaults of `init()`.
    /// - Throws: `AMQPError` with code `.invalidConfig` naming the variable when a value is malformed.
    public init(environment: [String: String]) throws {
        self.init()
        func value(_ suffix: String) -> String? {
            guard let raw = environment["KUBEFATE_AMQP_\(suffix)"], !raw.isEmpty else { return nil }
            return raw
        }
        func integer(_ suffix: String, in range: ClosedRange<Int>) throws -> Int? {
            guard let raw = value(suffix) else { return nil }
            guard let number = Int(raw), range.contains(number) else {
                throw AMQPError(.invalidConfig, "KUBEFATE_AMQP_\(suffix) must be an integer in \(range), got '\(raw)'",
                                context: ["field": "KUBEFATE_AMQP_\(suffix)"])
            }
            return number
        }
        if let host = value("HOST") { self.host = host }
        if let port = try integer("PORT", in: 1...65535) { self.port = port }
        if let user = value("USER") { self.user = user }
        if let password = environment["KUBEFATE_AMQP_PASSWORD"] { self.password = password }
        if let vhost = value("VHOST") { self.vhost = vhost }
        if let queue = value("QUEUE") {
            guard queue.utf8.count <= 255 else {
                throw AMQPError(.invalidConfig, "KUBEFATE_AMQP_QUEUE is longer than 255 bytes",
                                context: ["field": "KUBEFATE_AMQP_QUEUE"])
            }
            self.queue = queue
        }
        if let seconds = try integer("HEARTBEAT", in: 0...600) { self.heartbeat = .seconds(seconds) }
    }

    /// A copy with another connection name (each connection of a process gets its own).
    public func named(_ name: String) -> AMQPConfig {
        var copy = self
        copy.connectionName = name
        return copy
    }
}
