import Hummingbird
import KFCharts
import KFDatabase
import KFModels
import KFTemplate

/// The check every install, update and dry run makes before anything is written: the chart the
/// request names must be in the store (the tenant's private one first, else the global one),
/// and the spec must fit it: its `values.schema.json` when it has one, else the keys of its
/// `values-template-example.yaml` (see `SpecKeyCheck`). Failures are 400s naming the field or
/// the key path (`data.rollsite.nodePort`).
struct ClusterChartCheck: Sendable {
    let deps: APIDependencies

    /// The stored chart and the loaded chart a request installs with.
    struct Checked: Sendable {
        var record: ChartRecord
        var chart: Chart
        var spec: ClusterSpec
    }

    /// Checks `cluster` for `caller`: the tenant's private charts count when the caller may read
    /// the tenant owning the namespace (otherwise only global ones, so nothing leaks).
    func check(_ cluster: ClusterRequest, caller: Principal, _ context: APIRequestContext) async throws -> Checked {
        let owner = try await mapErrors(context) { try await deps.users.namespaceOwner(cluster.namespace) }
        return try await check(cluster, tenant: caller.canRead(tenant: owner) ? owner : nil, context)
    }

    /// Checks `cluster` against the charts of `tenant` (nil: global charts only).
    func check(_ cluster: ClusterRequest, tenant: String?, _ context: APIRequestContext) async throws -> Checked {
        let chartName = cluster.chartName, chartVersion = cluster.chartVersion
        guard let record = try await mapErrors(context, {
            try await deps.charts.chart(name: chartName, version: chartVersion, tenant: tenant)
        }) else {
            throw APIError.invalid("chart_version", "chart \(chartName) version \(chartVersion) is not in the chart store; upload it with POST /v1/chart (GET /v1/chart/ lists the charts)")
        }
        let chart: Chart
        do {
            chart = try ChartImport.chart(record)
        } catch {
            throw APIError.invalid("chart_version", "stored chart \(chartName) \(chartVersion) cannot be loaded: \(error.message)")
        }
        let spec: ClusterSpec
        do {
            spec = try ClusterSpec(yaml: String(decoding: cluster.data, as: UTF8.self))
        } catch {
            throw APIError.invalid("data", "data is not a valid cluster spec: \(error.message)")
        }
        try validate(spec, chart: chart, record: record)
        return Checked(record: record, chart: chart, spec: spec)
    }

    /// Validates `spec` against the chart's `values.schema.json` (the values the spec produces,
    /// as Helm checks them), or, for a chart without one, against its example's keys.
    func validate(_ spec: ClusterSpec, chart: Chart, record: ChartRecord) throws(APIError) {
        if chart.schema != nil {
            let violations: [SchemaViolation]
            do {
                violations = try chart.schemaViolations(for: spec)
            } catch {
                throw APIError.invalid("data", "the spec does not produce values for chart \(chart.name) \(chart.metadata.version) (\(error.stage)): \(error.message)")
            }
            guard let first = violations.first else { return }
            let more = violations.count > 1 ? " (and \(violations.count - 1) more)" : ""
            throw APIError.invalid("values.\(first.path)",
                                   "the values this spec produces break the chart's values.schema.json: \(first.path): \(first.message)\(more)")
        }
        guard !record.valuesTemplateExample.isEmpty else { return }
        let keyCheck: SpecKeyCheck
        do {
            keyCheck = try SpecKeyCheck(exampleYAML: record.valuesTemplateExample, valuesTemplate: record.valuesTemplate,
                                        extraKeys: deps.chartStore.extraSpecKeys)
        } catch {
            // An example that does not parse cannot judge anything.
            return
        }
        let violations = keyCheck.violations(spec.value)
        guard let first = violations.first else { return }
        throw Self.rejection(first.path, first.message, others: violations.count - 1)
    }

    static func rejection(_ path: String, _ message: String, others: Int) -> APIError {
        let more = others > 0 ? " (and \(others) more)" : ""
        return APIError.invalid("data.\(path)", "data.\(path): \(message)\(more)")
    }
}
