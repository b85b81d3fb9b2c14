import CLibYAML

/// Builds `YAMLTree`s from libyaml's event stream, as gopkg.in/yaml.v2's `parser` does.
final class YAMLComposer {
    /// libyaml stores pointers to the parser inside itself, so it needs a stable address.
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    /// libyaml keeps a pointer to the input, so it lives in memory this composer owns.
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var anchors: [String: Int] = [:]
    private var tree = YAMLTree()
    private var pending: yaml_event_t?
    private var started = false
    /// Open collections. yaml.v2 stops at 10000 nested flow collections or indentation levels
    /// (`exceeded max depth of 10000`) and libyaml has no limit; the composer stops at
    /// ``CodecLimits/maxDepth`` with yaml.v2's wording.
    private var depth = 0
    private static let maxDepth = CodecLimits.maxDepth

    init(_ text: String) {
        // yaml.v2 replaces an empty input by a single line break.
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x0A] }
        input = .allocate(capacity: bytes.count)
        _ = input.initialize(from: bytes)
        parser.initialize(to: yaml_parser_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_input(parser, yamlComposerRead, Unmanaged.passUnretained(self).toOpaque())
    }

    /// yaml.v2 reads its input into a 512-byte raw buffer, so it notices invalid characters only
    /// when the scanner gets near them; feeding libyaml the same amounts keeps which error wins
    /// (and whether text after the first document is looked at) the same.
    private static let rawBufferSize = 512
    private var position = 0

    fileprivate func read(_ buffer: UnsafeMutablePointer<UInt8>, _ size: Int) -> Int {
        let raw = parser.pointee.raw_buffer
        let pending = raw.last.map { last in raw.start.map { last - $0 } ?? 0 } ?? 0
        var count = min(size, input.count - position, Self.rawBufferSize - pending)
        if count <= 0 { count = min(size, input.count - position, 1) }
        guard count > 0 else { return 0 }
        buffer.update(from: input.baseAddress! + position, count: count)
        position += count
        return count
    }

    deinit {
        if var event = pending { yaml_event_delete(&event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The first document of the stream (what `yaml.Unmarshal` reads); the rest is not parsed.
    func firstDocument() throws(CodecError) -> YAMLTree {
        try start()
        if try peek() == YAML_STREAM_END_EVENT { return YAMLTree() }
        return try document()
    }

    /// Every document of the stream.
    func allDocuments() throws(CodecError) -> [YAMLTree] {
        try start()
        var documents: [YAMLTree] = []
        while try peek() != YAML_STREAM_END_EVENT {
            documents.append(try document())
        }
        return documents
    }

    // MARK: - Events

    private func start() throws(CodecError) {
        guard !started else { return }
        started = true
        try expect(YAML_STREAM_START_EVENT)
    }

    private func peek() throws(CodecError) -> yaml_event_type_t {
        if let event = pending { return event.type }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else { throw failure() }
        pending = event
        return event.type
    }

    private func take() throws(CodecError) -> yaml_event_t {
        _ = try peek()
        let event = pending!
        pending = nil
        return event
    }

    private func expect(_ type: yaml_event_type_t) throws(CodecError) {
        var event = try take()
        let actual = event.type
        yaml_event_delete(&event)
        guard actual == type else {
            throw CodecError(.yamlSyntax, "yaml: expected \(type.rawValue) event but got \(actual.rawValue)")
        }
    }

    /// yaml.v2's `parser.fail()`: scanner errors report a 1-based line, parser errors the
    /// 0-based line of the problem mark, and no line at all when that is 0.
    private func failure() -> CodecError {
        var line = 0
        if parser.pointee.problem_mark.line != 0 {
            line = parser.pointee.problem_mark.line
            if parser.pointee.error == YAML_SCANNER_ERROR { line += 1 }
        } else if parser.pointee.context_mark.line != 0 {
            line = parser.pointee.context_mark.line
        }
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? ""
        let text = problem.isEmpty ? "unknown problem parsing YAML content" : problem
        let mark = parser.pointee.problem_mark.line != 0 || parser.pointee.context_mark.line == 0 ? parser.pointee.problem_mark : parser.pointee.context_mark
        return CodecError(
            .yamlSyntax, line != 0 ? "yaml: line \(line): \(text)" : "yaml: \(text)",
            line: mark.line + 1, column: mark.column + 1)
    }

    // MARK: - Nodes

    private func document() throws(CodecError) -> YAMLTree {
        anchors = [:]
        tree = YAMLTree()
        try expect(YAML_DOCUMENT_START_EVENT)
        tree.root = try node()
        try expect(YAML_DOCUMENT_END_EVENT)
        return tree
    }

    private func node() throws(CodecError) -> Int {
        var event = try take()
        defer { yaml_event_delete(&event) }
        let index = tree.nodes.count
        var node = YAMLNode(
            kind: .scalar, tag: "", value: "", implicit: false,
            line: event.start_mark.line, column: event.start_mark.column, children: [], target: -1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            node.value = Self.string(scalar.value, length: scalar.length)
            node.tag = Self.string(scalar.tag)
            node.implicit = scalar.plain_implicit != 0
            if scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE, node.value.utf8.contains(UInt8(ascii: "/")) {
                try rejectSlashEscape(from: event.start_mark, to: event.end_mark)
            }
            if scalar.style == YAML_PLAIN_SCALAR_STYLE, let closer = flowClosers.last ?? nil,
               node.value.utf8.contains(UInt8(ascii: "?")) {
                try rejectQuestionMark(from: event.start_mark, to: event.end_mark, closer: closer)
            }
            tree.nodes.append(node)
            register(Self.string(scalar.anchor), index)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor)
            guard let target = anchors[name] else {
                throw CodecError(.yamlDecode, "yaml: unknown anchor '\(name)' referenced",
                                 line: node.line + 1, column: node.column + 1)
            }
            node.kind = .alias
            node.value = name
            node.target = target
            tree.nodes.append(node)
        case YAML_SEQUENCE_START_EVENT:
            try enter(node)
            flowClosers.append(event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ? UInt8(ascii: "]") : nil)
            defer {
                depth -= 1
                flowClosers.removeLast()
            }
            node.kind = .sequence
            node.tag = Self.string(event.data.sequence_start.tag)
            tree.nodes.append(node)
            register(Self.string(event.data.sequence_start.anchor), index)
            var children: [Int] = []
            while try peek() != YAML_SEQUENCE_END_EVENT {
                children.append(try self.node())
            }
            try expect(YAML_SEQUENCE_END_EVENT)
            tree.nodes[index].children = children
        case YAML_MAPPING_START_EVENT:
            try enter(node)
            flowClosers.append(event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE ? UInt8(ascii: "}") : nil)
            defer {
                depth -= 1
                flowClosers.removeLast()
            }
            node.kind = .mapping
            node.tag = Self.string(event.data.mapping_start.tag)
            tree.nodes.append(node)
            register(Self.string(event.data.mapping_start.anchor), index)
            var children: [Int] = []
            while try peek() != YAML_MAPPING_END_EVENT {
                children.append(try self.node())
                children.append(try self.node())
            }
            try expect(YAML_MAPPING_END_EVENT)
            tree.nodes[index].children = children
        default:
            throw CodecError(.yamlSyntax, "yaml: attempted to parse unknown event: \(event.type)")
        }
        return index
    }

    /// For each open collection, its closing bracket when it is a flow collection.
    private var flowClosers: [UInt8?] = []

    /// yaml.v2's scanner ends a plain scalar at `?` inside flow collections and reads the `?` as
    /// a key indicator, so the parser fails; libyaml 0.2.5 keeps the `?` in the scalar.
    private func rejectQuestionMark(from start: yaml_mark_t, to end: yaml_mark_t, closer: UInt8) throws(CodecError) {
        let lower = byteOffset(ofScalar: start.index)
        let upper = min(byteOffset(ofScalar: end.index), input.count)
        var line = start.line
        var i = lower
        while i < upper {
            switch input[i] {
            case UInt8(ascii: "?"):
                let text = "did not find expected ',' or '\(Character(Unicode.Scalar(closer)))'"
                throw CodecError(.yamlSyntax, line != 0 ? "yaml: line \(line): \(text)" : "yaml: \(text)",
                                 line: line + 1)
            case 0x0D:
                line += 1
                if i + 1 < upper, input[i + 1] == 0x0A { i += 1 }
            case 0x0A:
                line += 1
            default:
                break
            }
            i += 1
        }
    }

    /// Scalar index → byte offset cursor for `byteOffset(ofScalar:)` (events arrive in order).
    private var cursor = (scalar: 0, byte: 0)

    /// The byte offset of the `index`-th Unicode scalar of the input (libyaml's `mark.index`).
    private func byteOffset(ofScalar index: Int) -> Int {
        if index < cursor.scalar { cursor = (0, 0) }
        var (scalar, byte) = cursor
        while scalar < index && byte < input.count {
            byte += 1
            while byte < input.count && input[byte] & 0xC0 == 0x80 { byte += 1 }
            scalar += 1
        }
        cursor = (scalar, byte)
        return byte
    }

    /// libyaml 0.2.5 accepts the YAML 1.2 escape `\/` in double-quoted scalars; yaml.v2 fails
    /// with a scanner error at the backslash.
    private func rejectSlashEscape(from start: yaml_mark_t, to end: yaml_mark_t) throws(CodecError) {
        let lower = byteOffset(ofScalar: start.index)
        let upper = min(byteOffset(ofScalar: end.index), input.count)
        var i = lower + 1
        var breaks = 0
        while i < upper {
            switch input[i] {
            case UInt8(ascii: "\\"):
                if i + 1 < upper, input[i + 1] == UInt8(ascii: "/") {
                    let line = start.line + breaks
                    let text = "found unknown escape character"
                    throw CodecError(.yamlSyntax, line != 0 ? "yaml: line \(line + 1): \(text)" : "yaml: \(text)",
                                     line: line + 1)
                }
                i += 2
                continue
            case 0x0D:
                breaks += 1
                if i + 1 < upper, input[i + 1] == 0x0A { i += 1 }
            case 0x0A:
                breaks += 1
            case 0xC2 where i + 1 < upper && input[i + 1] == 0x85:
                breaks += 1
            case 0xE2 where i + 2 < upper && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9):
                breaks += 1
            default:
                break
            }
            i += 1
        }
    }

    private func enter(_ node: YAMLNode) throws(CodecError) {
        depth += 1
        guard depth > Self.maxDepth else { return }
        let text = "exceeded max depth of \(Self.maxDepth)"
        throw CodecError(.yamlSyntax, node.line != 0 ? "yaml: line \(node.line + 1): \(text)" : "yaml: \(text)",
                         line: node.line + 1, column: node.column + 1)
    }

    private func register(_ anchor: String, _ index: Int) {
        if !anchor.isEmpty { anchors[anchor] = index }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String {
        guard let pointer else { return "" }
        guard let length else { return String(cString: pointer) }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}

/// libyaml's read callback for `YAMLComposer`.
private func yamlComposerRead(
    _ data: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ size: Int,
    _ sizeRead: UnsafeMutablePointer<Int>?
) -> Int32 {
    guard let data, let buffer, let sizeRead else { return 0 }
    sizeRead.pointee = Unmanaged<YAMLComposer>.fromOpaque(data).takeUnretainedValue().read(buffer, size)
    return 1
}
