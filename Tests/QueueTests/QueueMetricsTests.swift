import MetricsTestKit
import Testing
@testable import KFQueue

@Suite struct QueueMetricsTests {
    @Test func failedPublishCountsEveryUnconfirmedMessage() async throws {
        let metrics = TestMetrics()
        var config = AMQPConfig(port: 1, heartbeat: .zero)
        config.connectTimeout = .milliseconds(200)
        let publisher = JobPublisher(config: config, metricsFactory: metrics)
        await #expect(throws: AMQPError.self) { try await publisher.publish(jobIDs: ["a", "b", "c"]) }
        #expect(try metrics.expectCounter("kubefate_queue_publish_failed_total").totalValue == 3)
        #expect(try metrics.expectCounter("kubefate_queue_published_total").totalValue == 0)
        #expect(try metrics.expectTimer("kubefate_queue_publish_seconds").values.isEmpty)
        await publisher.close()
    }
}
