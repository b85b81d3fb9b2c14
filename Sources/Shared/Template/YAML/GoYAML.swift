/// A Go value as gopkg.in/yaml.v2 decodes it into `interface{}`: `int`, `uint64`, `float64`,
/// `bool`, `string`, `nil`, `[]interface{}` and `map[interface{}]interface{}`.
indirect enum GoYAML: Sendable {
    case null
    case bool(Bool)
    /// Go `int` (64-bit; yaml.v2 never produces `int64` on 64-bit platforms).
    case int(Int)
    /// Go `uint64`: integers above `math.MaxInt64`.
    case uint(UInt64)
    case float(Double)
    case string(String)
    case list([GoYAML])
    case map([GoYAMLKey: GoYAML])

    /// The value as a map key, or nil for lists and maps (which Go cannot hash).
    var key: GoYAMLKey? {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): .uint(u)
        case .float(let f): .float(f)
        case .string(let s): .string(s)
        case .list, .map: nil
        }
    }
}

/// A hashable yaml.v2 map key.
enum GoYAMLKey: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case uint(UInt64)
    case float(Double)
    case string(String)

    var value: GoYAML {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): .uint(u)
        case .float(let f): .float(f)
        case .string(let s): .string(s)
        }
    }
}

extension GoYAML {
    /// Go's `%#v` rendering, as it appears in yaml.v2 and sigs.k8s.io/yaml error messages.
    var goSyntax: String {
        switch self {
        case .null: "interface {}(nil)"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .uint(let u): "0x" + String(u, radix: 16)
        case .float(let f): GoFloat.g(f)
        case .string(let s): GoStrconv.quote(s)
        case .list(let items):
            "[]interface {}{" + items.map(\.goSyntax).joined(separator: ", ") + "}"
        case .map(let entries):
            "map[interface {}]interface {}{"
                + entries.map { ($0.key.value.goSyntax, $0.value.goSyntax) }
                    .sorted { $0.0 < $1.0 }
                    .map { "\($0.0):\($0.1)" }
                    .joined(separator: ", ")
                + "}"
        }
    }

    /// Go's `%v` rendering of a scalar (used for map keys that KubeFATE's yaml.v2 maps carry).
    var goDescription: String {
        switch self {
        case .null: "<nil>"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .uint(let u): String(u)
        case .float(let f): GoFloat.g(f)
        case .string(let s): s
        case .list, .map: goSyntax
        }
    }
}
