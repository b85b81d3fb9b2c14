import Foundation
import KFModels
import Testing
@testable import KFQueue

@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct OutboxRelayIntegrationTests {
    private let quickBackoff = Backoff(initial: .milliseconds(20), maximum: .milliseconds(200), jitter: 0)

    @Test func relayPublishesPendingRowsAndMarksThemPublished() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let ids = (0..<300).map { "job-\($0)" }
            let outbox = InMemoryOutbox(jobIDs: ids)
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"), confirmWindow: 64)
            let relay = OutboxRelay(source: outbox, publisher: publisher, batchSize: 100, backoff: quickBackoff)
            let running = Task { try await relay.run() }
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"), prefetch: 100)
            let deliveries = try await QueueTestSupport.take(300, from: consumer, ack: true)
            #expect(deliveries.map(\.jobID) == ids)
            try await QueueTestSupport.eventually("all rows marked") { await outbox.unpublishedCount == 0 }
            running.cancel()
            try await running.value
            await consumer.close()
            await publisher.close()
        }
    }

    @Test func wakeRelaysANewRowWithoutWaitingForThePoll() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let outbox = InMemoryOutbox()
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            // With an hour between polls, only wake() can get the row out within the test's bound.
            let relay = OutboxRelay(source: outbox, publisher: publisher, pollInterval: .seconds(3600))
            let running = Task { try await relay.run() }
            try await QueueTestSupport.eventually("relay idle") { await outbox.pendingCalls >= 1 }
            await outbox.add("woken")
            relay.wake()
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"))
            #expect(try await QueueTestSupport.take(1, from: consumer, ack: true).map(\.jobID) == ["woken"])
            try await QueueTestSupport.eventually("row marked") { await outbox.unpublishedCount == 0 }
            running.cancel()
            try await running.value
            await consumer.close()
            await publisher.close()
        }
    }

    @Test func aFailedMarkRepublishesTheRowsInsteadOfLosingThem() async throws {
        try await QueueTestSupport.withTestQueue { config in
            let outbox = InMemoryOutbox(jobIDs: ["job-1"], failingMarks: 1)
            let publisher = JobPublisher(config: config.named("\(config.queue).publisher"))
            let relay = OutboxRelay(source: outbox, publisher: publisher, backoff: quickBackoff)
            let running = Task { try await relay.run() }
            let consumer = JobConsumer(config: config.named("\(config.queue).consumer"))
            // Published, mark failed (as if the process died before marking), published again.
            let deliveries = try await QueueTestSupport.take(2, from: consumer, ack: true)
            #expect(deliveries.map(\.jobID) == ["job-1", "job-1"])
            try await QueueTestSupport.eventually("row marked") { await outbox.unpublishedCount == 0 }
            running.cancel()
            try await running.value
            await consumer.close()
            await publisher.close()
        }
    }

    @Test func relayKeepsRowsPendingAndRetriesWhileTheBrokerIsUnreachable() async throws {
        var config = try QueueTestSupport.freshConfig()
        config.port = 1
        config.connectTimeout = .milliseconds(200)
        let outbox = InMemoryOutbox(jobIDs: ["job-1", "job-2"])
        let publisher = JobPublisher(config: config)
        let relay = OutboxRelay(source: outbox, publisher: publisher, backoff: quickBackoff)
        let running = Task { try await relay.run() }
        try await QueueTestSupport.eventually("several attempts") { await outbox.pendingCalls >= 4 }
        running.cancel()
        try await running.value
        #expect(await outbox.markCalls == 0)
        #expect(await outbox.unpublishedCount == 2)
        await publisher.close()
    }
}
