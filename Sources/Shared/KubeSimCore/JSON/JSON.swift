/// A JSON value as the simulator stores and edits Kubernetes objects.
///
/// Objects are unordered dictionaries; serialization sorts keys so output is deterministic.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    /// An empty object.
    public static let emptyObject = JSON.object([:])

    /// The member `key` of an object, or `nil`.
    public subscript(key: String) -> JSON? {
        get {
            if case .object(let o) = self { return o[key] }
            return nil
        }
        set {
            guard case .object(var o) = self else {
                if let newValue { self = .object([key: newValue]) }
                return
            }
            self = .null  // release the storage so the edit below does not copy
            o[key] = newValue
            self = .object(o)
        }
    }

    /// The value at a dotted path of object keys, or `nil`.
    public subscript(path path: [String]) -> JSON? {
        get {
            var cur: JSON? = self
            for k in path { cur = cur?[k] }
            return cur
        }
        set {
            guard let first = path.first else {
                if let newValue { self = newValue }
                return
            }
            if path.count == 1 {
                self[first] = newValue
                return
            }
            var child = self[first] ?? .emptyObject
            if case .object = child {} else { child = .emptyObject }
            self[first] = nil
            child[path: Array(path.dropFirst())] = newValue
            self[first] = child
        }
    }

    /// The string value, or `nil` for any other case.
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The integer value (doubles with an integral value count), or `nil`.
    public var int: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: return Int64(d)
        default: return nil
        }
    }
    /// The boolean value, or `nil`.
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    /// The array elements, or `nil`.
    public var array: [JSON]? { if case .array(let a) = self { return a } else { return nil } }
    /// The object members, or `nil`.
    public var object: [String: JSON]? { if case .object(let o) = self { return o } else { return nil } }
    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// A string-to-string map (labels, annotations, selectors); non-string members are skipped.
    public var stringMap: [String: String] {
        guard let o = object else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in o { if let s = v.string { out[k] = s } }
        return out
    }

    /// Builds an object from a string map.
    public static func stringMap(_ m: [String: String]) -> JSON {
        .object(m.mapValues { .string($0) })
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(Int64(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSON {
    /// Wraps an optional string (nil becomes `null`).
    public static func str(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }
    /// Wraps an integer.
    public static func num(_ i: Int) -> JSON { .int(Int64(i)) }
}
