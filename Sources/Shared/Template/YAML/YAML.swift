/// YAML codecs that reproduce, byte for byte, the Go libraries Helm v3.9.4 and KubeFATE use:
/// `sigs.k8s.io/yaml` v1.3.0 (YAML 1.1 via gopkg.in/yaml.v2, then a JSON round trip) and
/// gopkg.in/yaml.v2 v2.4.0 directly.
public enum YAML {
    // MARK: sigs.k8s.io/yaml (Helm)

    /// `sigs.k8s.io/yaml.Unmarshal` into `interface{}`: YAML 1.1 scalars, anchors and merge keys,
    /// then a JSON round trip (every number becomes `.float64`, every map key a string).
    /// Errors read like Go's, e.g. `error converting YAML to JSON: yaml: line 2: …`.
    public static func decodeHelm(_ text: String) throws(CodecError) -> Value {
        try helmValue(text)
    }

    /// `sigs.k8s.io/yaml.Unmarshal` into `map[string]interface{}` (values.yaml, Helm's `fromYaml`).
    /// An empty document gives an empty map; a non-map document fails like Go's JSON decoder.
    public static func decodeHelmMap(_ text: String) throws(CodecError) -> [String: Value] {
        switch try helmValue(text) {
        case .map(let map): return mapEntries(map)
        case .null: return [:]
        case let other: throw jsonTypeMismatch(other, "map[string]interface {}")
        }
    }

    /// `sigs.k8s.io/yaml.Unmarshal` into `[]interface{}` (Helm's `fromYamlArray`).
    public static func decodeHelmArray(_ text: String) throws(CodecError) -> [Value] {
        switch try helmValue(text) {
        case .list(let items): return items
        case .null: return []
        case let other: throw jsonTypeMismatch(other, "[]interface {}")
        }
    }

    private static func helmValue(_ text: String) throws(CodecError) -> Value {
        let prefix = "error converting YAML to JSON: "
        let decoded: GoYAML?
        do throws(CodecError) {
            decoded = try YAMLDecoder.decode(text)
        } catch {
            throw error.prefixed(prefix)
        }
        guard let decoded else { return .null }
        let value: Value
        do throws(CodecError) {
            value = try jsonable(decoded)
            if let error = JSON.unsupportedValue(in: value) { throw error }
        } catch {
            throw error.prefixed(prefix)
        }
        return value
    }

    private static func jsonTypeMismatch(_ value: Value, _ type: String) -> CodecError {
        CodecError(
            .jsonDecode,
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(JSON.kindName(value)) into Go value of type \(type)")
    }

    /// sigs.k8s.io/yaml's `convertToJSONableObject` followed by the JSON round trip.
    private static func jsonable(_ value: GoYAML) throws(CodecError) -> Value {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .float64(Double(i))
        case .uint(let u): return .float64(Double(u))
        case .float(let f): return .float64(f)
        case .string(let s): return .string(s)
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try jsonable(item)) }
            return .list(out)
        case .map(let entries):
            var out: [String: Value] = [:]
            out.reserveCapacity(entries.count)
            for (key, item) in entries {
                out[try jsonKey(key, item)] = try jsonable(item)
            }
            return .map(out)
        }
    }

    private static func jsonKey(_ key: GoYAMLKey, _ value: GoYAML) throws(CodecError) -> String {
        switch key {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .float(let f):
            switch GoFloat.g(f, bits: 32) {
            case "+Inf": return ".inf"
            case "-Inf": return "-.inf"
            case "NaN": return ".nan"
            case let s: return s
            }
        case .null:
            let shown = if case .null = value { "<nil>" } else { value.goSyntax }
            throw CodecError(.yamlDecode, "Unsupported map key of type: %!s(<nil>), key: <nil>, value: \(shown)")
        case .uint:
            let shown = if case .null = value { "<nil>" } else { value.goSyntax }
            throw CodecError(.yamlDecode, "Unsupported map key of type: uint64, key: \(key.value.goSyntax), value: \(shown)")
        }
    }

    // MARK: gopkg.in/yaml.v2 (KubeFATE)

    /// gopkg.in/yaml.v2 `Unmarshal` into `interface{}`: integers stay `.int`, floats `.float64`;
    /// map keys that are not strings are stringified as Go's `%v` prints them.
    public static func decodeV2(_ text: String) throws(CodecError) -> Value {
        guard let decoded = try YAMLDecoder.decode(text) else { return .null }
        return v2Value(decoded)
    }

    /// gopkg.in/yaml.v2 `Unmarshal` into `map[string]interface{}` (KubeFATE's `fromYaml`):
    /// top-level keys are the raw key text (`yes` stays `"yes"`).
    public static func decodeV2Map(_ text: String) throws(CodecError) -> [String: Value] {
        try YAMLDecoder.decodeStringMap(text).mapValues(v2Value)
    }

    /// gopkg.in/yaml.v2 `Unmarshal` into `[]interface{}` (KubeFATE's `fromYamlArray`).
    public static func decodeV2Array(_ text: String) throws(CodecError) -> [Value] {
        try YAMLDecoder.decodeList(text).map(v2Value)
    }

    static func v2Value(_ value: GoYAML) -> Value {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): .float64(Double(u))
        case .float(let f): .float64(f)
        case .string(let s): .string(s)
        case .list(let items): .list(items.map(v2Value))
        case .map(let entries):
            .map(Dictionary(entries.map { ($0.key.value.goDescription, v2Value($0.value)) },
                            uniquingKeysWith: { _, last in last }))
        }
    }
}

extension YAML {
    /// A KubeFATE cluster spec as the server sees it: the CLI decodes `cluster.yaml` with
    /// sigs.k8s.io/yaml into `map[string]interface{}` and sends it as JSON, which the server decodes
    /// with sigs.k8s.io/yaml again (so, for example, `-0.0` arrives as `0`).
    public static func decodeClusterSpec(_ text: String) throws(CodecError) -> [String: Value] {
        let map = try decodeHelmMap(text)
        return try decodeHelmMap(try JSON.encode(.map(map)))
    }
}
