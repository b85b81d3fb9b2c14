import CLibYAML

/// A parsed YAML document: just enough structure to validate a cluster spec (`cluster.yaml`) and read
/// its top-level keys. Scalars keep their text and whether they were plain (unquoted).
indirect enum YAMLNode: Sendable, Equatable {
    case scalar(String, plain: Bool)
    case sequence([YAMLNode])
    case mapping([Pair])

    struct Pair: Sendable, Equatable {
        var key: YAMLNode
        var value: YAMLNode
    }

    /// The value of the first entry whose key is the scalar `key`, in a mapping.
    subscript(_ key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = self else { return nil }
        return pairs.first { if case .scalar(key, _) = $0.key { true } else { false } }?.value
    }

    /// The scalar's text; nil for a null (`~`, `null`, empty plain) or a collection.
    var string: String? {
        guard case .scalar(let text, let plain) = self else { return nil }
        if plain, ["", "~", "null", "Null", "NULL"].contains(text) { return nil }
        return text
    }

    var kindName: String {
        switch self {
        case .scalar: "scalar"
        case .sequence: "sequence"
        case .mapping: "mapping"
        }
    }
}

/// A YAML syntax error with its 1-based line and column.
struct YAMLError: Error, Equatable, CustomStringConvertible {
    var message: String
    var line: Int
    var column: Int
    var description: String { "line \(line), column \(column): \(message)" }
}

extension YAMLNode {
    /// Limits that keep hostile input (deep nesting, alias bombs) cheap.
    static let maxDepth = 200
    static let maxAliases = 10_000

    /// Parses exactly one document (libyaml events into a tree). An empty stream is an error.
    static func parse(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode {
        let result: Result<YAMLNode, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(YAMLError(message: "cannot initialise the YAML parser", line: 0, column: 0))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
                    return .failure(YAMLError(message: problem, line: Int(parser.problem_mark.line) + 1,
                                              column: Int(parser.problem_mark.column) + 1))
                }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                do throws(YAMLError) {
                    if try builder.handle(&event) { break }
                } catch var error {
                    error.line = Int(mark.line) + 1
                    error.column = Int(mark.column) + 1
                    return .failure(error)
                }
            }
            guard let root = builder.root else {
                return .failure(YAMLError(message: "the document is empty", line: 1, column: 1))
            }
            return .success(root)
        }
        return try result.get()
    }
}

/// Folds libyaml's event stream into nodes with an explicit stack.
private struct TreeBuilder {
    enum Frame {
        case sequence([YAMLNode], anchor: String?)
        case mapping([YAMLNode.Pair], pendingKey: YAMLNode?, anchor: String?)
    }

    var stack: [Frame] = []
    var anchors: [String: YAMLNode] = [:]
    var aliases = 0
    var documents = 0
    var root: YAMLNode?

    /// Returns true at the end of the stream.
    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) -> Bool {
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 { throw YAMLError(message: "expected one YAML document, found several", line: 0, column: 0) }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            try add(.scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE), anchor: Self.string(scalar.anchor))
        case YAML_ALIAS_EVENT:
            aliases += 1
            guard aliases <= YAMLNode.maxAliases else { throw YAMLError(message: "too many aliases", line: 0, column: 0) }
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let node = anchors[name] else { throw YAMLError(message: "unknown alias *\(name)", line: 0, column: 0) }
            try add(node, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            try push(.sequence([], anchor: Self.string(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            try push(.mapping([], pendingKey: nil, anchor: Self.string(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            switch stack.removeLast() {
            case .sequence(let items, let anchor): try add(.sequence(items), anchor: anchor)
            case .mapping(let pairs, _, let anchor): try add(.mapping(pairs), anchor: anchor)
            }
        default:
            break
        }
        return false
    }

    private mutating func push(_ frame: Frame) throws(YAMLError) {
        guard stack.count < YAMLNode.maxDepth else { throw YAMLError(message: "nesting deeper than \(YAMLNode.maxDepth)", line: 0, column: 0) }
        stack.append(frame)
    }

    private mutating func add(_ node: YAMLNode, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = node }
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(var items, let anchor):
            items.append(node)
            stack.append(.sequence(items, anchor: anchor))
        case .mapping(var pairs, let key?, let anchor):
            pairs.append(.init(key: key, value: node))
            stack.append(.mapping(pairs, pendingKey: nil, anchor: anchor))
        case .mapping(let pairs, nil, let anchor):
            stack.append(.mapping(pairs, pendingKey: node, anchor: anchor))
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
