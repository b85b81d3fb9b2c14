import KFTemplate

/// A file of a chart, with its path relative to the chart root (`templates/x.yaml`).
public struct ChartFile: Sendable, Equatable {
    public var name: String
    public var data: [UInt8]

    public init(name: String, data: [UInt8]) {
        self.name = name
        self.data = data
    }

    /// The data as text (invalid UTF-8 is repaired, as Go's string conversion would keep it).
    public var text: String { String(decoding: data, as: UTF8.self) }
}

/// A loaded chart: Helm's `chart.Chart` plus the KubeFATE files (`values-template.yaml`, …).
public struct Chart: Sendable {
    /// `Chart.yaml`.
    public var metadata: ChartMetadata
    /// The chart's default values (`values.yaml` decoded like `sigs.k8s.io/yaml`). Rendering works
    /// on a deep copy, so templates that mutate `.Values` never change this.
    public var values: GoMap
    /// Every file under `templates/`, in archive order.
    public var templates: [ChartFile]
    /// Every other file (Helm's `.Files`), except `Chart.yaml`, `values.yaml`, `values.schema.json`.
    public var files: [ChartFile]
    /// The text of `Chart.yaml`.
    public var chartYAML: String
    /// The text of `values.yaml`, if present.
    public var valuesYAML: String?
    /// `values.schema.json`, if present (enforced on the coalesced values before rendering).
    public var schema: [UInt8]?

    public init(metadata: ChartMetadata, values: GoMap, templates: [ChartFile], files: [ChartFile],
                chartYAML: String, valuesYAML: String?, schema: [UInt8]?) {
        self.metadata = metadata
        self.values = values
        self.templates = templates
        self.files = files
        self.chartYAML = chartYAML
        self.valuesYAML = valuesYAML
        self.schema = schema
    }

    /// The chart name from Chart.yaml.
    public var name: String { metadata.name }

    /// A file other than templates, Chart.yaml and values.yaml, by path.
    public func file(_ name: String) -> ChartFile? {
        files.first { $0.name == name }
    }

    /// KubeFATE's `values-template.yaml` (required to install a cluster).
    public var valuesTemplate: String? { file("values-template.yaml")?.text }

    /// KubeFATE's `values-template-example.yaml` (an example cluster spec).
    public var valuesTemplateExample: String? { file("values-template-example.yaml")?.text }
}
