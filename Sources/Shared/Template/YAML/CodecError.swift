/// An error from one of the YAML, JSON or TOML codecs.
///
/// `message` is exactly the text the corresponding Go code returns (for example
/// `error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context`),
/// so callers can embed it in Helm- or KubeFATE-compatible error messages unchanged.
public struct CodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, independent of the message wording.
    public enum Code: String, Sendable, Equatable {
        /// The YAML text is not well-formed (scanner or parser error).
        case yamlSyntax
        /// The YAML is well-formed but cannot be decoded into the requested shape.
        case yamlDecode
        /// A value cannot be represented in YAML.
        case yamlEncode
        /// The JSON text is not well-formed.
        case jsonSyntax
        /// The JSON is well-formed but has the wrong shape for the requested type.
        case jsonDecode
        /// A value cannot be represented in JSON (NaN, infinities, unsupported types).
        case jsonEncode
        /// A value cannot be represented in TOML.
        case tomlEncode
        /// The Go code panics on this input (for example TOML-encoding a nil value); a template
        /// function call then fails with `error calling <fn>: <message>` instead of returning text.
        case goPanic
    }

    /// The kind of failure.
    public var code: Code
    /// The Go error text.
    public var message: String
    /// 1-based line of the problem in the input, when known.
    public var line: Int?
    /// 1-based column of the problem in the input, when known.
    public var column: Int?
    /// The file the input came from, when the caller said (see ``YAML/decodeHelmMap(_:file:)``).
    public var file: String?

    /// `file:line:column` as far as known, e.g. `values.yaml:3:5` (empty when nothing is known).
    public var location: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line {
            parts.append(String(line))
            if let column { parts.append(String(column)) }
        }
        return parts.joined(separator: ":")
    }

    public init(_ code: Code, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { message }

    /// The same error with `prefix` put in front of the message (Go's `fmt.Errorf("...: %v", err)`).
    func prefixed(_ prefix: String) -> CodecError {
        var copy = self
        copy.message = prefix + message
        return copy
    }
}

/// The entries of a `Value.map` payload as a dictionary (the payload is a sequence of
/// key/value pairs whatever its concrete map type).
func mapEntries<S: Sequence>(_ map: S) -> [String: Value] where S.Element == (key: String, value: Value) {
    var entries: [String: Value] = [:]
    for (key, value) in map { entries[key] = value }
    return entries
}

/// Limits that keep the recursive codecs within a thread's stack.
public enum CodecLimits {
    /// The deepest nesting of lists and maps the codecs accept. Go allows 10000 levels when
    /// parsing (and has no limit when encoding); real documents stay far below this, and deeper
    /// input fails with Go's "exceeded max depth" wording instead of overflowing the stack.
    public static let maxDepth = 500

    /// Throws when `value` nests lists and maps deeper than ``maxDepth`` (checked without
    /// recursion).
    static func checkDepth(_ value: Value, _ error: @autoclosure () -> CodecError) throws(CodecError) {
        var stack: [(Value, Int)] = [(value, 1)]
        while let (current, depth) = stack.popLast() {
            switch current {
            case .list(let items):
                if depth > maxDepth { throw error() }
                for item in items { stack.append((item, depth + 1)) }
            case .map(let map):
                if depth > maxDepth { throw error() }
                for (_, item) in map { stack.append((item, depth + 1)) }
            case .strings:
                if depth > maxDepth { throw error() }
            default:
                break
            }
        }
    }
}
