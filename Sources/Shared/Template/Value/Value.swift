/// A Go value as Go templates, Sprig and Helm see it.
///
/// The cases mirror the Go types that reach templates: values decoded from YAML/JSON
/// (`sigs.k8s.io/yaml` gives `float64` for every number, `map[string]interface{}`,
/// `[]interface{}`), results of Sprig functions (`int`, `int64`, `[]string`, …) and Go structs
/// exposed by Helm (`.Release`, `.Chart`, `.Capabilities`, semver versions, times).
/// The distinction matters for output (`%T`, `typeOf`, error messages) and for comparisons.
///
/// Maps are reference types (``GoMap``), like Go maps: Sprig's `set`, `unset` and `merge`
/// mutate them in place and every holder of the same map sees the change.
public enum Value: Sendable {
    /// Untyped nil: a missing map key under `missingkey=zero`, JSON/YAML null.
    case null
    case bool(Bool)
    /// Go `int`.
    case int(Int)
    /// Go `int64` (Sprig arithmetic results).
    case int64(Int64)
    /// Go `float64` (every number decoded by `sigs.k8s.io/yaml` or `encoding/json`).
    case float64(Double)
    case string(String)
    /// Go `[]interface{}`.
    case list([Value])
    /// Go `[]string`.
    case strings([String])
    /// Go `map[string]interface{}` (or `chartutil.Values`, see ``GoMap/Kind``), by reference.
    /// Go iterates and prints maps in sorted key order.
    case map(GoMap)
    /// A Go struct or other typed value with fields and methods.
    case object(any TemplateObject)

    /// A `map[string]interface{}` holding a fresh copy of `entries`.
    public static func map(_ entries: [String: Value]) -> Value {
        .map(GoMap(entries))
    }
}

/// A Go value with a type name, fields and methods (a struct, `time.Time`, `*semver.Version`, …).
public protocol TemplateObject: Sendable {
    /// The Go type name as `%T` prints it, e.g. `*chartutil.Capabilities` or `*semver.Version`.
    var goTypeName: String { get }
    /// The `reflect.Kind` name (`struct`, `ptr`, …) as Sprig's `kindOf` prints it.
    var goKind: String { get }
    /// How `fmt` prints the value with `%v` (and `%s` when it implements `Stringer`).
    var goDescription: String { get }
    /// An exported field or a method without parameters, or nil when there is none of that name.
    func member(_ name: String) throws -> Value?
    /// A method taking arguments, or nil when there is none of that name.
    func method(_ name: String) -> GoFunction?
}

extension TemplateObject {
    public var goKind: String { goTypeName.hasPrefix("*") ? "ptr" : "struct" }
    public func method(_ name: String) -> GoFunction? { nil }
}
