import KFTemplate

/// One validation walk of a value against a ``SchemaNode`` tree, collecting violations.
struct SchemaValidator {
    let definitions: [String: SchemaNode]
    private(set) var violations: [SchemaViolation] = []
    /// Guards against `$ref` cycles that never consume input.
    private var refDepth = 0

    init(definitions: [String: SchemaNode]) {
        self.definitions = definitions
    }

    private mutating func fail(_ path: SchemaPath, _ message: String) {
        violations.append(SchemaViolation(path: path.description, message: message))
    }

    mutating func check(_ value: Value, against node: SchemaNode, at path: SchemaPath) {
        if let always = node.always {
            if !always { fail(path, "not allowed here") }
            return
        }
        if let ref = node.ref, let target = definitions[ref] {
            guard refDepth < 64 else { return fail(path, "schema reference \(ref) nests too deeply") }
            refDepth += 1
            check(value, against: target, at: path)
            refDepth -= 1
        }
        let actual = SchemaType.of(value)
        if !node.types.isEmpty {
            guard let actual, node.types.contains(where: { $0.accepts(actual) }) else {
                let expected = node.types.map(\.rawValue).joined(separator: " or ")
                return fail(path, "expected \(expected), got \(actual?.rawValue ?? "an unsupported value")")
            }
        }
        if let enumValues = node.enumValues, !enumValues.contains(where: { $0.schemaEquals(value) }) {
            fail(path, "must be one of \(enumValues.map(\.schemaDescription).joined(separator: ", ")), got \(value.schemaDescription)")
        }
        if let constValue = node.constValue, !constValue.schemaEquals(value) {
            fail(path, "must be \(constValue.schemaDescription), got \(value.schemaDescription)")
        }
        if let n = value.schemaNumber { checkNumber(n, node, path) }
        if case .string(let s) = value { checkString(s, node, path) }
        if let items = value.schemaItems { checkArray(items, node, path) }
        if case .map(let map) = value { checkObject(map, node, path) }
        checkCombinators(value, node, path)
    }

    private mutating func checkNumber(_ n: Double, _ node: SchemaNode, _ path: SchemaPath) {
        let shown = Value.float64(n).schemaDescription
        if let min = node.minimum, n < min { fail(path, "must be >= \(Value.float64(min).schemaDescription), got \(shown)") }
        if let max = node.maximum, n > max { fail(path, "must be <= \(Value.float64(max).schemaDescription), got \(shown)") }
        if let min = node.exclusiveMinimum, n <= min { fail(path, "must be > \(Value.float64(min).schemaDescription), got \(shown)") }
        if let max = node.exclusiveMaximum, n >= max { fail(path, "must be < \(Value.float64(max).schemaDescription), got \(shown)") }
    }

    private mutating func checkString(_ s: String, _ node: SchemaNode, _ path: SchemaPath) {
        let length = s.unicodeScalars.count
        if let min = node.minLength, length < min { fail(path, "must be at least \(min) characters long, got \"\(s)\"") }
        if let max = node.maxLength, length > max { fail(path, "must be at most \(max) characters long, got \"\(s)\"") }
        if let pattern = node.pattern, let regex = try? Regex(pattern), !s.contains(regex) {
            fail(path, "must match the pattern \(pattern), got \"\(s)\"")
        }
    }

    private mutating func checkArray(_ items: [Value], _ node: SchemaNode, _ path: SchemaPath) {
        if let min = node.minItems, items.count < min { fail(path, "must have at least \(min) items, got \(items.count)") }
        if let max = node.maxItems, items.count > max { fail(path, "must have at most \(max) items, got \(items.count)") }
        if node.uniqueItems {
            for (i, item) in items.enumerated() where items[..<i].contains(where: { $0.schemaEquals(item) }) {
                fail(path.index(i), "duplicates an earlier item")
            }
        }
        if let itemSchema = node.items {
            for (i, item) in items.enumerated() { check(item, against: itemSchema, at: path.index(i)) }
        }
    }

    private mutating func checkObject(_ map: GoMap, _ node: SchemaNode, _ path: SchemaPath) {
        let entries = map.sortedEntries
        if let min = node.minProperties, entries.count < min { fail(path, "must have at least \(min) keys, got \(entries.count)") }
        for key in node.required where map[key] == nil {
            fail(path.key(key), "required key missing")
        }
        for (key, value) in entries {
            if let names = node.propertyNames { check(.string(key), against: names, at: path.key(key)) }
            if let propertySchema = node.properties[key] {
                check(value, against: propertySchema, at: path.key(key))
            } else if let extra = node.additionalProperties {
                if extra.always == false {
                    let allowed = node.properties.keys.sorted(by: goLess).joined(separator: ", ")
                    fail(path.key(key), allowed.isEmpty ? "unknown key" : "unknown key (allowed: \(allowed))")
                } else {
                    check(value, against: extra, at: path.key(key))
                }
            }
        }
    }

    private mutating func checkCombinators(_ value: Value, _ node: SchemaNode, _ path: SchemaPath) {
        for sub in node.allOf { check(value, against: sub, at: path) }
        if !node.anyOf.isEmpty {
            let results = node.anyOf.map { trial(value, $0, path) }
            if !results.contains(where: \.isEmpty) { adoptClosest(results, path) }
        }
        if !node.oneOf.isEmpty {
            let results = node.oneOf.map { trial(value, $0, path) }
            let matches = results.filter(\.isEmpty).count
            if matches == 0 { adoptClosest(results, path) }
            if matches > 1 { fail(path, "matches more than one of the allowed forms (oneOf)") }
        }
        if let not = node.not, trial(value, not, path).isEmpty {
            fail(path, "must not match the excluded form (not)")
        }
    }

    /// The violations `value` would have against `node`, without recording them.
    private func trial(_ value: Value, _ node: SchemaNode, _ path: SchemaPath) -> [SchemaViolation] {
        var inner = SchemaValidator(definitions: definitions)
        inner.refDepth = refDepth
        inner.check(value, against: node, at: path)
        return inner.violations
    }

    /// When no alternative matches, report the one that came closest: among the alternatives
    /// whose type fit, the one with violations deepest in the value, then the fewest; when none
    /// fit the type, one message listing what each alternative expected.
    private mutating func adoptClosest(_ results: [[SchemaViolation]], _ path: SchemaPath) {
        let here = path.description
        func typeMismatch(_ found: [SchemaViolation]) -> Bool {
            found.allSatisfy { $0.path == here && $0.message.hasPrefix("expected ") }
        }
        let fitting = results.filter { !typeMismatch($0) }
        guard !fitting.isEmpty else {
            let expected = results.compactMap { $0.first?.message }
            return fail(path, expected.count == 1 ? expected[0] : "matches none of the allowed forms: " + expected.joined(separator: "; or "))
        }
        let best = fitting.min { a, b in
            let aShallow = a.contains { $0.path == here }, bShallow = b.contains { $0.path == here }
            return aShallow != bShallow ? !aShallow : a.count < b.count
        }
        violations.append(contentsOf: best ?? [])
    }
}
