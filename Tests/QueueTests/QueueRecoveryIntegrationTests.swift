import Foundation
import MetricsTestKit
import Testing
@testable import KFQueue

@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct QueueRecoveryIntegrationTests {
    private let quickBackoff = Backoff(initial: .milliseconds(50), maximum: .milliseconds(500), jitter: 0)

    @Test func unackedDeliveriesAreRedeliveredAfterTheConsumerSocketDies() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            let ids = (0..<5).map { "job-\($0)" }
            try await publisher.publish(jobIDs: ids)
            await publisher.close()
            let metrics = TestMetrics()
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"), prefetch: 5, backoff: quickBackoff,
                                       metricsFactory: metrics)
            let first = try await QueueTestSupport.take(5, from: consumer, ack: false)
            #expect(first.allSatisfy { !$0.redelivered })

            // Cut the socket without an AMQP close, as a crashed worker would.
            let generation = await consumer.connection.generation
            await consumer.connection.severSocket()
            let again = try await QueueTestSupport.take(5, from: consumer, ack: true)
            #expect(Set(again.map(\.jobID)) == Set(ids))
            #expect(again.allSatisfy { $0.redelivered && $0.deliveryCount == 1 })
            #expect(await consumer.connection.generation == generation + 1)
            // Every connection after the first counts as a reconnect.
            #expect(try metrics.expectCounter("kubefate_queue_reconnects_total", [("role", "consumer")]).totalValue
                    == Int64(generation))
            #expect(try metrics.expectCounter("kubefate_queue_delivered_total").totalValue == 10)

            // The old deliveries belong to the dead connection: acking them says so.
            await #expect {
                try await first[0].ack()
            } throws: { error in
                (error as? AMQPError)?.code == .staleDelivery
            }
            await consumer.close()
            #expect(try await QueueTestSupport.readyCount(config) == 0)
        }
    }

    @Test(.enabled(if: BrokerControl.available, "needs rabbitmqctl"))
    func consumerAndPublisherRecoverAfterTheBrokerClosesTheirConnections() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"), backoff: quickBackoff)
            try await publisher.publish(jobIDs: ["before"])
            #expect(try await QueueTestSupport.take(1, from: consumer, ack: true).map(\.jobID) == ["before"])

            // Only this test's two connections (named after its queue) are closed.
            #expect(try BrokerControl.closeConnections(namePrefix: config.queue) == 2)

            try await publisher.publish(jobIDs: ["after"])
            let deliveries = try await QueueTestSupport.take(until: ["after"], from: consumer)
            // At least once: an ack racing the close may be lost, and then "before" comes again.
            #expect(deliveries.map(\.jobID).filter { $0 != "before" } == ["after"])
            #expect(await consumer.connection.generation >= 2)
            #expect(await publisher.connection.generation >= 2)
            await consumer.close()
            await publisher.close()
        }
    }

    @Test func aMessagePublishedWhileTheConsumerReconnectsIsNotLost() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            let slowBackoff = Backoff(initial: .seconds(1), maximum: .seconds(1), jitter: 0)
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"), backoff: slowBackoff)
            try await publisher.publish(jobIDs: ["warm-up"])
            _ = try await QueueTestSupport.take(1, from: consumer, ack: true)

            await consumer.connection.severSocket()
            try await QueueTestSupport.eventually("consumer noticing the dead socket") {
                await !consumer.connection.isOpen
            }
            // The consumer is now waiting out its backoff with no connection.
            try await publisher.publish(jobIDs: ["during-reconnect"])
            let deliveries = try await QueueTestSupport.take(until: ["during-reconnect"], from: consumer)
            #expect(deliveries.map(\.jobID).filter { $0 != "warm-up" } == ["during-reconnect"])
            #expect(deliveries.last?.redelivered == false)
            await consumer.close()
            await publisher.close()
        }
    }

    @Test func anIdlePublisherStaysConnectedThroughHeartbeats() async throws {
        try await QueueTestSupport.withTestQueue { config in
            var config = config
            // Short enough that the broker would drop an untended connection within the idle
            // period, long enough that a loaded 2-core CI machine still ticks in time.
            config.heartbeat = .seconds(3)
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            try await publisher.publish(jobIDs: ["one"])
            // Idle for several heartbeat timeouts; the ticker keeps the connection alive.
            try await Task.sleep(for: .seconds(12))
            try await publisher.publish(jobIDs: ["two"])
            #expect(await publisher.connection.generation == 1)
            await publisher.close()
        }
    }
}
