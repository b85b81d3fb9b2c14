import KFTemplate

/// Decoding a yaml.v2 document into a Go struct the way `sigs.k8s.io/yaml.Unmarshal` does:
/// keys matched to JSON field names exactly or case-insensitively (the last matching key in
/// byte order wins), numbers and bools converted to strings for string fields.
struct SigsFields {
    /// The Go type name used in error messages (`Metadata`, `SimpleHead`).
    let typeName: String
    /// Field path prefix for nested structs (`metadata.`).
    let path: String
    private var values: [String: Value] = [:]

    /// Reads `object` (a mapping or null) for the JSON field names `fields`.
    init(_ object: Value, typeName: String, path: String = "", fields: [String]) throws(ChartError) {
        self.typeName = typeName
        self.path = path
        guard let entries = try Self.entries(object, typeName: typeName, path: path) else { return }
        for (key, value) in entries.sorted(by: { goLess($0.0, $1.0) }) {
            if let field = fields.first(where: { $0 == key }) ?? fields.first(where: { $0.lowercased() == key.lowercased() }) {
                values[field] = value
            }
        }
    }

    /// The string-keyed entries of a mapping, nil for null; an error for anything else.
    static func entries(_ object: Value, typeName: String, path: String) throws(ChartError) -> [(String, Value)]? {
        switch object {
        case .null:
            return nil
        case .map(let map):
            return map.dictionary.map { ($0.key, $0.value) }
        default:
            let target = path.isEmpty ? "Go value of type \(typeName)" : "Go struct field \(typeName).\(path.dropLast()) of type struct"
            throw ChartError(.invalidChart, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonKind(object)) into \(target)")
        }
    }

    func string(_ field: String) throws(ChartError) -> String {
        guard let value = values[field] else { return "" }
        return try Self.string(value, typeName: typeName, field: path + field)
    }

    func strings(_ field: String) throws(ChartError) -> [String] {
        guard let value = values[field] else { return [] }
        switch value {
        case .null: return []
        case .list(let items):
            var result: [String] = []
            for item in items { result.append(try Self.string(item, typeName: typeName, field: path + field)) }
            return result
        case .strings(let items): return items
        default: throw Self.typeError(value, typeName: typeName, field: path + field, goType: "[]string")
        }
    }

    func bool(_ field: String) throws(ChartError) -> Bool {
        guard let value = values[field] else { return false }
        switch value {
        case .null: return false
        case .bool(let b): return b
        default: throw Self.typeError(value, typeName: typeName, field: path + field, goType: "bool")
        }
    }

    func stringMap(_ field: String) throws(ChartError) -> [String: String] {
        guard let value = values[field] else { return [:] }
        guard let entries = try Self.entries(value, typeName: typeName, path: path + field + ".") else { return [:] }
        var result: [String: String] = [:]
        for (key, item) in entries {
            result[key] = try Self.string(item, typeName: typeName, field: path + field)
        }
        return result
    }

    func list(_ field: String) throws(ChartError) -> [Value] {
        guard let value = values[field] else { return [] }
        switch value {
        case .null: return []
        case .list(let items): return items
        default: throw Self.typeError(value, typeName: typeName, field: path + field, goType: "[]")
        }
    }

    func raw(_ field: String) -> Value? { values[field] }

    /// A scalar for a Go `string` field: numbers and bools become their YAML text.
    static func string(_ value: Value, typeName: String, field: String) throws(ChartError) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float64(let f): return floatKey(f)
        case .bool(let b): return b ? "true" : "false"
        default: throw typeError(value, typeName: typeName, field: field, goType: "string")
        }
    }

    private static func floatKey(_ f: Double) -> String {
        switch GoFloat.formatG(f, bitSize: 32) {
        case "+Inf": ".inf"
        case "-Inf": "-.inf"
        case "NaN": ".nan"
        case let s: s
        }
    }

    static func typeError(_ value: Value, typeName: String, field: String, goType: String) -> ChartError {
        ChartError(.invalidChart, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonKind(value)) into Go struct field \(typeName).\(field) of type \(goType)")
    }

    static func jsonKind(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .int, .int64, .float64: "number"
        case .string: "string"
        case .list, .strings: "array"
        default: "object"
        }
    }
}
