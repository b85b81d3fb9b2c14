/// One way a value breaks a JSON Schema: where (the key path) and what.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// The key path of the offending value, e.g. `rollsite.partyList[0].partyPort`; `(root)` for
    /// the document itself. A missing required key's path names that key.
    public var path: String
    /// What is wrong, e.g. `expected integer, got string`.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `<path>: <message>`.
    public var description: String { "\(path): \(message)" }
}

/// A key path while walking a value: map keys joined by `.`, list indices as `[i]`.
struct SchemaPath: Sendable {
    private var text: String

    static let root = SchemaPath(text: "")

    private init(text: String) { self.text = text }

    func key(_ key: String) -> SchemaPath {
        SchemaPath(text: text.isEmpty ? key : text + "." + key)
    }

    func index(_ index: Int) -> SchemaPath {
        SchemaPath(text: text + "[\(index)]")
    }

    var description: String { text.isEmpty ? "(root)" : text }
}
