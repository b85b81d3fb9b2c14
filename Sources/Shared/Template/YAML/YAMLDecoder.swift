/// gopkg.in/yaml.v2's `decoder` for `interface{}` targets: walks a composed tree, resolves
/// scalars, applies merge keys and expands aliases with yaml.v2's excessive-aliasing guard.
struct YAMLDecoder {
    let tree: YAMLTree
    private var decodeCount = 0
    private var aliasCount = 0
    private var aliasDepth = 0
    private var activeAliases: Set<Int> = []

    init(_ tree: YAMLTree) {
        self.tree = tree
    }

    /// `yaml.Unmarshal(text, &v)` with `v interface{}`; nil for an empty document.
    static func decode(_ text: String) throws(CodecError) -> GoYAML? {
        let composer = YAMLComposer(text)
        let tree = try composer.firstDocument()
        guard let root = tree.root else { return nil }
        var decoder = YAMLDecoder(tree)
        return try decoder.value(root)
    }

    /// `d.unmarshal(n, out)` for an `interface{}` out.
    mutating func value(_ index: Int) throws(CodecError) -> GoYAML {
        try count()
        let node = tree[index]
        switch node.kind {
        case .alias:
            return try alias(index) { (decoder: inout YAMLDecoder, target: Int) throws(CodecError) in
                try decoder.value(target)
            }
        case .scalar:
            return try scalar(node)
        case .sequence:
            var items: [GoYAML] = []
            items.reserveCapacity(node.children.count)
            for child in node.children { items.append(try value(child)) }
            return .list(items)
        case .mapping:
            var map: [GoYAMLKey: GoYAML] = [:]
            try mapping(node, into: &map)
            return .map(map)
        }
    }

    private mutating func count() throws(CodecError) {
        decodeCount += 1
        if aliasDepth > 0 { aliasCount += 1 }
        if aliasCount > 100, decodeCount > 1000,
           Double(aliasCount) / Double(decodeCount) > Self.allowedAliasRatio(decodeCount) {
            throw CodecError(.yamlDecode, "yaml: document contains excessive aliasing")
        }
    }

    private static func allowedAliasRatio(_ decodeCount: Int) -> Double {
        let low = 400_000, high = 4_000_000
        if decodeCount <= low { return 0.99 }
        if decodeCount >= high { return 0.10 }
        return 0.99 - 0.89 * (Double(decodeCount - low) / Double(high - low))
    }

    private mutating func alias<T>(
        _ index: Int, _ body: (inout YAMLDecoder, Int) throws(CodecError) -> T
    ) throws(CodecError) -> T {
        let node = tree[index]
        guard !activeAliases.contains(index) else {
            throw CodecError(.yamlDecode, "yaml: anchor '\(node.value)' value contains itself",
                             line: node.line + 1, column: node.column + 1)
        }
        activeAliases.insert(index)
        aliasDepth += 1
        defer {
            aliasDepth -= 1
            activeAliases.remove(index)
        }
        return try body(&self, node.target)
    }

    /// `d.scalar(n, out)` for an `interface{}` out.
    func scalar(_ node: YAMLNode) throws(CodecError) -> GoYAML {
        if node.tag.isEmpty && !node.implicit { return .string(node.value) }
        let (tag, resolved) = try YAMLResolver.resolve(tag: node.tag, node.value)
        if tag == YAMLResolver.binaryTag {
            guard case .string(let encoded) = resolved, let data = Base64.decode(encoded) else {
                throw CodecError(.yamlDecode, "yaml: !!binary value contains invalid base64 data")
            }
            return .string(String(decoding: data, as: UTF8.self))
        }
        if tag == YAMLResolver.timestampTag { return .string(node.value) }
        return resolved
    }

    private func isMerge(_ index: Int) -> Bool {
        let node = tree[index]
        return node.kind == .scalar && node.value == "<<" && (node.implicit || node.tag == YAMLResolver.mergeTag)
    }

    /// `d.mapping(n, out)` adding to an existing map (also used for merges).
    private mutating func mapping(_ node: YAMLNode, into map: inout [GoYAMLKey: GoYAML]) throws(CodecError) {
        var i = 0
        let children = node.children
        while i + 1 < children.count {
            defer { i += 2 }
            if isMerge(children[i]) {
                try merge(children[i + 1], into: &map)
                continue
            }
            let keyValue = try value(children[i])
            guard let key = keyValue.key else {
                let keyNode = tree[children[i]]
                throw CodecError(.yamlDecode, "yaml: invalid map key: \(keyValue.goSyntax)",
                                 line: keyNode.line + 1, column: keyNode.column + 1)
            }
            map[key] = try value(children[i + 1])
        }
    }

    /// Unmarshal node `index` into an existing map (`d.unmarshal(n, out)` with a map `out`).
    private mutating func unmarshal(_ index: Int, into map: inout [GoYAMLKey: GoYAML]) throws(CodecError) {
        try count()
        let node = tree[index]
        switch node.kind {
        case .alias:
            try alias(index) { (decoder: inout YAMLDecoder, target: Int) throws(CodecError) in
                try decoder.unmarshal(target, into: &map)
            }
        case .mapping:
            try mapping(node, into: &map)
        case .scalar, .sequence:
            // Unreachable through merge(), which checks kinds first.
            throw Self.wantMap(node)
        }
    }

    private mutating func merge(_ index: Int, into map: inout [GoYAMLKey: GoYAML]) throws(CodecError) {
        let node = tree[index]
        switch node.kind {
        case .mapping:
            try unmarshal(index, into: &map)
        case .alias:
            guard tree[node.target].kind == .mapping else { throw Self.wantMap(node) }
            try unmarshal(index, into: &map)
        case .sequence:
            for child in node.children.reversed() {
                let item = tree[child]
                if item.kind == .alias {
                    guard tree[item.target].kind == .mapping else { throw Self.wantMap(item) }
                } else if item.kind != .mapping {
                    throw Self.wantMap(item)
                }
                try unmarshal(child, into: &map)
            }
        case .scalar:
            throw Self.wantMap(node)
        }
    }

    private static func wantMap(_ node: YAMLNode) -> CodecError {
        CodecError(.yamlDecode, "yaml: map merge requires map or sequence of maps as the value",
                   line: node.line + 1, column: node.column + 1)
    }
}
