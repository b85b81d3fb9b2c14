import KFTemplate

/// A chart's `values.schema.json`: a JSON Schema (a draft-07 subset) that values must meet.
///
/// Supported keywords: `type` (one or a list), `properties`, `additionalProperties` (boolean or
/// schema), `propertyNames`, `required`, `enum`, `const`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`, `pattern`, `items`,
/// `minItems`, `maxItems`, `uniqueItems`, `minProperties`, `oneOf`, `anyOf`, `allOf`, `not`, and
/// `$ref` to `#/definitions/<name>` or `#/$defs/<name>`. Annotations (`title`, `description`,
/// `default`, …) are ignored; any other keyword is rejected when the schema is loaded.
///
/// ```swift
/// let schema = try ValuesSchema(json: text)
/// for violation in schema.validate(values) { print(violation) }  // rollsite.nodePort: expected integer, got string
/// ```
public struct ValuesSchema: Sendable {
    /// The file name a chart carries its schema under.
    public static let fileName = "values.schema.json"

    let root: SchemaNode
    let definitions: [String: SchemaNode]

    /// Parses a schema document.
    ///
    /// - Throws: `ChartError.invalidChart` naming the JSON pointer of a malformed part.
    public init(json: String) throws(ChartError) {
        let document: Value
        do {
            document = try JSON.decode(json)
        } catch {
            throw ChartError(.invalidChart, "values.schema.json: \(error.message)")
        }
        root = try SchemaNode.parse(document, at: "")
        var definitions: [String: SchemaNode] = [:]
        if case .map(let map) = document {
            for section in ["definitions", "$defs"] {
                guard let defs = map[section] else { continue }
                guard case .map(let entries) = defs else { throw SchemaNode.invalid("/" + section, "must be an object") }
                for (name, value) in entries.dictionary {
                    definitions["#/\(section)/\(name)"] = try SchemaNode.parse(value, at: "/\(section)/\(name)")
                }
            }
        }
        self.definitions = definitions
        try checkReferences(root, at: "")
        for (name, node) in definitions { try checkReferences(node, at: String(name.dropFirst())) }
    }

    /// Every violation of the schema by `value` (empty when it conforms), in document order of
    /// the schema's properties (sorted keys) so messages are stable.
    public func validate(_ value: Value) -> [SchemaViolation] {
        var validator = SchemaValidator(definitions: definitions)
        validator.check(value, against: root, at: .root)
        return validator.violations
    }

    /// Throws when `value` breaks the schema, with every violation on its own line as
    /// `values.schema.json: <path>: <message>`.
    public func enforce(_ value: Value) throws(ChartError) {
        let violations = validate(value)
        guard !violations.isEmpty else { return }
        throw ChartError(.values, violations.map { "\(Self.fileName): \($0)" }.joined(separator: "\n"))
    }

    private func checkReferences(_ node: SchemaNode, at location: String) throws(ChartError) {
        if let ref = node.ref, definitions[ref] == nil {
            throw SchemaNode.invalid(location + "/$ref", "unresolved reference \(ref)")
        }
        var children: [(String, SchemaNode)] = node.properties.map { ("/properties/" + $0.key, $0.value) }
        if let n = node.additionalProperties { children.append(("/additionalProperties", n)) }
        if let n = node.propertyNames { children.append(("/propertyNames", n)) }
        if let n = node.items { children.append(("/items", n)) }
        if let n = node.not { children.append(("/not", n)) }
        for (key, list) in [("oneOf", node.oneOf), ("anyOf", node.anyOf), ("allOf", node.allOf)] {
            for (i, n) in list.enumerated() { children.append(("/\(key)/\(i)", n)) }
        }
        for (path, child) in children { try checkReferences(child, at: location + path) }
    }
}

extension Chart {
    /// The chart's `values.schema.json`, parsed; nil when the chart has none.
    public func valuesSchema() throws(ChartError) -> ValuesSchema? {
        guard let schema else { return nil }
        return try ValuesSchema(json: String(decoding: schema, as: UTF8.self))
    }

    /// The schema violations of the values a cluster spec produces: KubeFATE's values step, the
    /// output parsed and coalesced over `values.yaml`, then checked as Helm checks it before
    /// rendering. Empty when the chart has no schema or the values conform.
    ///
    /// - Throws: `ChartError` from the values step, the values YAML or a malformed schema.
    public func schemaViolations(for spec: ClusterSpec) throws(ChartError) -> [SchemaViolation] {
        guard let schema = try valuesSchema() else { return [] }
        let valuesYAML = try ValuesStep.render(chart: self, spec: spec)
        let user = try ChartYAML.decodeValues(valuesYAML)
        return schema.validate(.map(Coalesce.values(user, over: values)))
    }

    /// Helm's schema check (`chartutil.ValidateAgainstSchema`) on coalesced values: throws
    /// `ChartError.values` listing every violation when the chart has a schema they break.
    public func enforceSchema(on values: GoMap) throws(ChartError) {
        try valuesSchema()?.enforce(.map(values))
    }
}
