extension Value {
    /// The entry `key` of a map, nil for anything else: `spec["user"]?["password"]?.string`.
    public subscript(key: String) -> Value? {
        if case .map(let map) = self { return map[key] }
        return nil
    }

    /// The text of a string, nil for anything else.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
