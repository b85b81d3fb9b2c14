import Foundation
import KFModels
import KubeSimCore
import Testing

/// End-to-end tests of the deploy engine (issue 5): real `kubefate-api` and `kubefate-worker`
/// processes (`KUBEFATE_WORKER_EXECUTOR=kubernetes`) against MariaDB, RabbitMQ and a kubesim started
/// by the test, deploying KubeFATE's own fate charts from `../shared/conformance/charts`.
@Suite(
    .enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"),
    .serialized)
struct DeployIntegrationTests {
    /// The modules of KubeFATE's example cluster.yaml (Eggroll computing).
    static let modules = ["rollsite", "clustermanager", "nodemanager", "mysql", "python", "fateboard", "client"]
    /// Installs on a loaded 2-core machine take a while; nothing here is a timing assertion.
    static let jobTimeout = Duration.seconds(600)

    /// Runs `body` with a fresh pipeline stack deploying into a fresh kubesim; always shuts both down.
    static func withDeployStack(
        workers: Int, workerEnvironment: [String: String] = [:], config: ClusterConfig = ClusterConfig(), faults: [FaultRule] = [],
        _ body: (PipelineStack, DeploySim) async throws -> Void
    ) async throws {
        let stack = try await PipelineStack()
        let kube: DeploySim
        do {
            kube = try await DeploySim(directory: stack.directory, config: config, faults: faults)
        } catch {
            await stack.shutdown()
            throw error
        }
        do {
            stack.workerEnvironment = try kube.workerEnvironment().merging(workerEnvironment) { $1 }
            try await stack.startAPI(environment: kube.apiEnvironment)
            try stack.startWorkers(workers)
            try await body(stack, kube)
        } catch {
            let diagnostics = stack.diagnostics()
            await stack.shutdown()
            await kube.stop()
            Issue.record("\(error)\n\(diagnostics)")
            return
        }
        await stack.shutdown()
        await kube.stop()
    }

    @Test("install, update values, change chart version, a failing update rolls back, delete: sub-jobs match the workloads and nothing remains")
    func lifecycle() async throws {
        try await Self.withDeployStack(workers: 2) { stack, kube in
            let name = "fate-9999", namespace = "fate-life"
            let install = try await stack.installCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.1", spec: try DeploySpecs.example("v1.11.1", modules: Self.modules))
            let installed = try await stack.waitForJob(install.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(installed.status == .success, "\(installed.reason ?? "")")
            try Self.expectSubJobs(installed, match: kube.workloads(in: namespace))
            let clusterID = try await stack.liveCluster(name: name, namespace: namespace).uuid
            #expect(try await stack.cluster(clusterID).status == .running)
            #expect(kube.releaseRecords(name, in: namespace) == [1: "deployed"])
            #expect(kube.workloads(in: namespace).contains("client"))

            // A values change: without the notebook client, its objects are pruned.
            let fewer = Self.modules.filter { $0 != "client" }
            let valuesChange = try await stack.updateCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.1", spec: try DeploySpecs.example("v1.11.1", modules: fewer))
            let changed = try await stack.waitForJob(valuesChange.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(changed.status == .success, "\(changed.reason ?? "")")
            #expect(!kube.workloads(in: namespace).contains("client"))
            try Self.expectSubJobs(changed, match: kube.workloads(in: namespace))
            #expect(kube.releaseRecords(name, in: namespace) == [1: "superseded", 2: "deployed"])

            // A chart version change.
            let upgrade = try await stack.updateCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.2", spec: try DeploySpecs.example("v1.11.2", modules: fewer))
            let upgraded = try await stack.waitForJob(upgrade.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(upgraded.status == .success, "\(upgraded.reason ?? "")")
            try Self.expectSubJobs(upgraded, match: kube.workloads(in: namespace))
            #expect(kube.releaseRecords(name, in: namespace)[3] == "deployed")
            #expect(try await stack.cluster(clusterID).chartVersion == "v1.11.2")
            let goodImages = kube.images(in: namespace)

            // An update whose images never pull fails and is rolled back to revision 3.
            let broken = try await stack.updateCluster(
                name: name, namespace: namespace, chartVersion: "v1.11.2",
                spec: try DeploySpecs.example("v1.11.2", modules: fewer, registry: "registry.nowhere.invalid"))
            let rolledBack = try await stack.waitForJob(broken.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(rolledBack.status == .rollback, "\(rolledBack.status) \(rolledBack.reason ?? "")")
            #expect(rolledBack.reason?.contains("ImagePullBackOff") == true, "\(rolledBack.reason ?? "")")
            #expect(try await stack.cluster(clusterID).status == .rollback)
            let records = kube.releaseRecords(name, in: namespace)
            #expect(records.values.filter { $0 == "deployed" }.count == 1)
            #expect(records[records.keys.max() ?? 0] == "deployed", "\(records)")
            #expect(kube.images(in: namespace) == goodImages)

            // Delete: every object and every release record is gone, then the cluster is Deleted.
            let delete = try await stack.deleteCluster(clusterID)
            let deleted = try await stack.waitForJob(delete.uuid, timeout: Self.jobTimeout) { $0.status.isTerminal }
            #expect(deleted.status == .success, "\(deleted.reason ?? "")")
            #expect(try await stack.cluster(clusterID).status == .deleted)
            #expect(kube.objects(in: namespace) == [])
            #expect(kube.releaseRecords(name, in: namespace).isEmpty)
        }
    }

    /// One sub-job per Deployment/StatefulSet of the release, each ended Success.
    static func expectSubJobs(_ job: Job, match workloads: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(Set(job.subJobs.keys) == workloads, sourceLocation: sourceLocation)
        for subJob in job.subJobs.values {
            #expect(subJob.status == .success, "\(subJob.moduleName): \(subJob.status) \(subJob.reason)", sourceLocation: sourceLocation)
            #expect(!subJob.startTime.isZero && subJob.endTime >= subJob.startTime, sourceLocation: sourceLocation)
        }
    }
}
