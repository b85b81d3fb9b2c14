import Foundation
import KFModels
import Testing

extension PipelineIntegrationTests {
    @Test("SIGTERM: the worker finishes its current step, releases the lease and exits; another worker completes the job")
    func gracefulShutdownHandsTheJobOver() async throws {
        try await Self.withStack { stack in
            try await stack.startAPI()
            try stack.startWorkers(2)
            let submitted = try await stack.submit(
                name: "handover", namespace: "fate-9", spec: Self.spec(components: 8, duration: "1s"))
            let running = try await stack.waitForJob(submitted.uuid) {
                $0.status == .running && $0.leaseOwner != nil && !$0.subJobs.isEmpty
            }
            let owner = try #require(running.leaseOwner)
            let leaving = try #require(stack.workers.first { $0.name == "worker-\(owner)" })
            leaving.signal(SIGTERM)
            #expect(await leaving.waitForExit(timeout: .seconds(30)), "the worker did not exit after SIGTERM")
            #expect(leaving.exitStatus == 0, "exit status \(String(describing: leaving.exitStatus))")

            let job = try await stack.waitForJob(submitted.uuid, timeout: .seconds(60)) { $0.status.isTerminal }
            #expect(job.status == .success)
            #expect(job.attempt == 2)
            let runs = try ExecutionRecords(contentsOf: stack.simulationLog).byJob[submitted.uuid] ?? []
            #expect(runs.map(\.outcome) == ["shuttingDown", "success"])
            #expect(runs.first?.worker == owner && runs.last?.worker != owner)
        }
    }

    @Test("an install past its time limit fails with KubeFATE's timeout state")
    func timeLimitEndsTheJob() async throws {
        try await Self.withStack(workerEnvironment: ["KUBEFATE_WORKER_TIME_LIMIT": "2s"]) { stack in
            try await stack.startAPI()
            try stack.startWorkers(1)
            let submitted = try await stack.submit(
                name: "slow", namespace: "fate-10", spec: Self.spec(components: 5, duration: "2s"))
            let job = try await stack.waitForJob(submitted.uuid, timeout: .seconds(60)) { $0.status.isTerminal }
            #expect(job.status == .failed)
            #expect(job.reason == "time limit exceeded")
            #expect(job.states.last == "checkout Cluster status timeOut!")
            #expect(try await stack.cluster(job.clusterID).status == .deleted)
            #expect(!job.endTime.isZero)
            #expect(try await stack.count("jobs", where: "uuid = ? AND active_key IS NULL AND lease_owner IS NULL",
                                          [.text(job.uuid)]) == 1)
        }
    }

    @Test("a worker that lost its lease stops, and its late writes are fenced off")
    func lostLeaseStopsTheRun() async throws {
        // A 2 s AMQP heartbeat makes the broker drop the frozen worker's connection soon, so the
        // message the reaper publishes for the job does not sit in its prefetch window for long.
        try await Self.withStack(workerEnvironment: Self.shortLease.merging(["KUBEFATE_AMQP_HEARTBEAT": "2"]) { $1 }) { stack in
            try await stack.startAPI()
            try stack.startWorkers(2)
            let submitted = try await stack.submit(
                name: "frozen", namespace: "fate-11", spec: Self.spec(components: 10, duration: "500ms"))
            let running = try await stack.waitForJob(submitted.uuid) {
                $0.status == .running && $0.leaseOwner != nil && !$0.subJobs.isEmpty
            }
            let owner = try #require(running.leaseOwner)
            let frozen = try #require(stack.workers.first { $0.name == "worker-\(owner)" })
            // Freeze the owner past its lease: the other worker's reaper requeues the job and it
            // claims it (attempt 2). Then let the frozen worker run on with its stale claim.
            frozen.signal(SIGSTOP)
            _ = try await stack.waitForJob(submitted.uuid, timeout: .seconds(60)) {
                $0.attempt >= 2 && $0.leaseOwner != nil && $0.leaseOwner != owner
            }
            frozen.signal(SIGCONT)

            let job = try await stack.waitForJob(submitted.uuid, timeout: .seconds(60)) { $0.status.isTerminal }
            #expect(job.status == .success)
            var first: ExecutionRecords.Execution?
            try await waitUntil("the frozen worker notices the lost lease", timeout: .seconds(30)) {
                first = try ExecutionRecords(contentsOf: stack.simulationLog).byJob[submitted.uuid]?
                    .first { $0.worker == owner }
                return first?.end != nil
            }
            #expect(first?.outcome == "leaseLost")
            #expect(first?.attempt == 1)
            // Nothing the stale attempt wrote after losing the lease survives: every sub-job is the
            // new attempt's Success, and the job still reads Success.
            let final = try await stack.job(submitted.uuid)
            #expect(final.status == .success && final.subJobs.count == 10)
            #expect(final.subJobs.values.allSatisfy { $0.status == .success })
            #expect(frozen.isRunning, "the worker keeps serving after losing one lease")
        }
    }
}
