import KFCharts
import KFTemplate

/// Checks a cluster spec against a chart that has no `values.schema.json`: every key must appear
/// at the same place in the chart's `values-template-example.yaml`, or be a field name the
/// chart's `values-template.yaml` reads (`.nodeSelector`, … — optional keys examples leave out),
/// or, at the top level, one of `extraKeys` (an executor's section). Where the example has a
/// mapping or a list the spec must have one too. Below keys the example shows empty (`{}`,
/// `[]`, null) or does not have, anything goes.
struct SpecKeyCheck: Sendable {
    /// One problem, at a key path such as `rollsite.partyList[0].partyIp`.
    struct Violation: Sendable, Equatable, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path): \(message)" }
    }

    let example: Value
    let templateFields: Set<String>
    let extraKeys: Set<String>

    init(exampleYAML: String, valuesTemplate: String, extraKeys: Set<String>) throws(ChartError) {
        example = try ClusterSpec(yaml: exampleYAML).value
        templateFields = Self.fieldNames(in: valuesTemplate)
        self.extraKeys = extraKeys
    }

    /// Every violation of `spec`, in key order.
    func violations(_ spec: Value) -> [Violation] {
        var out: [Violation] = []
        walk(spec, example, path: "", into: &out)
        return out
    }

    private func walk(_ value: Value, _ example: Value, path: String, into out: inout [Violation]) {
        switch (value, example) {
        case (.null, _), (_, .null):
            return
        case (.map(let map), .map(let shape)):
            guard !shape.isEmpty else { return }
            for key in map.sortedKeys {
                let child = path.isEmpty ? key : path + "." + key
                if let expected = shape[key] {
                    walk(map[key] ?? .null, expected, path: child, into: &out)
                } else if !templateFields.contains(key), !(path.isEmpty && extraKeys.contains(key)) {
                    out.append(Violation(path: child, message: "unknown key: not in the chart's values-template-example.yaml and not read by its values-template.yaml"))
                }
            }
        case (.list(let items), .list(let shape)):
            guard let first = shape.first else { return }
            for (index, item) in items.enumerated() { walk(item, first, path: "\(path)[\(index)]", into: &out) }
        case (.strings, .list), (.list, .strings), (.strings, .strings):
            return
        case (_, .map(let shape)) where !shape.isEmpty:
            out.append(Violation(path: path, message: "must be a mapping (as in the chart's values-template-example.yaml), got \(Self.kind(value))"))
        case (_, .list), (_, .strings):
            out.append(Violation(path: path, message: "must be a list (as in the chart's values-template-example.yaml), got \(Self.kind(value))"))
        case (.map, _), (.list, _), (.strings, _):
            out.append(Violation(path: path, message: "must be a single value (as in the chart's values-template-example.yaml), got \(Self.kind(value))"))
        default:
            return
        }
    }

    static func kind(_ value: Value) -> String {
        switch value {
        case .map: "a mapping"
        case .list, .strings: "a list"
        case .null: "null"
        default: "a single value"
        }
    }

    /// The identifiers after a `.` inside `{{ … }}` actions (`.rollsite.nodePort` gives
    /// `rollsite` and `nodePort`).
    static func fieldNames(in template: String) -> Set<String> {
        var names: Set<String> = []
        let bytes = Array(template.utf8)
        var i = 0
        var inAction = false
        func isIdentifier(_ c: UInt8) -> Bool { c == 0x5F || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) }
        while i < bytes.count {
            if !inAction {
                if bytes[i] == 0x7B, i + 1 < bytes.count, bytes[i + 1] == 0x7B { inAction = true; i += 2; continue }
                i += 1
                continue
            }
            if bytes[i] == 0x7D, i + 1 < bytes.count, bytes[i + 1] == 0x7D { inAction = false; i += 2; continue }
            if bytes[i] == 0x2E, i + 1 < bytes.count, isIdentifier(bytes[i + 1]), !(bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) {
                var j = i + 1
                while j < bytes.count, isIdentifier(bytes[j]) { j += 1 }
                names.insert(String(decoding: bytes[(i + 1)..<j], as: UTF8.self))
                i = j
                continue
            }
            i += 1
        }
        return names
    }
}
