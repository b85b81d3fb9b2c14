import KFCharts
import KFDeploy
import KFKube
import KFModels

/// Runs cluster jobs against Kubernetes: renders the cluster's chart exactly as KubeFATE + Helm
/// do, applies it with Helm-compatible release records, and reports each Deployment/StatefulSet/Job
/// as a sub-job until the release is ready. A failed update is rolled back, as KubeFATE does; an
/// install that fails, is stopped or times out is uninstalled (`undoInstall`, called by the runner).
struct DeployExecutor: JobExecutor {
    let client: KubeClient
    let charts: any ChartSource
    let deployer: ReleaseDeployer
    /// Test hook (`KUBEFATE_WORKER_CRASH_AT`); nil in production.
    var crashPoint: CrashPoint?

    func execute(_ context: JobContext) async throws -> JobResult {
        let claim = context.claim
        let reporter = SubJobReporter(context: context, crashPoint: crashPoint)
        do {
            switch claim.method {
            case .clusterInstall, .clusterUpdate:
                return try await deploy(context, reporter: reporter)
            case .clusterDelete:
                try await deployer.uninstall(name: claim.cluster.name, namespace: claim.cluster.namespace, reporter: reporter)
                return .succeeded
            }
        } catch let error as DeployError {
            return .failed(reason: error.description)
        } catch let error as ChartError {
            return .failed(reason: "render: \(error)")
        } catch let error as KubeError {
            return .failed(reason: "kubernetes: \(error)")
        }
    }

    private func deploy(_ context: JobContext, reporter: SubJobReporter) async throws -> JobResult {
        let claim = context.claim
        guard let args = claim.args else { return .failed(reason: "the job carries no cluster arguments") }
        if claim.method == .clusterInstall, let reason = try await interruptedUninstall(claim.cluster) {
            return .failed(reason: reason)
        }
        let spec = try ClusterSpec(yaml: args.dataText)
        let chart = try await charts.chart(name: args.chartName, version: args.chartVersion, tenant: claim.cluster.tenant)
        let release = ReleaseOptions(name: claim.cluster.name, namespace: claim.cluster.namespace,
                                     revision: claim.cluster.helmRevision + 1, isInstall: claim.method == .clusterInstall)
        let rendered = try ChartRenderer.render(chart: chart, clusterSpec: spec, release: release, kubeVersion: try await kubeVersion())
        try await reporter.step("rendered \(chart.name) \(chart.metadata.version): \(rendered.manifests.filter { !$0.kind.isEmpty }.count) objects")
        crashPoint?.crashIfReached(.afterRender, attempt: claim.attempt)
        try await ensureNamespace(claim.cluster.namespace, reporter: reporter)
        do {
            let deployed = try await deployer.deploy(chart: chart, rendered: rendered, reporter: reporter)
            try await context.recordHelmRevision(deployed.version)
            await context.recordClusterInfo(client: client)
            return .succeeded
        } catch let error as DeployError where claim.method == .clusterUpdate && error.code != .conflict && context.monitor.interruption == nil {
            // (An update cut short by its time limit is rolled back by the runner.)
            let restored = try await deployer.rollback(name: release.name, namespace: release.namespace, reporter: reporter)
            try await context.recordHelmRevision(restored.version)
            return .rolledBack(reason: "\(error); rolled back to the previous revision")
        }
    }

    /// Uninstalls what the install applied: every object that carries this release's ownership
    /// metadata, then its release records (KubeFATE's cleanup runs `helm uninstall` and ignores
    /// its errors; here the uninstall waits until everything is gone and a failure is reported).
    func undoInstall(_ context: JobContext) async throws -> String? {
        let cluster = context.claim.cluster
        let reporter = SubJobReporter(context: context, crashPoint: crashPoint, stopsAtCheckpoints: false)
        do {
            try await deployer.uninstall(name: cluster.name, namespace: cluster.namespace, ownedOnly: true, reporter: reporter)
        } catch let error as KubeError {
            throw DeployError(.leftovers, "kubernetes: \(error)")
        }
        return "release \(cluster.name) was uninstalled"
    }

    /// Rolls the cluster back to the revision before the timed-out update and records it. An
    /// update cut short before it recorded its revision changed nothing: there is nothing to restore.
    func rollBackUpdate(_ context: JobContext) async throws -> String? {
        let cluster = context.claim.cluster
        let reporter = SubJobReporter(context: context, crashPoint: crashPoint, stopsAtCheckpoints: false)
        do {
            let latest = try await ReleaseStore(client: client, name: cluster.name, namespace: cluster.namespace).history().last
            guard let latest, latest.info.status != .deployed else {
                try await reporter.step("the update recorded no revision: nothing to roll back")
                return nil
            }
            let restored = try await deployer.rollback(name: cluster.name, namespace: cluster.namespace, reporter: reporter)
            try await context.recordHelmRevision(restored.version)
            return "rolled back to the previous revision"
        } catch let error as KubeError {
            throw DeployError(.release, "kubernetes: \(error)")
        }
    }

    /// Why an earlier attempt of this install failed, when its worker died while uninstalling the
    /// release (its latest record says `uninstalling`): the install is not run again, the job
    /// fails and the runner finishes the uninstall. Nil when no uninstall was under way.
    private func interruptedUninstall(_ cluster: Cluster) async throws -> String? {
        let store = ReleaseStore(client: client, name: cluster.name, namespace: cluster.namespace)
        guard let latest = try await store.history().last, latest.info.status == .uninstalling else { return nil }
        return "\(latest.info.description) (an earlier attempt was uninstalling the release when its worker stopped)"
    }

    /// Creates the namespace when missing (the API admits a job only for a namespace the tenant owns).
    private func ensureNamespace(_ name: String, reporter: SubJobReporter) async throws {
        guard try await client.get(apiVersion: "v1", kind: "Namespace", namespace: nil, name: name) == nil else { return }
        try await client.apply(.object(["apiVersion": "v1", "kind": "Namespace", "metadata": .object(["name": .string(name)])]), namespace: nil)
        try await reporter.step("created namespace \(name)")
    }

    /// The server's version, as `.Capabilities.KubeVersion` shows it.
    private func kubeVersion() async throws -> String {
        let version = try KubeJSON.decode(try await client.send(.get, "/version").body)
        return version["gitVersion"]?.string ?? ChartRenderer.defaultKubeVersion
    }
}
