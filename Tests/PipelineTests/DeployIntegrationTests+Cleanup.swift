import Foundation
import KFKube
import KFModels
import KubeSimCore
import Testing

extension DeployIntegrationTests {
    /// An install whose python pods never pull their image, and a failure grace long enough that
    /// the install waits for them until it is stopped or times out.
    static func stuckInstall(_ namespace: String) -> (faults: [FaultRule], environment: [String: String]) {
        ([FaultRule(effect: .imagePullFailure, namespace: namespace, namePrefix: "python")], ["KUBEFATE_WORKER_FAILURE_GRACE": "30m"])
    }

    /// Waits until the install of `name` is applied: its release record and its python workload exist.
    static func waitUntilApplied(_ name: String, in namespace: String, kube: DeploySim, stack: PipelineStack) async throws {
        try await waitUntil("the install of \(namespace)/\(name) is applied", timeout: jobTimeout, diagnostics: stack.diagnostics()) {
            !kube.releaseRecords(name, in: namespace).isEmpty && kube.workloads(in: namespace).contains("python")
        }
    }

    /// The cluster is Deleted and nothing of its release is left: no object of any kind in the
    /// namespace (Deployments, StatefulSets, Services, ConfigMaps, Secrets, pods, ReplicaSets, …)
    /// and no Helm release record.
    static func expectNothingLeft(_ job: Job, name: String, namespace: String, kube: DeploySim, stack: PipelineStack,
                                  sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await stack.cluster(job.clusterID).status == .deleted, sourceLocation: sourceLocation)
        #expect(kube.objects(in: namespace) == [], sourceLocation: sourceLocation)
        #expect(kube.releaseRecords(name, in: namespace).isEmpty, sourceLocation: sourceLocation)
    }

    @Test("stopping a running install uninstalls it: job Canceled, cluster Deleted, nothing left (also when the worker dies mid-uninstall)",
          arguments: [false, true])
    func stopUninstallsTheRelease(crashDuringCleanup: Bool) async throws {
        let namespace = crashDuringCleanup ? "stop-crash" : "stop-clean", name = "fate-9999"
        let stuck = Self.stuckInstall(namespace)
        var environment = stuck.environment
        if crashDuringCleanup { environment.merge(Self.crashLease.merging(["KUBEFATE_WORKER_CRASH_AT": "mid-uninstall"]) { $1 }) { $1 } }
        try await Self.withDeployStack(workers: crashDuringCleanup ? 2 : 1, workerEnvironment: environment, faults: stuck.faults) { stack, kube in
            let submitted = try await stack.installCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.2", spec: try DeploySpecs.example("v1.11.2", modules: Self.modules))
            try await Self.waitUntilApplied(name, in: namespace, kube: kube, stack: stack)
            let stop = try await stack.stop(submitted.uuid)
            #expect(stop.status == 200, "\(stop.text)")
            let job = try await stack.waitForJob(submitted.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(job.status == .canceled, "\(job.status) \(job.reason ?? "")")
            #expect(job.states.last == "job stopped", "\(job.states)")
            #expect(job.reason == "stopped by user; release \(name) was uninstalled", "\(job.reason ?? "")")
            #expect(!job.endTime.isZero)
            if crashDuringCleanup {
                #expect(job.attempt >= 2)
                #expect(stack.workers.filter { !$0.isRunning }.count == 1, "exactly one worker crashed")
            }
            try await Self.expectNothingLeft(job, name: name, namespace: namespace, kube: kube, stack: stack)
        }
    }

    @Test("an install past its time limit fails with KubeFATE's timeout state and is uninstalled (also when the worker dies mid-uninstall)",
          arguments: [false, true])
    func timedOutInstallIsUninstalled(crashDuringCleanup: Bool) async throws {
        let namespace = crashDuringCleanup ? "late-crash" : "late-clean", name = "fate-9999"
        let stuck = Self.stuckInstall(namespace)
        var environment = stuck.environment.merging(["KUBEFATE_WORKER_TIME_LIMIT": "40s"]) { $1 }
        if crashDuringCleanup { environment.merge(Self.crashLease.merging(["KUBEFATE_WORKER_CRASH_AT": "mid-uninstall"]) { $1 }) { $1 } }
        try await Self.withDeployStack(workers: crashDuringCleanup ? 2 : 1, workerEnvironment: environment, faults: stuck.faults) { stack, kube in
            let submitted = try await stack.installCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.2", spec: try DeploySpecs.example("v1.11.2", modules: Self.modules))
            // The release is applied before the limit passes (the test proves the cleanup removes it).
            var applied = false
            try await waitUntil("the install is applied or ended", timeout: Self.jobTimeout, diagnostics: stack.diagnostics()) {
                applied = applied || (!kube.releaseRecords(name, in: namespace).isEmpty && kube.workloads(in: namespace).contains("python"))
                return try await stack.job(submitted.uuid).status.isTerminal
            }
            #expect(applied, "the release was never applied before the time limit")
            let job = try await stack.job(submitted.uuid)
            #expect(job.status == .failed, "\(job.status) \(job.reason ?? "")")
            #expect(job.states.last == "checkout Cluster status timeOut!", "\(job.states)")
            #expect(job.reason == "time limit exceeded; release \(name) was uninstalled", "\(job.reason ?? "")")
            if crashDuringCleanup {
                #expect(job.attempt >= 2)
                #expect(stack.workers.filter { !$0.isRunning }.count == 1, "exactly one worker crashed")
            }
            try await Self.expectNothingLeft(job, name: name, namespace: namespace, kube: kube, stack: stack)
        }
    }

    @Test("an update past its time limit is rolled back, as KubeFATE does: job Rollback, the previous images run again")
    func timedOutUpdateIsRolledBack() async throws {
        let namespace = "late-update", name = "fate-9999"
        // The limit passes before the Deployments' progress deadline (600 s of kubesim's 20× clock); an install takes seconds.
        let environment = ["KUBEFATE_WORKER_FAILURE_GRACE": "30m", "KUBEFATE_WORKER_TIME_LIMIT": "15s"]
        try await Self.withDeployStack(workers: 1, workerEnvironment: environment) { stack, kube in
            let install = try await stack.installCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.2", spec: try DeploySpecs.example("v1.11.2", modules: Self.modules))
            let installed = try await stack.waitForJob(install.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(installed.status == .success, "\(installed.status) \(installed.reason ?? "")")
            let goodImages = kube.images(in: namespace)
            // Images that never pull, and a failure grace longer than the time limit: only the limit ends the wait.
            let update = try await stack.updateCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.2",
                spec: try DeploySpecs.example("v1.11.2", modules: Self.modules, registry: "registry.nowhere.invalid"))
            let job = try await stack.waitForJob(update.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(job.status == .rollback, "\(job.status) \(job.reason ?? "")")
            #expect(job.reason == "time limit exceeded; rolled back to the previous revision", "\(job.reason ?? "")")
            // KubeFATE's order: the timeout, the rollback's own steps, then its success.
            let timeout = job.states.firstIndex(of: "Checkout Cluster status timeOut!")
            #expect(timeout != nil && job.states[(timeout ?? 0)...].contains { $0.hasPrefix("release \(name) rolled back to revision 1") },
                    "\(job.states)")
            #expect(job.states.last == "Cluster run rollback Success", "\(job.states)")
            #expect(try await stack.cluster(job.clusterID).status == .rollback)
            #expect(kube.images(in: namespace) == goodImages)
            let records = kube.releaseRecords(name, in: namespace)
            #expect(records[records.keys.max() ?? 0] == "deployed", "\(records)")
            #expect(records.values.filter { $0 == "deployed" }.count == 1, "\(records)")
        }
    }

    @Test("a failed install whose worker dies mid-uninstall: the next attempt finishes the uninstall without installing again")
    func failedInstallCleanupSurvivesACrash() async throws {
        let namespace = "fail-crash", name = "fate-9999"
        let environment = Self.crashLease.merging(["KUBEFATE_WORKER_CRASH_AT": "mid-uninstall"]) { $1 }
        let faults = [FaultRule(effect: .imagePullFailure, namespace: namespace, namePrefix: "python")]
        try await Self.withDeployStack(workers: 2, workerEnvironment: environment, faults: faults) { stack, kube in
            let submitted = try await stack.installCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.2", spec: try DeploySpecs.example("v1.11.2", modules: Self.modules))
            let job = try await stack.waitForJob(submitted.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(job.status == .failed, "\(job.status) \(job.reason ?? "")")
            let reason = job.reason ?? ""
            #expect(reason.hasPrefix("Install failed: python: "), "\(reason)")
            #expect(reason.contains("ImagePullBackOff"), "\(reason)")
            #expect(reason.hasSuffix("(an earlier attempt was uninstalling the release when its worker stopped); release \(name) was uninstalled"),
                    "\(reason)")
            #expect(job.attempt >= 2)
            #expect(stack.workers.filter { !$0.isRunning }.count == 1, "exactly one worker crashed")
            // The second attempt went straight to the uninstall: no release record was written again.
            let firstDelete = job.states.firstIndex { $0.hasPrefix("deleted ") } ?? job.states.endIndex
            #expect(!job.states[firstDelete...].contains { $0.hasPrefix("rendered ") }, "\(job.states)")
            try await Self.expectNothingLeft(job, name: name, namespace: namespace, kube: kube, stack: stack)
        }
    }

    @Test("an install whose ConfigMap already exists without Helm's ownership metadata fails naming it, and creates nothing")
    func conflictingObjectFailsTheInstall() async throws {
        let namespace = "conflict", name = "fate-9999"
        try await Self.withDeployStack(workers: 1) { stack, kube in
            let client = KubeClient(config: KubeConfig(server: kube.server.url, credential: .bearer("kubesim")))
            try await client.apply(.object(["apiVersion": "v1", "kind": "Namespace", "metadata": .object(["name": .string(namespace)])]),
                                   namespace: nil)
            try await client.apply(.object([
                "apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(["name": "rollsite-config"]), "data": .object(["owner": "someone"]),
            ]), namespace: namespace, fieldManager: "someone")
            let submitted = try await stack.installCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.2", spec: try DeploySpecs.example("v1.11.2", modules: Self.modules))
            let job = try await stack.waitForJob(submitted.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(job.status == .failed, "\(job.status) \(job.reason ?? "")")
            let expected = "rendered manifests contain a resource that already exists. Unable to continue with install: "
                + "ConfigMap \"rollsite-config\" in namespace \"\(namespace)\" exists and cannot be imported into the current release: "
                + "invalid ownership metadata; label validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\""
            #expect(job.reason?.hasPrefix(expected) == true, "\(job.reason ?? "")")
            #expect(try await stack.cluster(job.clusterID).status == .deleted)
            // Only the ConfigMap that was there before remains, untouched.
            let left = kube.objects(in: namespace)
            #expect(left.count == 1 && left.first?.hasSuffix("configmaps/rollsite-config") == true, "\(left)")
            let kept = try await client.get(apiVersion: "v1", kind: "ConfigMap", namespace: namespace, name: "rollsite-config")
            #expect(kept?[path: "data", "owner"] == "someone")
            #expect(kube.releaseRecords(name, in: namespace).isEmpty)
        }
    }
}
