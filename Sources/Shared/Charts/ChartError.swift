/// An error from loading, templating or rendering a chart.
///
/// `description` is the message a user sees; for template and YAML errors it is the text Helm or
/// KubeFATE would print (file, line and column in their words).
public struct ChartError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        /// The archive is not a readable gzip/tar stream.
        case invalidArchive
        /// The archive tries to escape its directory, links, or breaks a size limit.
        case unsafeArchive
        /// The chart's files do not form a valid chart (Chart.yaml missing or invalid, …).
        case invalidChart
        /// Reading a file or directory failed.
        case io
        /// KubeFATE's values step (`values-template.yaml`) failed to parse or execute.
        case valuesTemplate
        /// A values document (values.yaml, the values step output, the cluster spec) is not valid YAML.
        case values
        /// Helm's template engine failed (parse or execution error).
        case render
        /// A rendered manifest could not be split or parsed (`YAML parse error on …`).
        case manifest
    }

    /// What kind of failure this is.
    public var code: Code
    /// The message, worded as Helm/KubeFATE word it where applicable.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The stage name used by `kubefate chart render` error output (`<stage>: <error>`).
    public var stage: String {
        switch code {
        case .invalidArchive, .unsafeArchive, .invalidChart, .io: "load"
        case .valuesTemplate: "values-template"
        case .values: "values"
        case .render: "render"
        case .manifest: "manifest"
        }
    }
}
