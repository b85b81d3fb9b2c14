extension YAML {
    /// `sigs.k8s.io/yaml.Marshal` (Helm's `toYaml` before it trims the final newline):
    /// `encoding/json` first (integral floats become integers, NaN fails), then yaml.v2
    /// `Unmarshal` of that JSON and yaml.v2 `Marshal`. Errors read
    /// `error marshaling into JSON: json: unsupported value: NaN` and similar.
    public static func encodeHelm(_ value: Value) throws(CodecError) -> String {
        if let direct = try jsonRoundTrip(value) {
            return YAMLEmitter.document(emitNode(direct))
        }
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

    /// What yaml.v2 decodes from `json.Marshal(value)`, computed without the texts: numbers take
    /// the type their JSON spelling resolves to (`1e+06` float, `1000000` int), everything else
    /// is unchanged. Nil when a string holds a character the YAML reader would change or reject
    /// (NEL is a line break to it, DEL and C1 controls are errors): the caller then goes
    /// through the texts.
    static func jsonRoundTrip(_ value: Value) throws(CodecError) -> GoYAML? {
        if let error = JSON.unsupportedValue(in: value) { throw error.prefixed("error marshaling into JSON: ") }
        return try jsonRoundTripValue(value)
    }

    private static func jsonRoundTripValue(_ value: Value) throws(CodecError) -> GoYAML? {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .int64(let i): return .int(Int(i))
        case .float64(let f):
            let text: String
            do throws(CodecError) { text = try JSONWriter.number(f) } catch { throw error.prefixed("error marshaling into JSON: ") }
            return (try? YAMLResolver.resolve(tag: "", text))?.value ?? .string(text)
        case .string(let s): return survivesYAMLReader(s) ? .string(s) : nil
        case .strings(let items):
            guard items.allSatisfy(survivesYAMLReader) else { return nil }
            return .list(items.map(GoYAML.string))
        case .list(let items):
            var out: [GoYAML] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard let converted = try jsonRoundTripValue(item) else { return nil }
                out.append(converted)
            }
            return .list(out)
        case .map(let map):
            var out: [GoYAMLKey: GoYAML] = [:]
            out.reserveCapacity(map.count)
            for (key, item) in map {
                guard survivesYAMLReader(key), let converted = try jsonRoundTripValue(item) else { return nil }
                out[.string(key)] = converted
            }
            return .map(out)
        case .object(let object):
            throw CodecError(.jsonEncode, "error marshaling into JSON: json: unsupported type: \(object.goTypeName)")
        }
    }

    /// Whether a JSON string literal holding `s` reads back unchanged through libyaml: no raw
    /// NEL, DEL, C1 control, U+FFFE or U+FFFF (JSON escapes the other special characters).
    private static func survivesYAMLReader(_ s: String) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for c in s.utf8 {
            if c == 0x7F { return false }
            if previous == 0xC2 && c >= 0x80 && c <= 0x9F { return false }
            if beforePrevious == 0xEF && previous == 0xBF && (c == 0xBE || c == 0xBF) { return false }
            beforePrevious = previous
            previous = c
        }
        return true
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
            let keys: [GoYAMLKey]
            if entries.keys.allSatisfy({ if case .string = $0 { true } else { false } }) {
                keys = YAMLKeyOrder.sorted(entries.keys.map { key -> String in
                    if case .string(let s) = key { s } else { "" }
                }).map(GoYAMLKey.string)
            } else {
                keys = entries.keys.sorted(by: YAMLKeyOrder.less)
            }
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
            for key in YAMLKeyOrder.sorted(map.keys) {
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
        guard let head = s.utf8.first,
              head == UInt8(ascii: "+") || head == UInt8(ascii: "-") || (head >= 0x30 && head <= 0x39),
              s.utf8.contains(UInt8(ascii: ":")) else { return false }
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
