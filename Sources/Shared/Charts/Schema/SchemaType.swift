import KFTemplate

/// The JSON Schema primitive types.
enum SchemaType: String, Sendable, CaseIterable {
    case null, boolean, object, array, number, integer, string

    /// The type a decoded value has, as a schema sees it: integral numbers are `integer` (they
    /// also satisfy `number`), every YAML/JSON number arrives as a float64.
    static func of(_ value: Value) -> SchemaType? {
        switch value {
        case .null: .null
        case .bool: .boolean
        case .int, .int64: .integer
        case .float64(let d): d.isFinite && d == d.rounded() ? .integer : .number
        case .string: .string
        case .list, .strings: .array
        case .map: .object
        case .object: nil
        }
    }

    /// Whether a value of type `actual` satisfies this type.
    func accepts(_ actual: SchemaType) -> Bool {
        self == actual || (self == .number && actual == .integer)
    }
}

extension Value {
    /// The value as a number, when it is one.
    var schemaNumber: Double? {
        switch self {
        case .int(let i): Double(i)
        case .int64(let i): Double(i)
        case .float64(let d): d
        default: nil
        }
    }

    /// The value's list items, when it is a list.
    var schemaItems: [Value]? {
        switch self {
        case .list(let items): items
        case .strings(let items): items.map(Value.string)
        default: nil
        }
    }

    /// Structural equality as JSON Schema's `enum` and `const` compare (numbers by value).
    func schemaEquals(_ other: Value) -> Bool {
        if let a = schemaNumber, let b = other.schemaNumber { return a == b }
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.map(let a), .map(let b)):
            let ad = a.dictionary, bd = b.dictionary
            guard ad.count == bd.count else { return false }
            return ad.allSatisfy { key, value in bd[key].map { value.schemaEquals($0) } ?? false }
        default:
            guard let a = schemaItems, let b = other.schemaItems, a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.schemaEquals($1) }
        }
    }

    /// A short rendering of a scalar for messages (`"Foo"`, `12`, `true`).
    var schemaDescription: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        default:
            if let n = schemaNumber { n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n) } else { SchemaType.of(self)?.rawValue ?? "value" }
        }
    }
}
