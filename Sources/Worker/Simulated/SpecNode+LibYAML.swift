import CLibYAML

extension SpecNode {
    /// Parses the first document of `bytes` (YAML 1.1, which also reads JSON) with libyaml.
    ///
    /// Anchors and aliases are rejected: a cluster spec has no use for them, and refusing them keeps
    /// "billion laughs" inputs out. An empty document parses as a null scalar.
    static func parse(_ bytes: [UInt8]) throws(SimulationSpecError) -> SpecNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw SimulationSpecError(field: "data", line: 0, message: "cannot initialise the YAML parser")
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(SimulationSpecError) -> SpecNode in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = Builder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
                    throw SimulationSpecError(
                        field: "data", line: Int(parser.problem_mark.line) + 1,
                        message: "invalid YAML: \(problem)")
                }
                defer { yaml_event_delete(&event) }
                if let root = try builder.consume(&event) { return root }
            }
        }
    }

    /// Turns the event stream into nodes with a stack of open collections.
    private struct Builder {
        private enum Open {
            case sequence(line: Int, items: [SpecNode])
            case mapping(line: Int, pairs: [(key: String, value: SpecNode)], pendingKey: String?)
        }

        private var stack: [Open] = []

        /// Consumes one event; returns the root node once the first document is complete.
        mutating func consume(_ event: inout yaml_event_t) throws(SimulationSpecError) -> SpecNode? {
            let line = Int(event.start_mark.line) + 1
            switch event.type {
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let text = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) } ?? ""
                return try add(SpecNode(kind: .scalar(text), line: line))
            case YAML_SEQUENCE_START_EVENT:
                stack.append(.sequence(line: line, items: []))
            case YAML_MAPPING_START_EVENT:
                stack.append(.mapping(line: line, pairs: [], pendingKey: nil))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let open = stack.popLast() else { return nil }
                switch open {
                case .sequence(let start, let items):
                    return try add(SpecNode(kind: .sequence(items), line: start))
                case .mapping(let start, let pairs, _):
                    return try add(SpecNode(kind: .mapping(pairs), line: start))
                }
            case YAML_ALIAS_EVENT:
                throw SimulationSpecError(field: "data", line: line, message: "YAML aliases are not supported")
            case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
                return SpecNode(kind: .scalar(""), line: line)
            default:
                break
            }
            return nil
        }

        /// Adds a finished node to the innermost open collection, or returns it when it is the root.
        private mutating func add(_ node: SpecNode) throws(SimulationSpecError) -> SpecNode? {
            guard let open = stack.popLast() else { return node }
            switch open {
            case .sequence(let start, var items):
                items.append(node)
                stack.append(.sequence(line: start, items: items))
            case .mapping(let start, var pairs, let pendingKey):
                if let key = pendingKey {
                    pairs.append((key: key, value: node))
                    stack.append(.mapping(line: start, pairs: pairs, pendingKey: nil))
                } else {
                    guard case .scalar(let key) = node.kind else {
                        throw SimulationSpecError(field: "data", line: node.line, message: "mapping keys must be scalars")
                    }
                    stack.append(.mapping(line: start, pairs: pairs, pendingKey: key))
                }
            }
            return nil
        }
    }
}
