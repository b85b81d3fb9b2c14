import Synchronization

/// A Go map with string keys, shared by reference like a Go map.
///
/// Templates execute on one thread, but values may cross threads between executions, so the
/// storage sits behind a `Mutex`.
public final class GoMap: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The Go type of the map, which decides `%T` and which methods it has.
    public enum Kind: Sendable {
        /// `map[string]interface {}`.
        case plain
        /// Helm's `chartutil.Values` (methods `AsMap`, `Table`, `PathValue`, `YAML`).
        case chartValues
    }

    private let storage: Mutex<[String: Value]>
    /// The Go type of this map.
    public let kind: Kind

    public init(_ entries: [String: Value] = [:], kind: Kind = .plain) {
        storage = Mutex(entries)
        self.kind = kind
    }

    public convenience init(dictionaryLiteral elements: (String, Value)...) {
        var d: [String: Value] = [:]
        for (k, v) in elements { d[k] = v }
        self.init(d)
    }

    /// A snapshot of the entries.
    public var dictionary: [String: Value] { storage.withLock { $0 } }
    public var count: Int { storage.withLock { $0.count } }
    public var isEmpty: Bool { storage.withLock { $0.isEmpty } }
    /// The keys in Go's order for maps (byte order).
    public var sortedKeys: [String] { storage.withLock { Array($0.keys) }.sorted(by: goLess) }
    public var keys: [String] { storage.withLock { Array($0.keys) } }

    public subscript(key: String) -> Value? {
        get { storage.withLock { $0[key] } }
        set { storage.withLock { $0[key] = newValue } }
    }

    /// Removes the entry for `key`.
    public func removeValue(forKey key: String) {
        storage.withLock { _ = $0.removeValue(forKey: key) }
    }

    /// Entries sorted by key in byte order.
    public var sortedEntries: [(key: String, value: Value)] {
        dictionary.sorted { goLess($0.key, $1.key) }
    }

    public func makeIterator() -> Dictionary<String, Value>.Iterator { dictionary.makeIterator() }
}

/// Go string order: bytewise comparison of the UTF-8 encodings.
@inlinable
public func goLess(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
