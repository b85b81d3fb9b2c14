import Foundation
import KFCharts
import KFDeploy

/// Where the worker finds the chart a cluster names (`chartName`, `chartVersion`).
protocol ChartSource: Sendable {
    func chart(name: String, version: String) throws -> Chart
}

/// Charts shipped with the service or dropped into folders: `<name>-<version>.tgz` or a chart
/// directory `<name>-<version>/` (or `<name>/` whose Chart.yaml has that version).
struct DirectoryChartSource: ChartSource {
    let folders: [String]

    func chart(name: String, version: String) throws -> Chart {
        for folder in folders {
            for candidate in ["\(folder)/\(name)-\(version).tgz", "\(folder)/\(name)-\(version)", "\(folder)/\(name)"]
            where FileManager.default.fileExists(atPath: candidate) {
                let chart = try Chart.load(path: candidate)
                if chart.metadata.version == version { return chart }
            }
        }
        throw DeployError(.render, "chart \(name) \(version) not found in \(folders.joined(separator: ", "))")
    }
}
