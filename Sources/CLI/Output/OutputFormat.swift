import ArgumentParser
import KFTemplate

/// `-o table|json|yaml` on list and describe commands. `json` and `yaml` print the answer's `data`
/// as the service sent it (every field, keys sorted); `table` prints KubeFATE's tables.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, yaml

    /// The `data` member of an answer body in this format (`table` is not handled here).
    func render(answer body: [UInt8]) throws(CLIError) -> String {
        let document: Value
        do {
            document = try JSON.decode(String(decoding: body, as: UTF8.self))
        } catch {
            throw CLIError("the service's answer is not JSON: \(error)")
        }
        let data = document["data"] ?? .null
        do {
            switch self {
            case .json: return try JSON.encodePretty(data) + "\n"
            case .yaml, .table: return try YAML.encodeHelm(data)
            }
        } catch {
            throw CLIError("cannot print the answer as \(rawValue): \(error)")
        }
    }
}

/// The `-o/--output` option shared by list and describe commands.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: table, json or yaml.")
    var format: OutputFormat = .table
}
