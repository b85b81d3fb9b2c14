/// yaml.v2 decoding into `map[string]interface{}` and `[]interface{}` targets (KubeFATE's
/// `fromYaml`/`fromYamlArray`, which call yaml.v2 directly).
extension YAMLDecoder {
    /// yaml.v2's collected type errors (`*yaml.TypeError`).
    private struct TypeErrors {
        var messages: [String] = []

        var error: CodecError? {
            guard !messages.isEmpty else { return nil }
            return CodecError(.yamlDecode, "yaml: unmarshal errors:\n  " + messages.joined(separator: "\n  "))
        }
    }

    /// `yaml.Unmarshal(text, &m)` with `m map[string]interface{}`.
    static func decodeStringMap(_ text: String) throws(CodecError) -> [String: GoYAML] {
        let composer = YAMLComposer(text)
        let tree = try composer.firstDocument()
        guard let root = tree.root else { return [:] }
        var decoder = YAMLDecoder(tree)
        var errors = TypeErrors()
        var map: [String: GoYAML] = [:]
        try decoder.stringMap(root, into: &map, errors: &errors)
        if let error = errors.error { throw error }
        return map
    }

    /// `yaml.Unmarshal(text, &a)` with `a []interface{}`.
    static func decodeList(_ text: String) throws(CodecError) -> [GoYAML] {
        let composer = YAMLComposer(text)
        let tree = try composer.firstDocument()
        guard let root = tree.root else { return [] }
        var decoder = YAMLDecoder(tree)
        let target = try decoder.resolveAliases(root)
        let node = tree[target]
        switch node.kind {
        case .sequence:
            guard case .list(let items) = try decoder.value(target) else { return [] }
            return items
        case .scalar:
            if case .null = try decoder.scalar(node) { return [] }
            throw TypeErrors(messages: [try decoder.typeError(node, "[]interface {}")]).error!
        case .mapping, .alias:
            throw TypeErrors(messages: [try decoder.typeError(node, "[]interface {}")]).error!
        }
    }

    /// Follows aliases from `index` to the anchored node, counting as yaml.v2 does.
    private mutating func resolveAliases(_ index: Int) throws(CodecError) -> Int {
        var current = index
        var seen: Set<Int> = []
        while tree[current].kind == .alias {
            guard seen.insert(current).inserted else {
                throw CodecError(.yamlDecode, "yaml: anchor '\(tree[current].value)' value contains itself")
            }
            current = tree[current].target
        }
        return current
    }

    /// `d.terror(n, tag, out)`: `line N: cannot unmarshal !!tag `value` into type`.
    private func typeError(_ node: YAMLNode, _ type: String) throws(CodecError) -> String {
        var tag: String
        switch node.kind {
        case .sequence: tag = "tag:yaml.org,2002:seq"
        case .mapping: tag = "tag:yaml.org,2002:map"
        case .scalar, .alias:
            tag = node.tag.isEmpty && !node.implicit
                ? YAMLResolver.strTag : try YAMLResolver.resolve(tag: node.tag, node.value).tag
        }
        if !node.tag.isEmpty { tag = node.tag }
        var value = ""
        if node.kind == .scalar {
            let bytes = Array(node.value.utf8)
            value = bytes.count > 10
                ? " `" + String(decoding: bytes[..<7], as: UTF8.self) + "...`"
                : " `" + node.value + "`"
        }
        return "line \(node.line + 1): cannot unmarshal \(YAMLResolver.shortTag(tag))\(value) into \(type)"
    }

    private mutating func stringMap(
        _ index: Int, into map: inout [String: GoYAML], errors: inout TypeErrors
    ) throws(CodecError) {
        let target = try resolveAliases(index)
        let node = tree[target]
        switch node.kind {
        case .mapping:
            var i = 0
            while i + 1 < node.children.count {
                defer { i += 2 }
                let keyIndex = node.children[i], valueIndex = node.children[i + 1]
                if isMergeKey(keyIndex) {
                    try mergeStrings(valueIndex, into: &map, errors: &errors)
                    continue
                }
                guard let key = try stringKey(keyIndex, errors: &errors) else { continue }
                map[key] = try value(valueIndex)
            }
        case .scalar:
            if case .null = try scalar(node) {
                map = [:]
                return
            }
            errors.messages.append(try typeError(node, "map[string]interface {}"))
        case .sequence, .alias:
            errors.messages.append(try typeError(node, "map[string]interface {}"))
        }
    }

    private func isMergeKey(_ index: Int) -> Bool {
        let node = tree[index]
        return node.kind == .scalar && node.value == "<<" && (node.implicit || node.tag == YAMLResolver.mergeTag)
    }

    private mutating func mergeStrings(
        _ index: Int, into map: inout [String: GoYAML], errors: inout TypeErrors
    ) throws(CodecError) {
        let node = tree[index]
        let wantMap = CodecError(.yamlDecode, "yaml: map merge requires map or sequence of maps as the value")
        switch node.kind {
        case .mapping:
            try stringMap(index, into: &map, errors: &errors)
        case .alias:
            guard tree[node.target].kind == .mapping else { throw wantMap }
            try stringMap(index, into: &map, errors: &errors)
        case .sequence:
            for child in node.children.reversed() {
                let item = tree[child]
                let kind = item.kind == .alias ? tree[item.target].kind : item.kind
                guard kind == .mapping else { throw wantMap }
                try stringMap(child, into: &map, errors: &errors)
            }
        case .scalar:
            throw wantMap
        }
    }

    /// A key decoded into a Go `string`: the raw scalar text ("" for null), or nil (with a
    /// type error recorded) for collections.
    private mutating func stringKey(_ index: Int, errors: inout TypeErrors) throws(CodecError) -> String? {
        let target = try resolveAliases(index)
        let node = tree[target]
        guard node.kind == .scalar else {
            errors.messages.append(try typeError(node, "string"))
            return nil
        }
        if node.tag.isEmpty && !node.implicit { return node.value }
        let resolved = try scalar(node)
        if case .null = resolved { return "" }
        if YAMLResolver.shortTag(node.tag) == "!!binary", case .string(let s) = resolved { return s }
        return node.value
    }
}
