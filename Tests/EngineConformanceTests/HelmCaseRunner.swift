import KFCharts
import KFTemplate

/// Runs `helm`-format cases: the template becomes `templates/case.yaml` of chart `mychart`
/// and is rendered by `KFCharts` as Helm's `engine.Render` would.
enum HelmCaseRunner {
    /// Chart rendering is available (helm cases are never skipped).
    static let available = true

    static func run(_ c: EngineCase) -> CaseOutcome {
        let chartYAML = "apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: 1.16.0\n"
        var files: [String: [UInt8]] = [
            "Chart.yaml": Array(chartYAML.utf8),
            "templates/case.yaml": Array(c.template.utf8),
        ]
        if let values = c.chart_values { files["values.yaml"] = Array(values.utf8) }
        do {
            let chart = try Chart.load(files: files)
            let user = try YAML.decodeHelm(c.data)
            let rendered = try ChartRenderer.renderTemplates(
                chart: chart, userValues: user,
                release: ReleaseOptions(name: "rel", namespace: "ns", revision: 1, isInstall: true),
                kubeVersion: "v1.24.0")
            return .output(rendered["mychart/templates/case.yaml"] ?? "")
        } catch let e as ChartError {
            return .error(e.message)
        } catch {
            return .error("\(error)")
        }
    }
}
