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
