/// The Go type of a function parameter, which decides how template arguments are converted
/// and which error Go reports when they do not fit.
public enum GoType: Sendable, Equatable {
    /// `interface{}`: anything, nil included.
    case interface
    case string
    case int
    case int64
    case float64
    case bool
    /// `map[string]interface {}`.
    case stringMap
    /// Helm's `chartutil.Values`.
    case chartValues
    /// `[]interface {}`.
    case list
    /// `[]string`.
    case strings
    /// `reflect.Value` (text/template builtins): anything, passed unconverted.
    case reflectValue

    /// The type as Go's `reflect.Type.String()` prints it.
    public var goName: String {
        switch self {
        case .interface: "interface {}"
        case .string: "string"
        case .int: "int"
        case .int64: "int64"
        case .float64: "float64"
        case .bool: "bool"
        case .stringMap: "map[string]interface {}"
        case .chartValues: "chartutil.Values"
        case .list: "[]interface {}"
        case .strings: "[]string"
        case .reflectValue: "reflect.Value"
        }
    }

    /// Whether Go's `canBeNil` holds (nil converts to the zero value).
    var canBeNil: Bool {
        switch self {
        case .interface, .stringMap, .chartValues, .list, .strings: true
        default: false
        }
    }
}

/// An error from a template function, carrying Go's message text.
public struct GoError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A function callable from templates, with its Go signature.
public struct GoFunction: Sendable {
    /// Fixed parameter types.
    public var params: [GoType]
    /// Element type of a trailing `...` parameter, if any.
    public var variadic: GoType?
    /// The implementation; arguments arrive converted to the parameter types.
    public var body: @Sendable (FunctionContext, [Value]) throws -> Value

    public init(_ params: [GoType], variadic: GoType? = nil,
                _ body: @escaping @Sendable (FunctionContext, [Value]) throws -> Value) {
        self.params = params
        self.variadic = variadic
        self.body = body
    }

    /// A function that does not need the execution context.
    public static func plain(_ params: [GoType], variadic: GoType? = nil,
                             _ body: @escaping @Sendable ([Value]) throws -> Value) -> GoFunction {
        GoFunction(params, variadic: variadic) { _, args in try body(args) }
    }
}
