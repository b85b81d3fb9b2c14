import Foundation
import KFModels
import Testing
@testable import KFQueue

/// Helpers for the integration suites: unique queues, bounded waits, broker-side connection control.
enum QueueTestSupport {
    static let integrationEnabled = ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"

    /// The broker from the environment (defaults: local broker), with a fresh queue `kf.test.<uuid>`.
    static func freshConfig() throws -> AMQPConfig {
        var config = try AMQPConfig(environment: ProcessInfo.processInfo.environment)
        config.queue = "kf.test.\(UUID().uuidString.lowercased())"
        // Generous: every suite starts at once on a 2-core machine, so a connection's thread can sit
        // unscheduled for seconds and the broker can take seconds to answer a channel RPC (liveness,
        // not latency, is what these tests check; the recovery suite sets short heartbeats itself).
        config.heartbeat = .seconds(15)
        config.rpcTimeout = .seconds(30)
        return config
    }

    /// `config` for a connection the test drives by hand: nothing ticks it, and the test process can
    /// sit for longer than a heartbeat timeout while every suite competes for two cores, so it
    /// negotiates no heartbeats (the broker would otherwise close it as dead).
    static func unticked(_ config: AMQPConfig, _ name: String) -> AMQPConfig {
        var copy = config.named("\(config.queue).\(name)")
        copy.heartbeat = .zero
        return copy
    }

    /// Runs `body` with a fresh queue and deletes the queue afterwards, whether `body` failed or not.
    static func withTestQueue(_ body: (AMQPConfig) async throws -> Void) async throws {
        let config = try freshConfig()
        var failure: (any Error)?
        do {
            try await body(config)
        } catch {
            failure = error
        }
        let admin = AMQPConnection(config: unticked(config, "admin"), role: "admin")
        try await admin.open()
        try await admin.deleteQueue(config.queue)
        await admin.close()
        if let failure { throw failure }
    }

    /// Number of messages ready in the queue (declares it, which is idempotent).
    static func readyCount(_ config: AMQPConfig) async throws -> UInt32 {
        let admin = AMQPConnection(config: unticked(config, "count"), role: "admin")
        try await admin.open()
        let count = try await admin.declareQueue(config.queue)
        await admin.close()
        return count
    }

    /// Takes `count` deliveries from `consumer` (acking each if `ack`), failing after `limit`.
    static func take(_ count: Int, from consumer: JobConsumer, ack: Bool,
                     limit: Duration = .seconds(90)) async throws -> [JobDelivery] {
        try await withDeadline(limit, "waiting for \(count) deliveries") {
            var taken: [JobDelivery] = []
            for try await delivery in consumer.deliveries() {
                if ack { try await delivery.ack() }
                taken.append(delivery)
                if taken.count == count { break }
            }
            return taken
        }
    }

    /// Takes (and acks) deliveries until every id of `wanted` has arrived; returns all taken.
    static func take(until wanted: Set<String>, from consumer: JobConsumer,
                     limit: Duration = .seconds(90)) async throws -> [JobDelivery] {
        try await withDeadline(limit, "waiting for \(wanted.sorted())") {
            var taken: [JobDelivery] = []
            var missing = wanted
            for try await delivery in consumer.deliveries() {
                try await delivery.ack()
                taken.append(delivery)
                missing.remove(delivery.jobID)
                if missing.isEmpty { break }
            }
            return taken
        }
    }

    /// Runs `operation`, failing with `TestTimeout` if it has not finished after `limit` (a liveness
    /// bound for integration tests, not a performance assertion).
    static func withDeadline<T: Sendable>(_ limit: Duration, _ what: String,
                                          _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let result = try await group.next(), let value = result else {
                throw TestTimeout(what: what, limit: limit)
            }
            return value
        }
    }

    /// Polls `condition` every 50 ms until it holds, failing after `limit`.
    static func eventually(_ what: String, limit: Duration = .seconds(90),
                           _ condition: @escaping @Sendable () async throws -> Bool) async throws {
        _ = try await withDeadline(limit, what) {
            while try await !condition() {
                try await Task.sleep(for: .milliseconds(50))
            }
            return true
        }
    }
}

struct TestTimeout: Error, CustomStringConvertible {
    var what: String
    var limit: Duration
    var description: String { "timed out after \(limit) \(what)" }
}
