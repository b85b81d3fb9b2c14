import CLibYAML

/// Reads a single YAML document into JSON through libyaml, resolving plain scalars like YAML 1.1
/// (`true`/`false`/`yes`/`no`, `null`/`~`, integers, floats) as Kubernetes' sigs.k8s.io/yaml does.
enum YAMLDecoder {
    static func decode(_ bytes: [UInt8]) throws(KubeError) -> JSON {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw KubeError.badRequest("yaml: cannot initialise parser") }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) throws(KubeError) -> JSON in
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            var stack: [(JSON, String?)] = []  // container, pending key for mappings
            var anchors: [String: JSON] = [:]
            var result: JSON?
            func add(_ v: JSON, anchor: String?) throws(KubeError) {
                if let anchor { anchors[anchor] = v }
                guard var (top, key) = stack.popLast() else { result = v; return }
                switch top {
                case .array(var a): a.append(v); top = .array(a)
                case .object(var o):
                    if let k = key { o[k] = v; key = nil } else {
                        key = v.string ?? v.text
                        stack.append((.object(o), key))
                        return
                    }
                    top = .object(o)
                default: break
                }
                stack.append((top, key))
            }
            var anchorStack: [String?] = []
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
                    throw KubeError.badRequest("yaml: line \(parser.problem_mark.line + 1): \(problem)")
                }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                    if result != nil || event.type == YAML_STREAM_END_EVENT { return result ?? .null }
                case YAML_MAPPING_START_EVENT:
                    anchorStack.append(event.data.mapping_start.anchor.map { String(cString: $0) })
                    stack.append((.emptyObject, nil))
                case YAML_SEQUENCE_START_EVENT:
                    anchorStack.append(event.data.sequence_start.anchor.map { String(cString: $0) })
                    stack.append((.array([]), nil))
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                    let (v, _) = stack.removeLast()
                    try add(v, anchor: anchorStack.popLast() ?? nil)
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                    let plain = s.style == YAML_PLAIN_SCALAR_STYLE
                    let tag = s.tag.map { String(cString: $0) }
                    try add(plain && tag == nil ? resolve(text) : .string(text), anchor: s.anchor.map { String(cString: $0) })
                case YAML_ALIAS_EVENT:
                    let name = String(cString: event.data.alias.anchor)
                    try add(anchors[name] ?? .null, anchor: nil)
                default: break
                }
            }
        }
    }

    static func resolve(_ s: String) -> JSON {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        if let i = Int64(s) { return .int(i) }
        if s.hasPrefix("0x"), let i = Int64(s.dropFirst(2), radix: 16) { return .int(i) }
        if s.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), s.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true,
           let d = Double(s) { return .double(d) }
        return .string(s)
    }
}
