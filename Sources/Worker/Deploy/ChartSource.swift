import KFCharts
import KFDatabase
import KFDeploy

/// Where the worker finds the chart a cluster names (`chartName`, `chartVersion`).
protocol ChartSource: Sendable {
    /// The chart a cluster of `tenant` installs: the tenant's private chart, else the global one.
    func chart(name: String, version: String, tenant: String?) async throws -> Chart
}

/// The API's chart store in MariaDB: charts shipped in `KUBEFATE_CHARTS_DIR` (imported by the API
/// at start) and charts uploaded with `POST /v1/chart`. The API admits a job only when its chart is
/// stored, so workers and API always agree on the chart.
struct StoreChartSource: ChartSource {
    let repository: ChartRepository

    func chart(name: String, version: String, tenant: String?) async throws -> Chart {
        guard let record = try await repository.chart(name: name, version: version, tenant: tenant) else {
            throw DeployError(.render, "chart \(name) \(version) is not in the chart store (upload it with POST /v1/chart)")
        }
        do {
            return try Chart.load(files: record.chartFiles)
        } catch {
            throw DeployError(.render, "stored chart \(name) \(version) does not load: \(error.message)")
        }
    }
}
