/// A cluster spec whose `simulate:` section (or YAML) the simulated executor cannot use.
struct SimulationSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted path of the offending field, e.g. `simulate.components[1].duration`.
    var field: String
    /// 1-based line in the decoded `data` (cluster.yaml); 0 when unknown.
    var line: Int
    var message: String

    var description: String {
        line > 0 ? "cluster spec line \(line): \(field): \(message)" : "cluster spec: \(field): \(message)"
    }
}
