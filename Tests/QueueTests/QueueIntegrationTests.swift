import Foundation
import MetricsTestKit
import Testing
@testable import KFQueue

@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct QueueIntegrationTests {
    @Test func publishedJobIDsAreConsumedAndAckedOnce() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"), prefetch: 4)
            let ids = (0..<10).map { "job-\($0)" }
            try await publisher.publish(jobIDs: ids)
            let deliveries = try await QueueTestSupport.take(10, from: consumer, ack: true)
            #expect(deliveries.map(\.jobID) == ids)
            #expect(deliveries.allSatisfy { !$0.redelivered && $0.deliveryCount == nil })
            await consumer.close()
            await publisher.close()
            #expect(try await QueueTestSupport.readyCount(config) == 0)
        }
    }

    @Test func confirmedPublishesSurviveInWindowsAndAreAllDelivered() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"), confirmWindow: 100)
            let ids = (0..<1000).map { "job-\($0)" }
            try await publisher.publish(jobIDs: Array(ids[..<250]))
            try await publisher.publish(jobIDs: Array(ids[250...]))
            await publisher.close()
            // Confirmed means the broker has them: a consumer started afterwards gets every one.
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"), prefetch: 200)
            let deliveries = try await QueueTestSupport.take(1000, from: consumer, ack: true)
            #expect(Set(deliveries.map(\.jobID)) == Set(ids))
            await consumer.close()
        }
    }

    @Test func unroutableMessagesAreReportedInsteadOfConfirmed() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let connection = AMQPConnection(config: QueueTestSupport.unticked(config, "raw"), role: "test")
            try await connection.open()
            await #expect {
                try await connection.publishConfirmed([Array("x".utf8)], routingKey: "\(config.queue).missing",
                                                      window: 10, timeout: .seconds(10))
            } throws: { error in
                (error as? AMQPError)?.code == .unroutable
            }
            await connection.close()
        }
    }

    @Test func publisherDeclaresADeletedQueueAgainAndDelivers() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            try await publisher.publish(jobIDs: ["first"])
            let admin = AMQPConnection(config: QueueTestSupport.unticked(config, "admin"), role: "admin")
            try await admin.open()
            try await admin.deleteQueue(config.queue)
            await admin.close()
            // The message comes back unroutable; the publisher reconnects (declaring the queue) and retries.
            try await publisher.publish(jobIDs: ["second"])
            await publisher.close()
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"))
            let deliveries = try await QueueTestSupport.take(1, from: consumer, ack: true)
            #expect(deliveries.map(\.jobID) == ["second"])
            await consumer.close()
        }
    }

    @Test func stoppingTheConsumerEndsTheStreamAndStillAcksInFlightDeliveries() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            try await publisher.publish(jobIDs: ["a", "b", "c", "d"])
            await publisher.close()
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"), prefetch: 4)
            let inFlight = try await QueueTestSupport.take(1, from: consumer, ack: false)
            await consumer.stop()
            // The stream has ended: iterating yields nothing more.
            var afterStop = 0
            for try await _ in consumer.deliveries() { afterStop += 1 }
            #expect(afterStop == 0)
            // The delivery taken before stop() can still be acked on the open connection.
            try await inFlight[0].ack()
            await consumer.close()
            // The three deliveries nobody took went back to the queue; "a" was acked for good.
            let second = JobConsumer(config: config.named("\(config.queue).consumer2"), prefetch: 4)
            let rest = try await QueueTestSupport.take(3, from: second, ack: true)
            #expect(Set(rest.map(\.jobID)) == Set(["a", "b", "c", "d"]).subtracting([inFlight[0].jobID]))
            await second.close()
            #expect(try await QueueTestSupport.readyCount(config) == 0)
        }
    }

    @Test func confirmedPublishesAreCountedAndTimed() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let metrics = TestMetrics()
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"), metricsFactory: metrics)
            try await publisher.publish(jobIDs: ["a", "b"])
            try await publisher.publish(jobIDs: ["c"])
            #expect(try metrics.expectCounter("kubefate_queue_published_total").totalValue == 3)
            #expect(try metrics.expectTimer("kubefate_queue_publish_seconds").values.count == 2)
            #expect(try metrics.expectCounter("kubefate_queue_publish_failed_total").totalValue == 0)
            await publisher.close()
        }
    }

    @Test func rejectWithRequeueDeliversAgainAndWithoutRequeueDrops() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            try await publisher.publish(jobIDs: ["retry", "drop"])
            await publisher.close()
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"), prefetch: 2)
            let first = try await QueueTestSupport.take(2, from: consumer, ack: false)
            for delivery in first {
                try await delivery.reject(requeue: delivery.jobID == "retry")
            }
            let again = try await QueueTestSupport.take(1, from: consumer, ack: true)
            #expect(again.map(\.jobID) == ["retry"])
            #expect(again[0].redelivered)
            #expect(again[0].deliveryCount == 1)
            await consumer.close()
            #expect(try await QueueTestSupport.readyCount(config) == 0)
        }
    }

    @Test func aMessageThatIsNotAJobIDIsDroppedAndConsumingGoesOn() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let raw = AMQPConnection(config: QueueTestSupport.unticked(config, "raw"), role: "test")
            try await raw.open()
            try await raw.publishConfirmed([[0xFF, 0xFE], [], Array("job-1".utf8)], routingKey: config.queue,
                                           window: 10, timeout: .seconds(10))
            await raw.close()
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"))
            let deliveries = try await QueueTestSupport.take(1, from: consumer, ack: true)
            #expect(deliveries.map(\.jobID) == ["job-1"])
            await consumer.close()
            #expect(try await QueueTestSupport.readyCount(config) == 0)
        }
    }

    @Test func publisherHealthCheckReachesTheBroker() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            try await publisher.checkHealth()
            await publisher.close()
        }
    }

    @Test func unreachableBrokerFailsWithAConnectError() async throws {
        var config = try QueueTestSupport.freshConfig()
        config.port = 1
        let publisher = JobPublisher(config: config)
        await #expect {
            try await publisher.publish(jobIDs: ["x"])
        } throws: { error in
            (error as? AMQPError)?.code == .connect
        }
        await publisher.close()
    }
}
