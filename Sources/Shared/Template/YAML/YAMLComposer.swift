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
