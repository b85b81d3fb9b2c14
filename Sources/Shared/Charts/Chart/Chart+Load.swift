import KFTemplate

extension Chart {
    /// Builds a chart from its files, keyed by path relative to the chart root (`Chart.yaml`,
    /// `values.yaml`, `templates/x.yaml`, …), as Helm's `loader.LoadFiles` does.
    ///
    /// - Throws: `ChartError.invalidChart` when Chart.yaml is missing or invalid, or values.yaml
    ///   is not a YAML mapping; messages are Helm's.
    public static func load(files: [String: [UInt8]]) throws(ChartError) -> Chart {
        guard let chartData = files["Chart.yaml"] else {
            throw ChartError(.invalidChart, "Chart.yaml file is missing")
        }
        let chartYAML = String(decoding: ChartArchive.stripBOM(chartData), as: UTF8.self)
        var metadata: ChartMetadata
        do throws(ChartError) {
            metadata = try ChartMetadata(yaml: chartYAML)
        } catch {
            throw ChartError(.invalidChart, "cannot load Chart.yaml: \(error.message)")
        }
        if metadata.apiVersion.isEmpty { metadata.apiVersion = "v1" }

        var values = GoMap([:])
        var valuesYAML: String?
        if let data = files["values.yaml"] {
            let text = String(decoding: ChartArchive.stripBOM(data), as: UTF8.self)
            valuesYAML = text
            do throws(ChartError) {
                values = try ChartYAML.decodeValues(text)
            } catch {
                throw ChartError(.invalidChart, "cannot load values.yaml: \(error.message)")
            }
        }

        var templates: [ChartFile] = []
        var others: [ChartFile] = []
        for name in files.keys.sorted(by: goLess) {
            let data = ChartArchive.stripBOM(files[name] ?? [])
            switch name {
            case "Chart.yaml", "values.yaml", "values.schema.json", "Chart.lock", "requirements.yaml", "requirements.lock":
                continue
            case _ where name.hasPrefix("templates/"):
                templates.append(ChartFile(name: name, data: data))
            default:
                others.append(ChartFile(name: name, data: data))
            }
        }
        try metadata.validate()
        return Chart(metadata: metadata, values: values, templates: templates, files: others,
                     chartYAML: chartYAML, valuesYAML: valuesYAML, schema: files["values.schema.json"])
    }

    /// Loads a chart package (`.tgz`), refusing unsafe archives (see `ChartArchive`).
    public static func load(archive: [UInt8], limits: ArchiveLimits = .default) throws(ChartError) -> Chart {
        try load(files: ChartArchive.files(fromTarGz: archive, limits: limits))
    }
}
