import KFTemplate

/// KubeFATE's values step (`service.MapToConfig`): `values-template.yaml` executed as a Go template
/// over the cluster spec, producing the Helm values text.
public enum ValuesStep {
    /// The template name KubeFATE parses the values template under (it appears in errors).
    public static let templateName = "fate-values-templates"

    /// Executes `valuesTemplate` with `spec` as dot, with KubeFATE's function set and
    /// `missingkey=zero`, and removes every `<no value>` from the output.
    ///
    /// - Throws: `ChartError.valuesTemplate` carrying Go's error text
    ///   (`template: fate-values-templates:136: unexpected "}" in operand`).
    public static func render(valuesTemplate: String, spec: ClusterSpec) throws(ChartError) -> String {
        var set = TemplateSet(rootName: templateName, functions: .kubefate, options: TemplateOptions(missingKey: .zero))
        do {
            try set.parse(name: templateName, text: valuesTemplate)
            let output = try set.execute(name: templateName, data: spec.value)
            return GoText.replaceAll(output, "<no value>", with: "")
        } catch {
            throw ChartError(.valuesTemplate, error.message)
        }
    }
}

extension ValuesStep {
    /// Runs the chart's `values-template.yaml` over `spec`.
    ///
    /// - Throws: `ChartError.invalidChart` (`FateChart ValuesTemplate not exist`, KubeFATE's text)
    ///   when the chart has none, else as `render(valuesTemplate:spec:)`.
    public static func render(chart: Chart, spec: ClusterSpec) throws(ChartError) -> String {
        guard let valuesTemplate = chart.valuesTemplate else {
            throw ChartError(.invalidChart, "FateChart ValuesTemplate not exist")
        }
        return try render(valuesTemplate: valuesTemplate, spec: spec)
    }
}
