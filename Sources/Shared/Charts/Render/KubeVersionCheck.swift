import KFTemplate

extension ChartRenderer {
    /// Helm's check of Chart.yaml `kubeVersion` (`chartutil.IsCompatibleRange`, Masterminds
    /// semver constraints) against the target cluster, before anything is rendered.
    static func checkKubeVersion(chart: Chart, capabilities: Capabilities) throws(ChartError) {
        let constraint = chart.metadata.kubeVersion
        guard !constraint.isEmpty else { return }
        let version = capabilities.kubeVersion.version
        // Sprig's semverCompare has IsCompatibleRange's semantics (any parse error → false).
        var set = TemplateSet(functions: .helm)
        let compatible: Bool
        do {
            try set.parse(name: "kubeVersion", text: "{{ semverCompare .c .v }}")
            compatible = try set.execute(name: "kubeVersion", data: .map(["c": .string(constraint), "v": .string(version)])) == "true"
        } catch {
            compatible = false
        }
        if !compatible {
            throw ChartError(.render, "chart requires kubeVersion: \(constraint) which is incompatible with Kubernetes \(version)")
        }
    }
}
