import KFTemplate

extension ChartRenderer {
    /// KubeFATE's full pipeline for a cluster spec, printed as `helm template` would:
    /// values step over `values-template.yaml`, values parsed (`sigs.k8s.io/yaml`), coalesced over
    /// `values.yaml`, templates rendered, NOTES.txt removed, documents split and sorted.
    ///
    /// - Parameters:
    ///   - release: release name/namespace; nil takes them from the spec (`ClusterSpec.release`).
    ///   - kubeVersion: the Kubernetes version templates see.
    /// - Throws: `ChartError` whose `stage` says which step failed.
    public static func render(chart: Chart, clusterSpec: ClusterSpec, release: ReleaseOptions? = nil,
                              kubeVersion: String = defaultKubeVersion) throws(ChartError) -> RenderedRelease {
        let resolved: ReleaseOptions
        if let release { resolved = release } else { resolved = try clusterSpec.release() }
        let valuesYAML = try ValuesStep.render(chart: chart, spec: clusterSpec)
        return try render(chart: chart, valuesYAML: valuesYAML, release: resolved, kubeVersion: kubeVersion)
    }

    /// Renders with the values text already computed (the values step output, e.g. stored with a
    /// cluster). The text is parsed like `sigs.k8s.io/yaml` and kept in the result as given.
    public static func render(chart: Chart, valuesYAML: String, release: ReleaseOptions,
                              kubeVersion: String = defaultKubeVersion) throws(ChartError) -> RenderedRelease {
        try release.validate()
        let userValues = try ChartYAML.decodeValues(valuesYAML)
        var files = try renderTemplates(chart: chart, userValues: .map(userValues), release: release, kubeVersion: kubeVersion)
        let notes = files[chart.name + "/templates/NOTES.txt"]
        for name in files.keys where name.hasSuffix("NOTES.txt") {
            files.removeValue(forKey: name)
        }
        let (manifests, hooks) = try ManifestSorter.sort(files: files)
        return RenderedRelease(release: release, valuesYAML: valuesYAML, manifests: manifests, hooks: hooks, notes: notes)
    }
}
