import Foundation

/// Where configuration values come from: the process environment over an optional file named by
/// `KUBEFATE_CONFIG` in env-file syntax (`KEY=value` lines, `#` comments, optional `export ` and
/// quotes; `.stack/env` written by `scripts/stack.sh` is such a file).
struct Environment: Sendable {
    private var values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    /// The process environment layered over the file it names, if any.
    static func load(process: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> Environment {
        guard let path = process["KUBEFATE_CONFIG"], !path.isEmpty else { return Environment(process) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(variable: "KUBEFATE_CONFIG", message: "cannot read \(path)")
        }
        var merged = try parse(text, file: path)
        merged.merge(process) { _, env in env }
        return Environment(merged)
    }

    /// Parses env-file text; errors name the file and line.
    static func parse(_ text: String, file: String) throws(ConfigError) -> [String: String] {
        var out: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line.removeFirst("export ".count) }
            guard let eq = line.firstIndex(of: "="), eq != line.startIndex else {
                throw ConfigError(variable: "KUBEFATE_CONFIG", message: "\(file):\(index + 1): expected KEY=value")
            }
            let key = String(line[..<eq]).trimmingCharacters(in: .whitespaces)
            var value = String(line[line.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            out[key] = value
        }
        return out
    }

    subscript(_ key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    /// The whole map, for library configs that read the environment themselves.
    var all: [String: String] { values }

    func string(_ key: String, default fallback: String) -> String {
        self[key] ?? fallback
    }

    func int(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let text = self[key] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigError(variable: key, message: "must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }

    func bool(_ key: String) throws(ConfigError) -> Bool {
        guard let text = self[key]?.lowercased() else { return false }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigError(variable: key, message: "must be 1/0 or true/false, got '\(text)'")
        }
    }
}

/// A configuration value is missing or invalid; names the variable.
struct ConfigError: Error, CustomStringConvertible {
    var variable: String
    var message: String
    var description: String { "\(variable): \(message)" }
}
