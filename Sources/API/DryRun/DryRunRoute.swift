import Hummingbird
import KFCharts
import KFDatabase
import KFModels

/// `POST|PUT /v1/cluster?dryRun=true`: validates the request and the spec (as an install or
/// update would), renders the chart from the store for it and answers the manifest, the values
/// and a unified diff against the manifest of the running release (the cluster's stored spec
/// re-rendered with its stored chart). Nothing is written or queued. Needs operator in the
/// namespace's tenant.
struct DryRunRoute: Sendable {
    let deps: APIDependencies

    struct Result: Encodable, Sendable {
        var manifest: String
        var diff: String
        var values: String
    }

    /// Whether the request asks for a dry run.
    static func requested(_ request: Request) -> Bool {
        request.uri.queryParameters.get("dryRun").map { ["true", "1"].contains($0.lowercased()) } ?? false
    }

    func run(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let caller = try context.principal
        var request = request
        let body = try await request.bytes(limit: deps.config.maxBodyBytes)
        let cluster = try ClusterRequestValidator(maxDataBytes: deps.config.maxBodyBytes).validate(body: body)
        let owner = try await mapErrors(context) { try await deps.users.namespaceOwner(cluster.namespace) }
        try caller.require(.operator, inTenant: owner, to: "dry-run clusters", notFound: .notFound("namespace \(cluster.namespace) not found"))
        let checked = try await ClusterChartCheck(deps: deps).check(cluster, tenant: owner, context)
        let live = try await mapErrors(context) { try await deps.jobs.liveCluster(namespace: cluster.namespace, name: cluster.name) }
        let running = live.flatMap { $0.revision > 0 ? $0 : nil }
        let release = ReleaseOptions(name: cluster.name, namespace: cluster.namespace,
                                     revision: (running?.helmRevision ?? 0) + 1, isInstall: running == nil)
        let rendered: RenderedRelease
        do {
            rendered = try ChartRenderer.render(chart: checked.chart, clusterSpec: checked.spec, release: release)
        } catch {
            throw APIError.invalid("data", "the spec does not render with chart \(cluster.chartName) \(cluster.chartVersion) (\(error.stage)): \(error.message)")
        }
        let current = try await currentManifest(running, context)
        let diff = UnifiedDiff(oldName: current.label, newName: "\(cluster.namespace)/\(cluster.name) dry run (\(cluster.chartName) \(cluster.chartVersion))")
            .diff(current.manifest, rendered.releaseManifest)
        context.logger.info("dry run", metadata: ["cluster": "\(cluster.namespace)/\(cluster.name)", "objects": "\(rendered.manifests.count)"])
        return try JSONResponse.make(Envelope(data: Result(manifest: rendered.releaseManifest, diff: diff, values: rendered.valuesYAML),
                                              msg: "dry run"))
    }

    /// The running release's manifest: the cluster's stored spec rendered with its stored chart
    /// (empty, labelled as such, when there is no running release or it no longer renders).
    private func currentManifest(_ cluster: Cluster?, _ context: APIRequestContext) async throws -> (manifest: String, label: String) {
        guard let cluster else { return ("", "(no running release)") }
        let label = "\(cluster.namespace)/\(cluster.name) running (\(cluster.chartName) \(cluster.chartVersion), revision \(cluster.helmRevision))"
        guard let record = try await mapErrors(context, {
            try await deps.charts.chart(name: cluster.chartName, version: cluster.chartVersion, tenant: cluster.tenant)
        }) else { return ("", "\(label): chart no longer in the store") }
        do {
            let chart = try ChartImport.chart(record)
            let spec = try ClusterSpec(yaml: cluster.values)
            let release = ReleaseOptions(name: cluster.name, namespace: cluster.namespace,
                                         revision: max(cluster.helmRevision, 1), isInstall: cluster.helmRevision <= 1)
            return (try ChartRenderer.render(chart: chart, clusterSpec: spec, release: release).releaseManifest, label)
        } catch {
            return ("", "\(label): does not render (\(error.message))")
        }
    }
}
