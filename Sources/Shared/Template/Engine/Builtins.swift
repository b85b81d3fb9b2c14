/// Go `text/template` builtin functions.
enum Builtins {
    static let all: [String: GoFunction] = [
        "and": .plain([.reflectValue], variadic: .reflectValue) { args in
            for a in args where !a.isTrue { return a }
            return args[args.count - 1]
        },
        "or": .plain([.reflectValue], variadic: .reflectValue) { args in
            for a in args where a.isTrue { return a }
            return args[args.count - 1]
        },
        "not": .plain([.reflectValue]) { args in .bool(!args[0].isTrue) },
        "len": .plain([.reflectValue]) { args in
            switch args[0] {
            case .null: throw GoError("len of nil pointer")
            case .string(let s): return .int(s.utf8.count)
            case .list(let l): return .int(l.count)
            case .strings(let l): return .int(l.count)
            case .map(let m): return .int(m.count)
            default: throw GoError("len of type \(GoFormat.typeName(args[0]))")
            }
        },
        "index": .plain([.reflectValue], variadic: .reflectValue) { args in try index(args[0], Array(args.dropFirst())) },
        "slice": .plain([.reflectValue], variadic: .reflectValue) { args in try slice(args[0], Array(args.dropFirst())) },
        "call": .plain([.reflectValue], variadic: .reflectValue) { args in
            if case .null = args[0] { throw GoError("call of nil") }
            throw GoError("non-function of type \(GoFormat.typeName(args[0]))")
        },
        "print": .plain([], variadic: .interface) { .string(GoFormat.sprint($0)) },
        "println": .plain([], variadic: .interface) { .string(GoFormat.sprintln($0)) },
        "printf": .plain([.string], variadic: .interface) { args in
            guard case .string(let f) = args[0] else { return .string("") }
            return .string(GoFormat.sprintf(f, Array(args.dropFirst())))
        },
        "html": .plain([], variadic: .interface) { .string(Escape.html(evalArgs($0))) },
        "js": .plain([], variadic: .interface) { .string(Escape.js(evalArgs($0))) },
        "urlquery": .plain([], variadic: .interface) { .string(Escape.queryEscape(evalArgs($0))) },
        "eq": .plain([.reflectValue], variadic: .reflectValue) { args in
            try .bool(Compare.eq(args[0], Array(args.dropFirst())))
        },
        "ne": .plain([.reflectValue, .reflectValue]) { args in try .bool(!Compare.eq(args[0], [args[1]])) },
        "lt": .plain([.reflectValue, .reflectValue]) { args in try .bool(Compare.lt(args[0], args[1])) },
        "le": .plain([.reflectValue, .reflectValue]) { args in
            if try Compare.lt(args[0], args[1]) { return .bool(true) }
            return try .bool(Compare.eq(args[0], [args[1]]))
        },
        "gt": .plain([.reflectValue, .reflectValue]) { args in
            let lt = try Compare.lt(args[0], args[1])
            if lt { return .bool(false) }
            return try .bool(!Compare.eq(args[0], [args[1]]))
        },
        "ge": .plain([.reflectValue, .reflectValue]) { args in try .bool(!Compare.lt(args[0], args[1])) },
    ]

    /// Go's `evalArgs` for `html`/`js`/`urlquery`: one string as is, else `fmt.Sprint` with
    /// missing values shown as `<no value>`.
    static func evalArgs(_ args: [Value]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        return GoFormat.sprint(args.map { if case .null = $0 { return .string("<no value>") }; return $0 })
    }

    static func index(_ item: Value, _ indexes: [Value]) throws -> Value {
        if case .null = item { throw GoError("index of untyped nil") }
        var cur = item
        for idx in indexes {
            switch cur {
            case .null:
                throw GoError("index of nil pointer")
            case .list, .strings, .string:
                let count: Int
                switch cur {
                case .list(let l): count = l.count
                case .strings(let l): count = l.count
                case .string(let s): count = s.utf8.count
                default: count = 0
                }
                guard let x = idx.integerValue else {
                    if case .null = idx { throw GoError("cannot index slice/array with nil") }
                    throw GoError("cannot index slice/array with type \(GoFormat.typeName(idx))")
                }
                if x < 0 || x > count { throw GoError("index out of range: \(x)") }
                if x == count {
                    if case .string = cur { throw GoError("reflect: string index out of range") }
                    throw GoError("reflect: slice index out of range")
                }
                switch cur {
                case .list(let l): cur = l[Int(x)]
                case .strings(let l): cur = .string(l[Int(x)])
                case .string(let s): cur = .int(Int(Array(s.utf8)[Int(x)]))
                default: break
                }
            case .map(let m):
                guard case .string(let k) = idx else {
                    if case .null = idx { throw GoError("value is nil; should be of type string") }
                    throw GoError("value has type \(GoFormat.typeName(idx)); should be string")
                }
                cur = m[k] ?? .null
            default:
                throw GoError("can't index item of type \(GoFormat.typeName(cur))")
            }
        }
        return cur
    }

    static func slice(_ item: Value, _ indexes: [Value]) throws -> Value {
        if case .null = item { throw GoError("slice of untyped nil") }
        if indexes.count > 3 { throw GoError("too many slice indexes: \(indexes.count)") }
        let count: Int
        switch item {
        case .list(let l): count = l.count
        case .strings(let l): count = l.count
        case .string(let s): count = s.utf8.count
            if indexes.count == 3 { throw GoError("cannot 3-index slice a string") }
        default: throw GoError("can't slice item of type \(GoFormat.typeName(item))")
        }
        var idx = [0, count, count]
        for (i, v) in indexes.enumerated() {
            guard let x = v.integerValue else { throw GoError("cannot index slice/array with type \(GoFormat.typeName(v))") }
            if x < 0 || x > count { throw GoError("index out of range: \(x)") }
            idx[i] = Int(x)
        }
        if idx[0] > idx[1] { throw GoError("invalid slice index: \(idx[0]) > \(idx[1])") }
        switch item {
        case .list(let l): return .list(Array(l[idx[0]..<idx[1]]))
        case .strings(let l): return .strings(Array(l[idx[0]..<idx[1]]))
        case .string(let s): return .string(String(decoding: Array(s.utf8)[idx[0]..<idx[1]], as: UTF8.self))
        default: return .null
        }
    }
}

/// Go's template comparison functions.
enum Compare {
    enum Kind { case bool, int, float, string, complex, invalid }

    static func kind(_ v: Value) -> Kind {
        switch v {
        case .bool: .bool
        case .int, .int64: .int
        case .float64: .float
        case .string: .string
        default: .invalid
        }
    }

    static func eq(_ a: Value, _ rest: [Value]) throws -> Bool {
        if rest.isEmpty { throw GoError("missing argument for comparison") }
        let k1 = kind(a)
        for b in rest {
            let k2 = kind(b)
            var truth = false
            if k1 != k2 {
                let aValid: Bool
                if case .null = a { aValid = false } else { aValid = true }
                let bValid: Bool
                if case .null = b { bValid = false } else { bValid = true }
                if aValid && bValid { throw GoError("incompatible types for comparison") }
            } else {
                switch (a, b) {
                case (.bool(let x), .bool(let y)): truth = x == y
                case (.float64(let x), .float64(let y)): truth = x == y
                case (.string(let x), .string(let y)): truth = x.utf8.elementsEqual(y.utf8)
                default:
                    if let x = a.integerValue, let y = b.integerValue { truth = x == y; break }
                    switch (a, b) {
                    case (.null, .null): truth = true
                    case (.null, _), (_, .null): truth = false
                    default:
                        if GoFormat.typeName(a) != GoFormat.typeName(b) {
                            throw GoError("incompatible types for comparison")
                        }
                        switch b {
                        case .map, .list, .strings:
                            throw GoError("non-comparable type \(GoFormat.sprintf("%s", [b])): \(GoFormat.typeName(b))")
                        default:
                            truth = Value.deepEqual(a, b)
                        }
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    static func lt(_ a: Value, _ b: Value) throws -> Bool {
        let k1 = kind(a), k2 = kind(b)
        if k1 == .invalid || k2 == .invalid { throw GoError("invalid type for comparison") }
        if k1 != k2 { throw GoError("incompatible types for comparison") }
        switch (a, b) {
        case (.bool, .bool): throw GoError("invalid type for comparison")
        case (.float64(let x), .float64(let y)): return x < y
        case (.string(let x), .string(let y)): return goLess(x, y)
        default:
            if let x = a.integerValue, let y = b.integerValue { return x < y }
            throw GoError("invalid type for comparison")
        }
    }
}
