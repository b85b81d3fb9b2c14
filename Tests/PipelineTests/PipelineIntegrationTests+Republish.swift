import Foundation
import KFModels
import KFQueue
import Testing

extension PipelineIntegrationTests {
    @Test("a Pending job whose queue message was lost is republished by the reaper and runs")
    func lostMessageIsRepublished() async throws {
        let environment = ["KUBEFATE_WORKER_REPUBLISH_AFTER": "2s", "KUBEFATE_WORKER_REAPER_INTERVAL": "1s"]
        try await Self.withStack(workerEnvironment: environment) { stack in
            try await stack.startAPI()
            let submitted = try await stack.submit(name: "lost", namespace: "fate-20", spec: Self.spec(components: 1, duration: "100ms"))
            try await waitUntil("the API published the job", timeout: .seconds(30), diagnostics: stack.diagnostics()) {
                try await stack.count("outbox", where: "published_at IS NULL") == 0
            }
            // Lose the message: delete the queue holding it before any worker consumed it.
            var amqp = try AMQPConfig(environment: ProcessInfo.processInfo.environment)
            amqp.queue = stack.queueName
            amqp.heartbeat = .zero  // opened, used and closed without ticking
            let connection = AMQPConnection(config: amqp, role: "test-lose-message")
            try await connection.open()
            _ = try await connection.deleteQueue(stack.queueName)
            await connection.close()
            #expect(try await stack.job(submitted.uuid).status == .pending)

            try stack.startWorkers(1)
            let job = try await stack.waitForJob(submitted.uuid, timeout: .seconds(90)) { $0.status.isTerminal }
            #expect(job.status == .success)
            #expect(job.attempt == 1)
            #expect(try await stack.count("outbox", where: "job_uuid = ?", [.text(submitted.uuid)]) >= 2)
        }
    }
}
