import Logging
import ServiceLifecycle
import Testing
@testable import KFQueue

/// Relay behaviour that needs no broker: nothing to publish, or the source failing before publishing.
@Suite struct OutboxRelayTests {
    /// A publisher that is never asked to publish in these tests (it would fail: nothing listens on port 1).
    private func idlePublisher() -> JobPublisher {
        JobPublisher(config: AMQPConfig(port: 1, heartbeat: .zero))
    }

    @Test func gracefulShutdownEndsAnIdleRelayWaitingForItsNextPoll() async throws {
        let outbox = InMemoryOutbox()
        let relay = OutboxRelay(source: outbox, publisher: idlePublisher(), pollInterval: .seconds(3600))
        let group = ServiceGroup(services: [relay], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await QueueTestSupport.eventually("relay idle") { await outbox.pendingCalls >= 1 }
            await group.triggerGracefulShutdown()
            // Returns although the next poll is an hour away.
            try await tasks.waitForAll()
        }
    }

    @Test func sourceFailuresAreRetriedWithoutPublishingOrMarking() async throws {
        let outbox = InMemoryOutbox(failingReads: 3)
        let backoff = Backoff(initial: .milliseconds(1), maximum: .milliseconds(5), jitter: 0)
        let relay = OutboxRelay(source: outbox, publisher: idlePublisher(), pollInterval: .seconds(3600), backoff: backoff)
        let running = Task { try await relay.run() }
        // Three failed reads, then a successful one that finds nothing to publish.
        try await QueueTestSupport.eventually("reads retried") { await outbox.pendingCalls >= 4 }
        running.cancel()
        try await running.value
        #expect(await outbox.markCalls == 0)
    }

    @Test func relayOnceWithNothingPendingPublishesNothing() async throws {
        let outbox = InMemoryOutbox()
        let relay = OutboxRelay(source: outbox, publisher: idlePublisher())
        #expect(try await relay.relayOnce() == 0)
        #expect(await outbox.markCalls == 0)
    }
}
