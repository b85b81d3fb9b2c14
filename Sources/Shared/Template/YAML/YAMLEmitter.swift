/// A node to emit: what gopkg.in/yaml.v2's encoder turns into emitter events.
indirect enum EmitNode: Sendable {
    enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal }

    case scalar(String, Style)
    case sequence([EmitNode])
    /// Entries in output order.
    case mapping([(key: EmitNode, value: EmitNode)])
}

/// A port of the block-style parts of gopkg.in/yaml.v2 v2.4.0's emitter (`emitterc.go`, itself a
/// port of libyaml's): 2-space indentation, best width 80, unicode output, indentless sequences
/// in mappings, `[]`/`{}` for empty collections, and its scalar analysis, style selection,
/// folding and escaping rules. Only implicit, untagged, unanchored nodes are needed.
struct YAMLEmitter {
    static let bestIndent = 2
    static let bestWidth = 80

    private(set) var output: [UInt8] = []
    var indent = -1
    var indents: [Int] = []
    var column = 0
    var whitespace = true
    var indention = true
    var flowLevel = 0
    var rootContext = false
    var sequenceContext = false
    var mappingContext = false
    var simpleKeyContext = false

    /// `yaml.Marshal`: one implicit document.
    static func document(_ node: EmitNode) -> String {
        var emitter = YAMLEmitter()
        emitter.node(node, root: true, sequence: false, mapping: false, simpleKey: false)
        // Implicit DOCUMENT-END.
        emitter.writeIndent()
        return String(decoding: emitter.output, as: UTF8.self)
    }

    // MARK: - Output primitives

    mutating func put(_ byte: UInt8) {
        output.append(byte)
        column += 1
    }

    mutating func putBreak() {
        output.append(0x0A)
        column = 0
    }

    /// Copies the character starting at `i` (one column, whatever its width).
    mutating func write(_ value: [UInt8], _ i: inout Int) {
        let w = YAMLChars.width(value[i])
        if w == 1 {
            output.append(value[i])
        } else {
            output.append(contentsOf: value[i..<min(i + w, value.count)])
        }
        column += 1
        i += w
    }

    mutating func writeBreak(_ value: [UInt8], _ i: inout Int) {
        if value[i] == 0x0A {
            putBreak()
            i += 1
        } else {
            write(value, &i)
            column = 0
        }
    }

    mutating func increaseIndent(flow: Bool, indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? Self.bestIndent : 0
        } else if !indentless {
            indent += Self.bestIndent
        }
    }

    mutating func popIndent() {
        indent = indents.removeLast()
    }

    mutating func writeIndent() {
        let indent = max(self.indent, 0)
        if !indention || column > indent || (column == indent && !whitespace) {
            putBreak()
        }
        while column < indent { put(0x20) }
        whitespace = true
        indention = true
    }

    mutating func writeIndicator(_ indicator: String, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(0x20) }
        for byte in indicator.utf8 { put(byte) }
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    // MARK: - Nodes

    mutating func node(_ node: EmitNode, root: Bool, sequence: Bool, mapping: Bool, simpleKey: Bool) {
        rootContext = root
        sequenceContext = sequence
        mappingContext = mapping
        simpleKeyContext = simpleKey
        switch node {
        case .scalar(let text, let style):
            let bytes = Array(text.utf8)
            scalar(bytes, analysis: ScalarAnalysis(bytes), requested: style)
        case .sequence(let items):
            if flowLevel > 0 || items.isEmpty {
                flowCollection(open: "[", close: "]")
            } else {
                blockSequence(items)
            }
        case .mapping(let entries):
            if flowLevel > 0 || entries.isEmpty {
                flowCollection(open: "{", close: "}")
            } else {
                blockMapping(entries)
            }
        }
    }

    /// An empty flow collection (the only flow output yaml.v2's encoder produces).
    private mutating func flowCollection(open: String, close: String) {
        writeIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false)
        increaseIndent(flow: true, indentless: false)
        flowLevel += 1
        flowLevel -= 1
        popIndent()
        writeIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    private mutating func blockSequence(_ items: [EmitNode]) {
        increaseIndent(flow: false, indentless: mappingContext && !indention)
        for item in items {
            writeIndent()
            writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
            node(item, root: false, sequence: true, mapping: false, simpleKey: false)
        }
        popIndent()
    }

    private mutating func blockMapping(_ entries: [(key: EmitNode, value: EmitNode)]) {
        increaseIndent(flow: false, indentless: false)
        for (key, value) in entries {
            writeIndent()
            if case .scalar(let text, let style) = key {
                // Keys are scalars here; analyse them once.
                let bytes = Array(text.utf8)
                let analysis = ScalarAnalysis(bytes)
                let simple = !analysis.multiline && bytes.count <= 128
                if !simple {
                    writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
                }
                rootContext = false
                sequenceContext = false
                mappingContext = true
                simpleKeyContext = simple
                scalar(bytes, analysis: analysis, requested: style)
                if simple {
                    writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
                } else {
                    writeIndent()
                    writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
                }
            } else if Self.isSimpleKey(key) {
                node(key, root: false, sequence: false, mapping: true, simpleKey: true)
                writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
            } else {
                writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
                node(key, root: false, sequence: false, mapping: true, simpleKey: false)
                writeIndent()
                writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
            }
            node(value, root: false, sequence: false, mapping: true, simpleKey: false)
        }
        popIndent()
    }

    /// `yaml_emitter_check_simple_key`.
    private static func isSimpleKey(_ key: EmitNode) -> Bool {
        switch key {
        case .scalar(let text, _):
            let bytes = Array(text.utf8)
            return !ScalarAnalysis(bytes).multiline && bytes.count <= 128
        case .sequence(let items): return items.isEmpty
        case .mapping(let entries): return entries.isEmpty
        }
    }
}
