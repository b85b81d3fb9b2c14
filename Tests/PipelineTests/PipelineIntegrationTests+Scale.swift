import Foundation
import KFModels
import KFQueue
import Testing

extension PipelineIntegrationTests {
    @Test("200 jobs over 20 namespaces and 3 workers each run exactly once, one holder per cluster")
    func manyJobsRunExactlyOnce() async throws {
        try await Self.withStack(workerEnvironment: ["KUBEFATE_WORKER_CONCURRENCY": "4"]) { stack in
            try await stack.startAPI()
            try stack.startWorkers(3)
            var ids: [String] = []
            for index in 0..<200 {
                let job = try await stack.submit(
                    name: "c-\(index / 20)", namespace: "ns-\(index % 20)",
                    spec: Self.spec(components: 2, duration: "20ms"))
                ids.append(job.uuid)
            }
            // Every message a second time, as an at-least-once broker may deliver it: harmless.
            var amqp = try AMQPConfig(environment: ProcessInfo.processInfo.environment)
            amqp.queue = stack.queueName
            let publisher = JobPublisher(config: amqp)
            try await publisher.publish(jobIDs: ids)
            await publisher.close()

            try await waitUntil("all 200 jobs ended", timeout: .seconds(300), diagnostics: stack.diagnostics()) {
                try await stack.terminalJobCount() == 200
            }
            #expect(try await stack.jobStatusCounts() == [.success: 200])
            #expect(try await stack.count("jobs", where: "attempt = 1") == 200)
            let records = try ExecutionRecords(contentsOf: stack.simulationLog)
            let byJob = records.byJob
            #expect(Set(byJob.keys) == Set(ids))
            let repeated = byJob.filter { $0.value.count != 1 }
            #expect(repeated.isEmpty, "jobs executed more than once: \(repeated.keys.sorted())")
            #expect(records.executions.allSatisfy { $0.outcome == "success" })
            let overlaps = records.overlaps
            #expect(overlaps.isEmpty, "clusters held by two executions at once: \(overlaps.map { ($0.0.cluster, $0.0.worker, $0.1.worker) })")
            // The work was spread: more than one worker ran jobs.
            #expect(Set(records.executions.map(\.worker)).count > 1)
        }
    }

    @Test("two installs of the same cluster at once: one accepted, the other 409 naming the holder")
    func concurrentInstallsOfOneCluster() async throws {
        try await Self.withStack { stack in
            try await stack.startAPI()
            let spec = Self.spec(components: 1, duration: "5s")
            let first = HTTPClient()
            let second = HTTPClient()
            async let a = stack.install(name: "twin", namespace: "fate-3", spec: spec, client: first)
            async let b = stack.install(name: "twin", namespace: "fate-3", spec: spec, client: second)
            let responses = try await [a, b]
            #expect(responses.map(\.status).sorted() == [200, 409], "\(responses.map(\.text))")
            guard let accepted = responses.first(where: { $0.status == 200 }),
                  let refused = responses.first(where: { $0.status == 409 })
            else { return }
            let job = try PipelineStack.decodeJob(accepted)
            #expect(refused.text.contains(job.uuid), "409 body does not name \(job.uuid): \(refused.text)")
            #expect(try await stack.count("jobs") == 1)
            #expect(try await stack.count("clusters") == 1)
            #expect(try await stack.count("outbox") == 1)
            // Still refused while the first job holds the cluster.
            let again = try await stack.install(name: "twin", namespace: "fate-3", spec: spec)
            #expect(again.status == 409 && again.text.contains(job.uuid), "\(again.text)")
        }
    }
}
