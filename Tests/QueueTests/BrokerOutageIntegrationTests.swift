import Foundation
import Testing
@testable import KFQueue

/// Broker outages simulated with a `TCPProxy` in front of the shared broker (which keeps running).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct BrokerOutageIntegrationTests {
    private let quickBackoff = Backoff(initial: .milliseconds(50), maximum: .milliseconds(300), jitter: 0)

    private func proxied(_ config: AMQPConfig, through proxy: TCPProxy, as name: String) -> AMQPConfig {
        var proxiedConfig = config.named("\(config.queue).\(name)")
        proxiedConfig.port = Int(proxy.port)
        proxiedConfig.connectTimeout = .milliseconds(500)
        return proxiedConfig
    }

    @Test func consumerAndPublisherCarryOnAfterABrokerOutage() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let proxy = try TCPProxy(targetPort: config.port)
            defer { proxy.stop() }
            let publisher = JobPublisher(config: proxied(config, through: proxy, as: "publisher"))
            let consumer = JobConsumer(config: proxied(config, through: proxy, as: "consumer"), backoff: quickBackoff)
            try await publisher.publish(jobIDs: ["before"])
            #expect(try await QueueTestSupport.take(1, from: consumer, ack: true).map(\.jobID) == ["before"])

            proxy.stop()
            try await QueueTestSupport.eventually("consumer noticing the outage") { await !consumer.connection.isOpen }
            await #expect(throws: AMQPError.self) { try await publisher.publish(jobIDs: ["refused"]) }
            // Published straight to the broker while our consumer is cut off and retrying.
            let direct = JobPublisher(config: config.named("\(config.queue).direct"))
            try await direct.publish(jobIDs: ["during-outage"])
            await direct.close()

            try proxy.start()
            try await publisher.publish(jobIDs: ["after"])
            let deliveries = try await QueueTestSupport.take(until: ["during-outage", "after"], from: consumer)
            #expect(deliveries.map(\.jobID).filter { $0 != "before" } == ["during-outage", "after"])
            // An ack cut off by the outage may not have reached the broker: then "before" comes again.
            #expect(deliveries.filter { $0.jobID == "before" }.allSatisfy { $0.redelivered })
            await consumer.close()
            await publisher.close()
        }
    }

    @Test func relayRetriesThroughAnOutageAndDeliversEveryRowOnceTheBrokerIsBack() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let proxy = try TCPProxy(targetPort: config.port)
            defer { proxy.stop() }
            proxy.stop()
            let ids = (0..<20).map { "job-\($0)" }
            let outbox = InMemoryOutbox(jobIDs: ids)
            let publisher = JobPublisher(config: proxied(config, through: proxy, as: "publisher"))
            let relay = OutboxRelay(source: outbox, publisher: publisher, batchSize: 8, backoff: quickBackoff)
            let running = Task { try await relay.run() }
            try await QueueTestSupport.eventually("relay retrying") { await outbox.pendingCalls >= 3 }
            #expect(await outbox.markCalls == 0)

            try proxy.start()
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"), prefetch: 20)
            let deliveries = try await QueueTestSupport.take(20, from: consumer, ack: true)
            #expect(deliveries.map(\.jobID) == ids)
            try await QueueTestSupport.eventually("all rows marked") { await outbox.unpublishedCount == 0 }
            running.cancel()
            try await running.value
            await consumer.close()
            await publisher.close()
        }
    }
}
