/// TOML encoders matching the Go libraries behind `toToml`: github.com/BurntSushi/toml (Helm)
/// and github.com/naoina/toml (KubeFATE's values-template step).
public enum TOML {
    /// github.com/BurntSushi/toml v1.2.0 `Encoder.Encode` (Helm's `toToml`): sorted keys, plain
    /// values before tables, two-space indentation of nested tables, floats always with a
    /// decimal point. Throws `toml: top-level values must be Go maps or structs` and similar;
    /// Helm's `toToml` returns the message as its result.
    public static func encode(_ value: Value) throws(CodecError) -> String {
        var encoder = BurntSushiEncoder()
        try encoder.encodeTop(value)
        return encoder.output
    }

    /// github.com/naoina/toml v0.1.1 `Marshal` (KubeFATE's `toToml`): floats in `%e` form
    /// (`1e+00`), tables flattened without indentation.
    public static func encodeNaoina(_ value: Value) throws(CodecError) -> String {
        try NaoinaEncoder.encode(value)
    }

    /// The reflect panic both Go encoders hit for a nil top-level value.
    static let nilPanic = CodecError(.goPanic, "reflect: call of reflect.Value.Type on zero Value")

    /// The Go type name of a value, as `%v` of its `reflect.Type` prints it.
    static func goTypeName(_ value: Value) -> String {
        switch value {
        case .null: "interface {}"
        case .bool: "bool"
        case .int: "int"
        case .int64: "int64"
        case .float64: "float64"
        case .string: "string"
        case .list: "[]interface {}"
        case .strings: "[]string"
        case .map: "map[string]interface {}"
        case .object(let object): object.goTypeName
        }
    }
}
