import Foundation
import KFModels
import KubeSimCore
import Testing

extension DeployIntegrationTests {
    /// Leases short enough that a dead worker's job is taken over within seconds, long enough
    /// that a busy machine does not lose them by accident.
    static let crashLease = [
        "KUBEFATE_WORKER_LEASE": "6s", "KUBEFATE_WORKER_HEARTBEAT": "1s", "KUBEFATE_WORKER_REAPER_INTERVAL": "1s",
    ]

    @Test(
        "a worker killed at a step boundary: another worker takes the job over and the install ends deployed",
        arguments: ["after-render", "after-record", "mid-apply", "mid-wait"])
    func workerKilledAtBoundary(_ point: String) async throws {
        // Both workers crash at `point` on a job's first attempt only; the second attempt runs through.
        let environment = Self.crashLease.merging(["KUBEFATE_WORKER_CRASH_AT": point]) { $1 }
        try await Self.withDeployStack(workers: 2, workerEnvironment: environment) { stack, kube in
            let namespace = "crash-\(point)"
            let submitted = try await stack.installCluster(
                name: "fate-9999", namespace: namespace, chartVersion: "v1.11.2",
                spec: try DeploySpecs.example("v1.11.2", modules: Self.modules))
            let job = try await stack.waitForJob(submitted.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(job.status == .success, "\(job.status) \(job.reason ?? "")")
            #expect(job.attempt >= 2)
            #expect(stack.workers.filter { !$0.isRunning }.count == 1, "exactly one worker crashed")
            try Self.expectSubJobs(job, match: kube.workloads(in: namespace))
            #expect(kube.releaseRecords("fate-9999", in: namespace) == [1: "deployed"])
            #expect(try await stack.liveCluster(name: "fate-9999", namespace: namespace).status == .running)
        }
    }

    @Test("20 clusters installed at once into 20 namespaces by 3 workers all reach Running")
    func twentyConcurrentInstalls() async throws {
        // Room for 20 FATE parties: 12 nodes of 64 CPUs (the default 3 × 16 fit about four).
        var config = ClusterConfig()
        config.nodes = 12
        config.nodeCPU = "64"
        config.nodeMemory = "256Gi"
        try await Self.withDeployStack(workers: 3, config: config) { stack, kube in
            var jobs: [String: String] = [:]
            for index in 0..<20 {
                let namespace = "party-\(10_000 + index)"
                jobs[namespace] = try await stack.installCluster(
                    name: "fate-\(10_000 + index)", namespace: namespace, chartVersion: "v1.11.2",
                    spec: try DeploySpecs.example("v1.11.2", modules: Self.modules)).uuid
            }
            for (namespace, id) in jobs.sorted(by: { $0.key < $1.key }) {
                let job = try await stack.waitForJob(id, timeout: .seconds(1800)) { $0.status.isTerminal }
                #expect(job.status == .success, "\(namespace): \(job.status) \(job.reason ?? "")")
                try Self.expectSubJobs(job, match: kube.workloads(in: namespace))
                let name = "fate-\(namespace.dropFirst("party-".count))"
                #expect(try await stack.liveCluster(name: name, namespace: namespace).status == .running)
            }
        }
    }
}
