import Foundation
import KFModels
import Testing

/// End-to-end tests of the job pipeline (issue 2): real `kubefate-api` and `kubefate-worker`
/// processes from the build folder against the running MariaDB and RabbitMQ, each test with its own
/// database and queue. Run one at a time: they start several processes each.
@Suite(
    .enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"),
    .serialized)
struct PipelineIntegrationTests {
    /// Runs `body` with a fresh stack and always shuts the stack down; failures carry the logs.
    static func withStack(
        workerEnvironment: [String: String] = [:],
        _ body: (PipelineStack) async throws -> Void
    ) async throws {
        let stack = try await PipelineStack(workerEnvironment: workerEnvironment)
        do {
            try await body(stack)
        } catch {
            let diagnostics = stack.diagnostics()
            await stack.shutdown()
            Issue.record("\(error)\n\(diagnostics)")
            return
        }
        await stack.shutdown()
    }

    /// A spec of `count` components taking `duration` each.
    static func spec(components count: Int, duration: String) -> String {
        "simulate:\n  stepDuration: \(duration)\n  components:\n"
            + (0..<count).map { "    - c\($0)\n" }.joined()
    }

    @Test("an install runs to Success with its sub-jobs and timestamps recorded")
    func installRunsToSuccess() async throws {
        try await Self.withStack { stack in
            try await stack.startAPI()
            let metricsPort = try TestPaths.freePort()
            try stack.startWorkers(1, environment: ["KUBEFATE_WORKER_METRICS_LISTEN": "127.0.0.1:\(metricsPort)"])
            let spec = """
                simulate:
                  stepDuration: 200ms
                  components:
                    - mysql
                    - name: python
                      duration: 300ms
                    - fateboard

                """
            let submitted = try await stack.submit(name: "fate-9999", namespace: "fate-9999", spec: spec)
            #expect(submitted.status == .pending)
            #expect(submitted.method == .clusterInstall)
            let job = try await stack.waitForJob(submitted.uuid) { $0.status.isTerminal }
            #expect(job.status == .success)
            #expect(job.attempt == 1)
            #expect(!job.startTime.isZero && !job.endTime.isZero && job.endTime >= job.startTime)
            #expect(Set(job.subJobs.keys) == ["mysql", "python", "fateboard"])
            for subJob in job.subJobs.values {
                #expect(subJob.status == .success)
                #expect(subJob.modulesStatus == .available)
                #expect(!subJob.startTime.isZero && subJob.endTime >= subJob.startTime)
            }
            #expect(job.states.last == "job run Success")
            #expect(try await stack.count("sub_jobs", where: "job_uuid = ? AND status = 'Success' AND end_time IS NOT NULL",
                                          [.text(job.uuid)]) == 3)
            #expect(try await stack.count("jobs", where: "uuid = ? AND lease_owner IS NULL AND active_key IS NULL",
                                          [.text(job.uuid)]) == 1)
            let metrics = try await stack.http.request("GET", "http://127.0.0.1:\(metricsPort)/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains(#"kubefate_worker_runs_total{outcome="Success"} 1"#), "\(metrics.text)")
            #expect(metrics.text.contains(#"kubefate_worker_deliveries_total{outcome="claimed"} 1"#))
        }
    }

    @Test("a failing component fails the job with its reason")
    func failingComponentFailsTheJob() async throws {
        try await Self.withStack { stack in
            try await stack.startAPI()
            try stack.startWorkers(1)
            let spec = "simulate:\n  components:\n    - name: db\n      duration: 100ms\n"
                + "    - name: flow\n      duration: 100ms\n      fail: \"ImagePullBackOff: flow:missing\"\n    - never\n"
            let submitted = try await stack.submit(name: "broken", namespace: "fate-1", spec: spec)
            let job = try await stack.waitForJob(submitted.uuid) { $0.status.isTerminal }
            #expect(job.status == .failed)
            #expect(job.reason?.contains("ImagePullBackOff: flow:missing") == true)
            #expect(job.subJobs["flow"]?.status == .failed)
            #expect(job.subJobs["never"] == nil)
        }
    }

    @Test("stopping a running install cancels it at the next step")
    func stopCancelsARunningJob() async throws {
        try await Self.withStack { stack in
            try await stack.startAPI()
            try stack.startWorkers(1)
            let submitted = try await stack.submit(
                name: "long", namespace: "fate-2", spec: Self.spec(components: 20, duration: "500ms"))
            _ = try await stack.waitForJob(submitted.uuid) { $0.status == .running && !$0.subJobs.isEmpty }
            let response = try await stack.stop(submitted.uuid)
            #expect(response.status == 200, "\(response.text)")
            let job = try await stack.waitForJob(submitted.uuid) { $0.status.isTerminal }
            #expect(job.status == .canceled)
            #expect(job.states.contains("job stopped"))
            #expect(!job.endTime.isZero)
            #expect(job.subJobs.count < 20)
            let records = try ExecutionRecords(contentsOf: stack.simulationLog)
            #expect(records.byJob[submitted.uuid]?.map(\.outcome) == ["stopRequested"])
        }
    }

    @Test("a job stopped while Pending is never run: its delivery is acked and dropped")
    func stoppedPendingJobIsDropped() async throws {
        try await Self.withStack { stack in
            try await stack.startAPI()
            let stopped = try await stack.submit(name: "never", namespace: "fate-13", spec: Self.spec(components: 1, duration: "100ms"))
            let response = try await stack.stop(stopped.uuid)
            #expect(response.status == 200, "\(response.text)")
            #expect(try await stack.job(stopped.uuid).status == .canceled)
            // A later job on the same queue shows the worker has consumed everything before it.
            try stack.startWorkers(1)
            let later = try await stack.submit(name: "later", namespace: "fate-13", spec: Self.spec(components: 1, duration: "100ms"))
            let done = try await stack.waitForJob(later.uuid) { $0.status.isTerminal }
            #expect(done.status == .success)
            #expect(try await stack.job(stopped.uuid).status == .canceled)
            #expect(try ExecutionRecords(contentsOf: stack.simulationLog).byJob[stopped.uuid] == nil)
        }
    }
}
