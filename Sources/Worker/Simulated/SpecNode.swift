/// A YAML (or JSON) document as a plain tree: enough to read a cluster spec's `simulate:` section.
///
/// Scalars stay strings; callers convert them where they know the expected type, so errors can name
/// the field and the line it came from.
struct SpecNode: Sendable {
    /// The node's shape and content.
    enum Kind: Sendable {
        case scalar(String)
        case sequence([SpecNode])
        /// Keys in document order.
        case mapping([(key: String, value: SpecNode)])
    }

    var kind: Kind
    /// 1-based line where the node starts in the source text.
    var line: Int

    /// The value under `key` when this is a mapping.
    subscript(key: String) -> SpecNode? {
        guard case .mapping(let pairs) = kind else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// The text of a scalar, nil for collections. A YAML `null`/`~`/empty scalar reads as nil.
    var scalar: String? {
        guard case .scalar(let text) = kind else { return nil }
        return ["", "~", "null", "Null", "NULL"].contains(text) ? nil : text
    }

    /// Whether the node is absent in YAML terms (a null scalar).
    var isNull: Bool {
        if case .scalar = kind { return scalar == nil }
        return false
    }
}
