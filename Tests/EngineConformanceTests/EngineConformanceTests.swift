import Foundation
import KFTemplate
import Testing

/// One line of `conformance/engine/cases.jsonl`.
struct EngineCase: Decodable {
    var name: String
    var template: String
    var data: String
    var data_format: String
    var template_name: String
    var strip_no_value: Bool
    var andor: String
    var min_go: String?
    var chart_values: String?
    var expected_output: String?
    var expected_error: String?
    var error_phase: String?
}

/// The outcome of running one case.
enum CaseOutcome {
    case output(String)
    case error(String)
    case pending(String)
}

enum CaseRunner {
    static func sharedDirectory() -> URL {
        if let dir = ProcessInfo.processInfo.environment["KUBEFATE_SHARED_DIR"] {
            return URL(fileURLWithPath: dir)
        }
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.deletingLastPathComponent().appendingPathComponent("shared")
            }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "../shared")
    }

    static func loadCases() throws -> [EngineCase] {
        let path = ProcessInfo.processInfo.environment["ENGINE_CASES"]
            ?? sharedDirectory().appendingPathComponent("conformance/engine/cases.jsonl").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        let all = try text.split(separator: "\n").map { line in
            try decoder.decode(EngineCase.self, from: Data(line.utf8))
        }
        guard let filter = ProcessInfo.processInfo.environment["ENGINE_CASE_FILTER"] else { return all }
        return all.filter { $0.name.contains(filter) }
    }

    static func options(_ c: EngineCase) -> TemplateOptions {
        let go118 = c.min_go == "1.18" || c.andor == "go1.18"
        return TemplateOptions(missingKey: .zero, language: go118 ? .go118 : .go117)
    }

    static func run(_ c: EngineCase) -> CaseOutcome {
        switch c.data_format {
        case "yaml": return runSet(c, functions: .helm)
        case "kubefate": return runSet(c, functions: .kubefate)
        default: return HelmCaseRunner.run(c)
        }
    }

    private static func runSet(_ c: EngineCase, functions: FunctionSet) -> CaseOutcome {
        let data: Value
        do {
            data = try YAML.decodeHelm(c.data)
        } catch {
            return .error("data: \(error)")
        }
        var set = TemplateSet(functions: functions, options: options(c))
        do {
            try set.parse(name: c.template_name, text: c.template)
            var out = try set.execute(name: c.template_name, data: data)
            if c.strip_no_value { out = out.replacingOccurrences(of: "<no value>", with: "") }
            return .output(out)
        } catch {
            return .error(error.message)
        }
    }
}

@Suite struct EngineConformanceTests {
    @Test func everyEngineCaseMatchesGoOutputOrError() throws {
        let cases = try CaseRunner.loadCases()
        var passed: [String: Int] = [:], total: [String: Int] = [:], pending: [String: Int] = [:]
        var failures: [String] = []
        for c in cases {
            total[c.data_format, default: 0] += 1
            let outcome = CaseRunner.run(c)
            let ok: Bool
            var actual = ""
            switch outcome {
            case .pending(let why):
                pending[c.data_format, default: 0] += 1
                if HelmCaseRunner.available { failures.append("\(c.name): skipped: \(why)") }
                continue
            case .output(let s):
                ok = c.expected_output == s
                actual = "output " + String(reflecting: s)
            case .error(let e):
                ok = c.expected_error == e
                actual = "error " + String(reflecting: e)
            }
            if ok {
                passed[c.data_format, default: 0] += 1
            } else {
                let expected = c.expected_output.map { "output " + String(reflecting: $0) }
                    ?? "error " + String(reflecting: c.expected_error ?? "")
                failures.append("\(c.name)\n    expected: \(expected.prefix(400))\n    actual:   \(actual.prefix(400))")
            }
        }
        for f in failures { print("FAIL \(f)") }
        for format in total.keys.sorted() {
            print("engine conformance [\(format)]: \(passed[format, default: 0])/\(total[format]!) passed, \(pending[format, default: 0]) pending")
        }
        let allPassed = passed.values.reduce(0, +)
        print("engine conformance: \(allPassed)/\(cases.count) passed")
        #expect(failures.isEmpty, "\(failures.count) engine cases failed")
    }
}
