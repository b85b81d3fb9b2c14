/// One node of a composed YAML document, stored in a `YAMLTree` arena.
///
/// Mirrors gopkg.in/yaml.v2's `node`: aliases point at the anchored node (which may be an
/// ancestor, as yaml.v2 registers anchors before reading children).
struct YAMLNode: Sendable {
    enum Kind: Sendable { case scalar, sequence, mapping, alias }

    var kind: Kind
    /// Resolved tag as libyaml reports it (`tag:yaml.org,2002:str`, `!foo`), or "" when none.
    var tag: String
    /// Scalar text, or the anchor name of an alias.
    var value: String
    /// libyaml's `plain_implicit`: a plain scalar without an explicit tag.
    var implicit: Bool
    /// 0-based position of the node's first character.
    var line: Int
    var column: Int
    /// Children (sequence items, or key, value, key, value … for mappings).
    var children: [Int]
    /// For aliases: the anchored node.
    var target: Int
}

/// The nodes of one YAML document; `root` is nil for an empty stream.
struct YAMLTree: Sendable {
    var nodes: [YAMLNode] = []
    var root: Int?

    subscript(index: Int) -> YAMLNode { nodes[index] }
}
