import Foundation
import KFModels
import KubeSimCore
import Testing

extension DeployIntegrationTests {
    @Test("an unpullable image, a crash loop and an unschedulable pod each fail their install with that reason in the sub-job, and the failed release is uninstalled")
    func podFaultsFailTheJob() async throws {
        let cases: [(namespace: String, component: String, cause: String)] = [
            ("fault-pull", "python", "ImagePullBackOff"), ("fault-crash", "python", "CrashLoopBackOff"),
            ("fault-sched", "mysql", "Unschedulable"),
        ]
        let faults = [
            FaultRule(effect: .imagePullFailure, namespace: "fault-pull", namePrefix: "python"),
            // Crashes 0.2 s after each start, before kubesim's readiness (0.5 s): never Ready.
            FaultRule(effect: .crashLoop, namespace: "fault-crash", namePrefix: "python", seconds: 0.2),
            FaultRule(effect: .unschedulable, namespace: "fault-sched", namePrefix: "mysql"),
        ]
        try await Self.withDeployStack(workers: 2, faults: faults) { stack, kube in
            var jobs: [String: String] = [:]
            for item in cases {
                jobs[item.namespace] = try await stack.installCluster(
                    name: "fate-9999", namespace: item.namespace, chartVersion: "v1.11.2",
                    spec: try DeploySpecs.example("v1.11.2", modules: Self.modules)).uuid
            }
            for item in cases {
                let job = try await stack.waitForJob(jobs[item.namespace]!, timeout: Self.jobTimeout) { $0.status.isTerminal }
                #expect(job.status == .failed, "\(item.namespace): \(job.status)")
                #expect(job.reason?.contains(item.cause) == true, "\(item.namespace): \(job.reason ?? "")")
                let subJob = job.subJobs[item.component]
                #expect(subJob?.status == .failed, "\(item.namespace): \(String(describing: subJob))")
                #expect(subJob?.reason.contains(item.cause) == true, "\(item.namespace): \(subJob?.reason ?? "")")
                // A failed install leaves the cluster Deleted (ClusterLifecycle, as KubeFATE does), and
                // nothing of it in Kubernetes: the worker uninstalled it before failing the job.
                #expect(try await stack.cluster(job.clusterID).status == .deleted)
                #expect(job.reason?.hasSuffix("; release fate-9999 was uninstalled") == true, "\(item.namespace): \(job.reason ?? "")")
                #expect(kube.objects(in: item.namespace) == [], "\(item.namespace)")
                #expect(kube.releaseRecords("fate-9999", in: item.namespace).isEmpty, "\(item.namespace)")
            }
        }
    }

    @Test("API errors 429 and 500 on 10% of Kubernetes requests: every install still succeeds")
    func apiErrorsAreRetried() async throws {
        // One roll per request: below 0.05 the first rule (429) fires, below 0.10 the second (500).
        let faults = [FaultRule(effect: .apiError, code: 429, probability: 0.05), FaultRule(effect: .apiError, code: 500, probability: 0.10)]
        try await Self.withDeployStack(workers: 2, faults: faults) { stack, kube in
            var jobs: [String: String] = [:]
            for index in 0..<3 {
                jobs["flaky-\(index)"] = try await stack.installCluster(
                    name: "fate-9999", namespace: "flaky-\(index)", chartVersion: "v1.11.2",
                    spec: try DeploySpecs.example("v1.11.2", modules: Self.modules)).uuid
            }
            for (namespace, id) in jobs {
                let job = try await stack.waitForJob(id, timeout: Self.jobTimeout) { $0.status.isTerminal }
                #expect(job.status == .success, "\(namespace): \(job.status) \(job.reason ?? "")")
                try Self.expectSubJobs(job, match: kube.workloads(in: namespace))
                #expect(kube.releaseRecords("fate-9999", in: namespace) == [1: "deployed"])
            }
            #expect(kube.sim.api.requests.current.requests > 0)
        }
    }
}
