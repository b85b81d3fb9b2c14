import Foundation
import KFCharts
import KFTemplate
import Testing

@Suite struct PerfProbe {
    @Test func probe() throws {
        guard ProcessInfo.processInfo.environment["PERF_PROBE"] == "1" else { return }
        let path = CaseRunner.sharedDirectory().appendingPathComponent("conformance/charts/fate-v1.11.2.tgz").path
        let chart = try Chart.load(path: path)
        let start = Date()
        var n = 0
        for _ in 0..<5 {
            let out = try ChartRenderer.renderTemplates(chart: chart, userValues: .map([:]),
                release: ReleaseOptions(name: "r", namespace: "n"))
            n = out.values.reduce(0) { $0 + $1.utf8.count }
        }
        print("PERF 5 renders: \(Date().timeIntervalSince(start)) s, \(n) bytes")
    }
}
