extension YAML {
    /// `sigs.k8s.io/yaml.Marshal` (Helm's `toYaml` before it trims the final newline):
    /// `encoding/json` first (integral floats become integers, NaN fails), then yaml.v2
    /// `Unmarshal` of that JSON and yaml.v2 `Marshal`. Errors read
    /// `error marshaling into JSON: json: unsupported value: NaN` and similar.
    public static func encodeHelm(_ value: Value) throws(CodecError) -> String {
        let json: String
        do throws(CodecError) {
            json = try JSON.encode(value)
        } catch {
            throw error.prefixed("error marshaling into JSON: ")
        }
        let decoded: GoYAML?
        do throws(CodecError) {
            decoded = try YAMLDecoder.decode(json)
        } catch {
            throw error.prefixed("error converting JSON to YAML: ")
        }
        return YAMLEmitter.document(emitNode(decoded ?? .null))
    }

    /// gopkg.in/yaml.v2 `Marshal` (KubeFATE's `toYaml`, before the final newline is trimmed):
    /// `.int` values print as integers, `.float64` with Go's `%g` (`1e+06`), map keys in
    /// yaml.v2's natural order. Throws for Go structs (`.object`), which this port cannot marshal.
    public static func encodeV2(_ value: Value) throws(CodecError) -> String {
        YAMLEmitter.document(try emitNode(value))
    }

    // MARK: - yaml.v2 encoder

    static func emitNode(_ value: GoYAML) -> EmitNode {
        switch value {
        case .null: return .scalar("null", .plain)
        case .bool(let b): return .scalar(b ? "true" : "false", .plain)
        case .int(let i): return .scalar(String(i), .plain)
        case .uint(let u): return .scalar(String(u), .plain)
        case .float(let f): return floatNode(f)
        case .string(let s): return stringNode(s)
        case .list(let items): return .sequence(items.map(emitNode))
        case .map(let entries):
            let keys = entries.keys.sorted(by: YAMLKeyOrder.less)
            return .mapping(keys.map { (emitNode($0.value), emitNode(entries[$0]!)) })
        }
    }

    static func emitNode(_ value: Value) throws(CodecError) -> EmitNode {
        switch value {
        case .null: return .scalar("null", .plain)
        case .bool(let b): return .scalar(b ? "true" : "false", .plain)
        case .int(let i): return .scalar(String(i), .plain)
        case .int64(let i): return .scalar(String(i), .plain)
        case .float64(let f): return floatNode(f)
        case .string(let s): return stringNode(s)
        case .strings(let items): return .sequence(items.map(stringNode))
        case .list(let items):
            var nodes: [EmitNode] = []
            nodes.reserveCapacity(items.count)
            for item in items { nodes.append(try emitNode(item)) }
            return .sequence(nodes)
        case .map(let map):
            var entries: [(key: EmitNode, value: EmitNode)] = []
            entries.reserveCapacity(map.count)
            for key in map.keys.sorted(by: YAMLKeyOrder.less) {
                entries.append((stringNode(key), try emitNode(map[key]!)))
            }
            return .mapping(entries)
        case .object(let object):
            throw CodecError(.yamlEncode, "cannot marshal type: \(object.goTypeName)")
        }
    }

    /// `encoder.floatv`.
    private static func floatNode(_ f: Double) -> EmitNode {
        switch GoFloat.g(f) {
        case "+Inf": .scalar(".inf", .plain)
        case "-Inf": .scalar("-.inf", .plain)
        case "NaN": .scalar(".nan", .plain)
        case let text: .scalar(text, .plain)
        }
    }

    /// `encoder.stringv`: literal for multi-line text, plain when the text would read back as the
    /// same string, double-quoted otherwise.
    static func stringNode(_ s: String) -> EmitNode {
        if s.utf8.contains(0x0A) { return .scalar(s, .literal) }
        let canUsePlain = ((try? YAMLResolver.resolve(tag: "", s))?.tag == YAMLResolver.strTag) && !isBase60Float(s)
        return .scalar(s, canUsePlain ? .plain : .doubleQuoted)
    }

    /// yaml.v2's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func isBase60Float(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first,
              first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39),
              b.contains(UInt8(ascii: ":")) else { return false }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        var i = 0
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return false }
        i += 1
        while i < b.count && (isDigit(b[i]) || b[i] == UInt8(ascii: "_")) { i += 1 }
        var groups = 0
        while i < b.count && b[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]
            if i + 1 < b.count, b[i] >= 0x30, b[i] <= 0x35, isDigit(b[i + 1]) {
                i += 2
            } else if i < b.count, isDigit(b[i]) {
                i += 1
            } else {
                return false
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count && (isDigit(b[i]) || b[i] == UInt8(ascii: "_")) { i += 1 }
        }
        return i == b.count
    }
}
