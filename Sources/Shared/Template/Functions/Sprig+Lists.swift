extension Sprig {
    private static func listArg(_ v: Value, _ what: String) throws -> [Value] {
        if let l = sliceElements(v) { return l }
        if case .null = v { throw GoError("runtime error: invalid memory address or nil pointer dereference") }
        throw GoError("Cannot \(what) on type \(kindName(v))")
    }

    /// Sprig's "must" list functions raise the same message as an error; the plain ones panic
    /// with it, which Go's template engine reports identically.
    private static func listFn(_ what: String, _ body: @escaping @Sendable ([Value]) -> Value) -> GoFunction {
        .plain([.interface]) { a in body(try listArg(a[0], what)) }
    }

    static let lists: [String: GoFunction] = {
        var f: [String: GoFunction] = [
            "list": .plain([], variadic: .interface) { .list($0) },
            "tuple": .plain([], variadic: .interface) { .list($0) },
            "until": .plain([.int]) { a in
                let n = int(a[0])
                return .list(untilStep(0, n, n < 0 ? -1 : 1).map { .int($0) })
            },
            "untilStep": .plain([.int, .int, .int]) { a in
                .list(untilStep(int(a[0]), int(a[1]), int(a[2])).map { .int($0) })
            },
            "has": .plain([.interface, .interface]) { a in
                guard let l = sliceElements(a[1]) else {
                    if case .null = a[1] { return .bool(false) }
                    return .bool(false)
                }
                return .bool(l.contains { Value.deepEqual($0, a[0]) })
            },
            "mustHas": .plain([.interface, .interface]) { a in
                guard let l = sliceElements(a[1]) else {
                    if case .null = a[1] { return .bool(false) }
                    throw GoError("Cannot find has on type \(kindName(a[1]))")
                }
                return .bool(l.contains { Value.deepEqual($0, a[0]) })
            },
            "concat": .plain([], variadic: .interface) { a in
                var out: [Value] = []
                for l in a {
                    guard let e = sliceElements(l) else { throw GoError("Cannot concat type \(kindName(l)) as list") }
                    out += e
                }
                return .list(out)
            },
            "chunk": .plain([.int, .interface]) { a in
                let size = int(a[0])
                guard let l = sliceElements(a[1]) else { throw GoError("Cannot chunk type \(kindName(a[1]))") }
                guard size > 0 else { return .list([]) }
                var out: [Value] = []
                var i = 0
                while i < l.count { out.append(.list(Array(l[i..<min(i + size, l.count)]))); i += size }
                return .list(out)
            },
            "compact": .plain([.interface]) { a in
                guard let l = sliceElements(a[0]) else { throw GoError("Cannot compact on type \(kindName(a[0]))") }
                return .list(l.filter { !empty($0) })
            },
            "slice": .plain([.interface], variadic: .interface) { a in
                guard let l = sliceElements(a[0]) else {
                    throw GoError("list should be type of slice or array but \(kindName(a[0]))")
                }
                let idx = a.dropFirst().map { Int(toInt64($0)) }
                var start = 0, end = l.count
                if idx.count >= 1 { start = idx[0] }
                if idx.count >= 2 { end = idx[1] }
                guard start >= 0, end <= l.count, start <= end else {
                    throw GoError("reflect.Value.Slice: slice index out of bounds")
                }
                return .list(Array(l[start..<end]))
            },
            "without": .plain([.interface], variadic: .interface) { a in
                guard let l = sliceElements(a[0]) else { throw GoError("Cannot find without on type \(kindName(a[0]))") }
                let omit = Array(a.dropFirst())
                return .list(l.filter { e in !omit.contains { Value.deepEqual($0, e) } })
            },
            "sortAlpha": .plain([.interface]) { a in
                if sliceElements(a[0]) != nil { return .strings(strslice(a[0]).sorted(by: goLess)) }
                return .strings([strval(a[0])])
            },
        ]
        for (name, what) in [("first", "first"), ("rest", "rest"), ("last", "last"), ("initial", "initial"),
                             ("reverse", "reverse"), ("uniq", "uniq")] {
            let body: @Sendable ([Value]) -> Value
            switch name {
            case "first": body = { $0.first ?? .null }
            case "rest": body = { .list(Array($0.dropFirst())) }
            case "last": body = { $0.last ?? .null }
            case "initial": body = { .list(Array($0.dropLast())) }
            case "reverse": body = { .list($0.reversed()) }
            default: body = { l in
                var out: [Value] = []
                for e in l where !out.contains(where: { Value.deepEqual($0, e) }) { out.append(e) }
                return .list(out)
            }
            }
            let wrapped: GoFunction = .plain([.interface]) { a in
                if name == "first" || name == "last" || name == "rest" || name == "initial" {
                    if let l = sliceElements(a[0]), l.isEmpty { return name == "first" || name == "last" ? .null : .list([]) }
                }
                return body(try listArg(a[0], "find \(what)"))
            }
            f[name] = wrapped
            f["must" + name.prefix(1).uppercased() + name.dropFirst()] = wrapped
        }
        for (name, prepend) in [("append", false), ("push", false), ("prepend", true)] {
            let fn: GoFunction = .plain([.interface, .interface]) { a in
                guard let l = sliceElements(a[0]) else {
                    if case .null = a[0] { throw GoError("runtime error: invalid memory address or nil pointer dereference") }
                    throw GoError("Cannot \(prepend ? "prepend" : "push") on type \(kindName(a[0]))")
                }
                return .list(prepend ? [a[1]] + l : l + [a[1]])
            }
            f[name] = fn
            f["must" + name.prefix(1).uppercased() + name.dropFirst()] = fn
        }
        return f
    }()

    static func untilStep(_ start: Int, _ stop: Int, _ step: Int) -> [Int] {
        var v: [Int] = []
        if stop < start {
            if step >= 0 { return v }
            var i = start
            while i > stop { v.append(i); i += step }
            return v
        }
        if step <= 0 { return v }
        var i = start
        while i < stop { v.append(i); i += step }
        return v
    }
}
