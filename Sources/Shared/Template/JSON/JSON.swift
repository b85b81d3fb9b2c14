/// JSON codecs that reproduce Go's `encoding/json` as Helm and Sprig use it.
public enum JSON {
    /// `json.Marshal`: map keys sorted by bytes, `<`, `>`, `&`, U+2028 and U+2029 escaped (unless
    /// `escapeHTML` is false, as Sprig's `toRawJson` does), floats formatted like Go.
    /// Throws `json: unsupported value: NaN` for non-finite floats.
    public static func encode(_ value: Value, escapeHTML: Bool = true) throws(CodecError) -> String {
        var writer = JSONWriter(escapeHTML: escapeHTML, indent: nil)
        try writer.write(value)
        return writer.output
    }

    /// `json.MarshalIndent(value, "", indent)` (Sprig's `toPrettyJson` uses two spaces).
    public static func encodePretty(_ value: Value, indent: String = "  ") throws(CodecError) -> String {
        var writer = JSONWriter(escapeHTML: true, indent: indent)
        try writer.write(value)
        return writer.output
    }

    /// `json.Unmarshal` into `interface{}`: numbers become `.float64`, objects `.map`, arrays `.list`.
    /// Syntax errors read like Go's, e.g. `invalid character 'x' looking for beginning of value`.
    public static func decode(_ text: String) throws(CodecError) -> Value {
        try JSONParser.parse(text)
    }

    /// `json.Unmarshal` into `map[string]interface{}` (Helm's `fromJson`); `null` gives an empty map.
    public static func decodeMap(_ text: String) throws(CodecError) -> [String: Value] {
        switch try JSONParser.parse(text) {
        case .map(let map): return mapEntries(map)
        case .null: return [:]
        case let other: throw mismatch(other, "map[string]interface {}")
        }
    }

    /// `json.Unmarshal` into `[]interface{}` (Helm's `fromJsonArray`); `null` gives an empty list.
    public static func decodeArray(_ text: String) throws(CodecError) -> [Value] {
        switch try JSONParser.parse(text) {
        case .list(let items): return items
        case .strings(let items): return items.map(Value.string)
        case .null: return []
        case let other: throw mismatch(other, "[]interface {}")
        }
    }

    private static func mismatch(_ value: Value, _ type: String) -> CodecError {
        CodecError(.jsonDecode, "json: cannot unmarshal \(kindName(value)) into Go value of type \(type)")
    }

    /// The JSON kind name Go's `UnmarshalTypeError` uses for a decoded value.
    static func kindName(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .int, .int64, .float64: "number"
        case .string: "string"
        case .list, .strings: "array"
        case .map, .object: "object"
        }
    }

    /// The error `json.Marshal` would report for the first non-finite float, in output order.
    static func unsupportedValue(in value: Value) -> CodecError? {
        hasNonFiniteFloat(value) ? firstUnsupportedValue(in: value) : nil
    }

    private static func hasNonFiniteFloat(_ value: Value) -> Bool {
        switch value {
        case .float64(let f): return !f.isFinite
        case .list(let items): return items.contains(where: hasNonFiniteFloat)
        case .map(let map): return map.contains { hasNonFiniteFloat($0.value) }
        default: return false
        }
    }

    private static func firstUnsupportedValue(in value: Value) -> CodecError? {
        switch value {
        case .float64(let f) where !f.isFinite:
            return CodecError(.jsonEncode, "json: unsupported value: \(GoFloat.g(f))")
        case .list(let items):
            for item in items { if let error = firstUnsupportedValue(in: item) { return error } }
        case .map(let map):
            for key in map.keys.sorted(by: JSONWriter.byteOrder) {
                if let error = firstUnsupportedValue(in: map[key]!) { return error }
            }
        default:
            break
        }
        return nil
    }
}
