import Foundation
@testable import KFTemplate

/// Helpers shared by the YAML/JSON/TOML codec tests.
enum CodecTestSupport {
    /// A canonical, type-revealing rendering of a value (`f:1`, `s:"x"`, `{"k":…}`), the same
    /// format the Go reference program used to produce the expectations in these tests.
    static func dump(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "b:\(b)"
        case .int(let i): return "i:\(i)"
        case .int64(let i): return "I:\(i)"
        case .float64(let f): return "f:" + goG(f)
        case .string(let s): return "s:" + quote(s)
        case .list(let items): return "[" + items.map(dump).joined(separator: ",") + "]"
        case .strings(let items): return "[" + items.map { dump(.string($0)) }.joined(separator: ",") + "]"
        case .map(let map):
            let keys = map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return "{" + keys.map { quote($0) + ":" + dump(map[$0]!) }.joined(separator: ",") + "}"
        case .object(let object): return "?" + object.goTypeName
        }
    }

    /// Go `%v` of a float64 for the values used in these tests.
    static func goG(_ f: Double) -> String {
        GoFloat.g(f)
    }

    /// Go's `strconv.Quote`.
    static func quote(_ s: String) -> String { GoStrconv.quote(s) }

    /// `/work/shared` (or `KUBEFATE_SHARED_DIR`), found from this file's location.
    static var sharedDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["KUBEFATE_SHARED_DIR"] {
            return URL(fileURLWithPath: dir)
        }
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.deletingLastPathComponent().appendingPathComponent("shared")
            }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "/work/shared")
    }

    struct EngineCase: Decodable, Sendable, CustomStringConvertible {
        let name: String
        let template: String
        let data: String
        let data_format: String
        let expected_output: String?
        let expected_error: String?

        var description: String { name }
    }

    /// The conformance cases of the template engine whose name starts with one of `sections`.
    static func engineCases(_ sections: [String]) -> [EngineCase] {
        let url = sharedDirectory.appendingPathComponent("conformance/engine/cases.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            try? JSONDecoder().decode(EngineCase.self, from: Data(line.utf8))
        }.filter { c in sections.contains { c.name.hasPrefix($0 + "/") } }
    }
}
