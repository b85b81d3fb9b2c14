import KFTemplate

extension SchemaNode {
    /// Keywords that only annotate a schema; they are accepted and ignored.
    static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "definitions", "$defs",
        "readOnly", "writeOnly", "format",
    ]

    /// Parses a schema object (or boolean) found at `location` (a JSON pointer, for errors).
    /// Unknown keywords are errors, so a misspelt keyword never silently disables a check.
    static func parse(_ value: Value, at location: String) throws(ChartError) -> SchemaNode {
        switch value {
        case .bool(let b): return SchemaNode(always: b)
        case .map(let map): return try parseObject(map.dictionary, at: location)
        default: throw invalid(location, "a schema must be an object or a boolean")
        }
    }

    private static func parseObject(_ o: [String: Value], at location: String) throws(ChartError) -> SchemaNode {
        let supported: Set<String> = [
            "type", "properties", "additionalProperties", "propertyNames", "required", "enum", "const",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
            "items", "minItems", "maxItems", "uniqueItems", "minProperties", "oneOf", "anyOf", "allOf", "not", "$ref",
        ]
        for key in o.keys.sorted() where !supported.contains(key) && !annotations.contains(key) {
            throw invalid(location, "unsupported keyword \"\(key)\"")
        }
        func sub(_ key: String) throws(ChartError) -> SchemaNode? {
            guard let v = o[key] else { return nil }
            return try parse(v, at: location + "/" + key)
        }
        func subs(_ key: String) throws(ChartError) -> [SchemaNode] {
            guard let v = o[key] else { return [] }
            guard let list = v.schemaItems, !list.isEmpty else { throw invalid(location + "/" + key, "must be a non-empty array of schemas") }
            var nodes: [SchemaNode] = []
            for (i, item) in list.enumerated() { nodes.append(try parse(item, at: location + "/\(key)/\(i)")) }
            return nodes
        }
        func number(_ key: String) throws(ChartError) -> Double? {
            guard let v = o[key] else { return nil }
            guard let n = v.schemaNumber else { throw invalid(location + "/" + key, "must be a number") }
            return n
        }
        func count(_ key: String) throws(ChartError) -> Int? {
            guard let n = try number(key) else { return nil }
            guard n >= 0, n == n.rounded(), n < 1e15 else { throw invalid(location + "/" + key, "must be a non-negative integer") }
            return Int(n)
        }

        var properties: [String: SchemaNode] = [:]
        if let p = o["properties"] {
            guard case .map(let map) = p else { throw invalid(location + "/properties", "must be an object") }
            for (key, v) in map.dictionary { properties[key] = try parse(v, at: location + "/properties/" + key) }
        }
        var required: [String] = []
        if let r = o["required"] {
            guard let list = r.schemaItems else { throw invalid(location + "/required", "must be an array of strings") }
            for item in list {
                guard case .string(let s) = item else { throw invalid(location + "/required", "must be an array of strings") }
                required.append(s)
            }
        }
        var enumValues: [Value]?
        if let e = o["enum"] {
            guard let list = e.schemaItems else { throw invalid(location + "/enum", "must be an array") }
            enumValues = list
        }
        var pattern: String?
        if let p = o["pattern"] {
            guard case .string(let s) = p else { throw invalid(location + "/pattern", "must be a string") }
            guard (try? Regex(s)) != nil else { throw invalid(location + "/pattern", "invalid regular expression \(s)") }
            pattern = s
        }
        var ref: String?
        if let r = o["$ref"] {
            guard case .string(let s) = r else { throw invalid(location + "/$ref", "must be a string") }
            ref = s
        }
        var uniqueItems = false
        if let u = o["uniqueItems"] {
            guard case .bool(let b) = u else { throw invalid(location + "/uniqueItems", "must be a boolean") }
            uniqueItems = b
        }
        return SchemaNode(
            types: try parseTypes(o["type"], at: location + "/type"),
            properties: properties,
            additionalProperties: try sub("additionalProperties"),
            propertyNames: try sub("propertyNames"),
            required: required,
            enumValues: enumValues,
            constValue: o["const"],
            minimum: try number("minimum"), maximum: try number("maximum"),
            exclusiveMinimum: try number("exclusiveMinimum"), exclusiveMaximum: try number("exclusiveMaximum"),
            minLength: try count("minLength"), maxLength: try count("maxLength"), pattern: pattern,
            items: try sub("items"), minItems: try count("minItems"), maxItems: try count("maxItems"),
            uniqueItems: uniqueItems, minProperties: try count("minProperties"),
            oneOf: try subs("oneOf"), anyOf: try subs("anyOf"), allOf: try subs("allOf"), not: try sub("not"),
            ref: ref
        )
    }

    private static func parseTypes(_ value: Value?, at location: String) throws(ChartError) -> [SchemaType] {
        guard let value else { return [] }
        let names: [Value]
        if case .string = value { names = [value] } else if let list = value.schemaItems { names = list } else {
            throw invalid(location, "must be a type name or an array of type names")
        }
        var types: [SchemaType] = []
        for name in names {
            guard case .string(let s) = name, let t = SchemaType(rawValue: s) else {
                throw invalid(location, "unknown type \(name.schemaDescription)")
            }
            types.append(t)
        }
        return types
    }

    static func invalid(_ location: String, _ message: String) -> ChartError {
        ChartError(.invalidChart, "values.schema.json: invalid schema at \(location.isEmpty ? "#" : "#" + location): \(message)")
    }
}
