import CLibYAML

/// Reads the single YAML document of a kubeconfig into `KubeJSON`.
///
/// Kubeconfig files use plain mappings, sequences and string scalars; plain `true`/`false` become
/// booleans and `null`/`~` null, everything else stays a string (the fields we read are strings).
enum KubeconfigYAML {
    static func parse(_ text: String, file: String) throws(KubeError) -> KubeJSON {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw KubeError(.configuration, "\(file): cannot initialise the YAML parser") }
        defer { yaml_parser_delete(parser) }
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(KubeError) -> KubeJSON in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var reader = EventReader(parser: parser, file: file)
            return try reader.document()
        }
    }

    private struct EventReader {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let file: String

        mutating func next() throws(KubeError) -> yaml_event_t {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else {
                let problem = parser.pointee.problem.map { String(cString: $0) } ?? "invalid YAML"
                throw KubeError(.configuration, "\(file):\(parser.pointee.problem_mark.line + 1): \(problem)")
            }
            return event
        }

        mutating func document() throws(KubeError) -> KubeJSON {
            while true {
                var event = try next()
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT: return .null
                case YAML_SCALAR_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    return try node(event)
                default: continue
                }
            }
        }

        mutating func node(_ event: yaml_event_t) throws(KubeError) -> KubeJSON {
            switch event.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                guard scalar.style == YAML_PLAIN_SCALAR_STYLE else { return .string(text) }
                switch text {
                case "true", "True", "TRUE": return .bool(true)
                case "false", "False", "FALSE": return .bool(false)
                case "null", "Null", "NULL", "~", "": return .null
                default: return .string(text)
                }
            case YAML_SEQUENCE_START_EVENT:
                var items: [KubeJSON] = []
                while true {
                    var child = try next()
                    defer { yaml_event_delete(&child) }
                    if child.type == YAML_SEQUENCE_END_EVENT { return .array(items) }
                    items.append(try node(child))
                }
            case YAML_MAPPING_START_EVENT:
                var members: [String: KubeJSON] = [:]
                while true {
                    var keyEvent = try next()
                    defer { yaml_event_delete(&keyEvent) }
                    if keyEvent.type == YAML_MAPPING_END_EVENT { return .object(members) }
                    let key = try node(keyEvent)
                    var valueEvent = try next()
                    defer { yaml_event_delete(&valueEvent) }
                    let value = try node(valueEvent)
                    switch key {
                    case .string(let name): members[name] = value
                    case .bool(let flag): members[flag ? "true" : "false"] = value
                    default: throw KubeError(.configuration, "\(file):\(event.start_mark.line + 1): mapping keys must be strings")
                    }
                }
            case YAML_ALIAS_EVENT:
                throw KubeError(.configuration, "\(file):\(event.start_mark.line + 1): YAML aliases are not supported in kubeconfig files")
            default:
                throw KubeError(.configuration, "\(file):\(event.start_mark.line + 1): unexpected YAML event")
            }
        }
    }
}
