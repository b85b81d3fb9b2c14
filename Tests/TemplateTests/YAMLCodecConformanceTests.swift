import Foundation
import Testing
import KFTemplate

/// Runs the engine conformance cases whose templates only apply a codec function to a field of
/// the data (`{{ toYaml .x }}`, `[{{ toJson . }}]`, …), so the codecs can be checked against the
/// Go outputs without the template engine.
@Suite struct YAMLCodecConformanceTests {
    static let cases: [CodecTestSupport.EngineCase] = CodecTestSupport.engineCases(
        ["toyaml", "tojson", "totoml", "kubefate"]
    ).filter { render($0) != nil }

    /// The output of `template` with every `{{ fn .field }}` action evaluated, or nil when the
    /// template uses anything else.
    static func render(_ c: CodecTestSupport.EngineCase) -> String? {
        let kubefate = c.data_format == "kubefate"
        let decoded = kubefate ? (try? YAML.decodeClusterSpec(c.data)).map(Value.map) : try? YAML.decodeHelm(c.data)
        guard let data = decoded else { return nil }
        let pattern = try! NSRegularExpression(pattern: #"\{\{ (toYaml|toJson|toRawJson|toPrettyJson|toToml) \.(\w*) \}\}"#)
        let template = c.template as NSString
        var output = ""
        var last = 0
        for match in pattern.matches(in: c.template, range: NSRange(location: 0, length: template.length)) {
            output += template.substring(with: NSRange(location: last, length: match.range.location - last))
            let function = template.substring(with: match.range(at: 1))
            let field = template.substring(with: match.range(at: 2))
            var argument = data
            if !field.isEmpty {
                guard case .map(let map) = data else { return nil }
                argument = map[field] ?? .null
            }
            switch function {
            case "toYaml":
                let text = kubefate ? try? YAML.encodeV2(argument) : try? YAML.encodeHelm(argument)
                var trimmed = text ?? ""
                if trimmed.hasSuffix("\n") { trimmed.removeLast() }
                output += trimmed
            case "toJson": output += (try? JSON.encode(argument)) ?? ""
            case "toRawJson": output += (try? JSON.encode(argument, escapeHTML: false)) ?? ""
            case "toPrettyJson": output += (try? JSON.encodePretty(argument)) ?? ""
            case "toToml":
                do {
                    output += kubefate ? try TOML.encodeNaoina(argument) : try TOML.encode(argument)
                } catch {
                    output += error.message
                }
            default: return nil
            }
            last = match.range.location + match.range.length
        }
        output += template.substring(from: last)
        return output.contains("{{") ? nil : output
    }

    @Test("codec-only engine cases", arguments: cases)
    func matchesGo(_ c: CodecTestSupport.EngineCase) {
        #expect(Self.render(c) == c.expected_output)
    }

    @Test func enoughCasesAreCovered() {
        #expect(Self.cases.count >= 40)
    }
}
