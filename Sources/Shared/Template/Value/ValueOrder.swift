extension Value {
    /// The integer of an `int`/`int64`, else nil.
    var integerValue: Int64? {
        switch self {
        case .int(let i): Int64(i)
        case .int64(let i): i
        default: nil
        }
    }

    /// Go template truthiness (`if`, `with`, `and`, `or`, `not`).
    public var isTrue: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .int64(let i): i != 0
        case .float64(let d): d != 0
        case .string(let s): !s.isEmpty
        case .list(let l): !l.isEmpty
        case .strings(let l): !l.isEmpty
        case .map(let m): !m.isEmpty
        case .object: true
        }
    }

    /// Go's `reflect.DeepEqual`.
    public static func deepEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.int64(let x), .int64(let y)): return x == y
        case (.float64(let x), .float64(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { deepEqual($0, $1) }
        case (.strings(let x), .strings(let y)): return x == y
        case (.map(let x), .map(let y)):
            if x === y { return true }
            guard x.kind == y.kind else { return false }
            let dx = x.dictionary, dy = y.dictionary
            guard dx.count == dy.count else { return false }
            for (k, v) in dx {
                guard let w = dy[k], deepEqual(v, w) else { return false }
            }
            return true
        case (.object(let x), .object(let y)):
            return x.goTypeName == y.goTypeName && x.goDescription == y.goDescription
        default:
            return false
        }
    }
}
