extension Sprig {
    static let dicts: [String: GoFunction] = [
        "dict": .plain([], variadic: .interface) { a in
            var m: [String: Value] = [:]
            var i = 0
            while i < a.count {
                let k = strval(a[i])
                m[k] = i + 1 < a.count ? a[i + 1] : .string("")
                i += 2
            }
            return .map(m)
        },
        "get": .plain([.stringMap, .string]) { a in goMap(a[0])[str(a[1])] ?? .string("") },
        "set": .plain([.stringMap, .string, .interface]) { a in
            let m = goMap(a[0])
            m[str(a[1])] = a[2]
            return .map(m)
        },
        "unset": .plain([.stringMap, .string]) { a in
            let m = goMap(a[0])
            m.removeValue(forKey: str(a[1]))
            return .map(m)
        },
        "hasKey": .plain([.stringMap, .string]) { a in .bool(goMap(a[0])[str(a[1])] != nil) },
        "pluck": .plain([.string], variadic: .stringMap) { a in
            let k = str(a[0])
            return .list(a.dropFirst().compactMap { goMap($0)[k] })
        },
        "keys": .plain([], variadic: .stringMap) { a in
            .strings(a.flatMap { goMap($0).keys })
        },
        "pick": .plain([.stringMap], variadic: .string) { a in
            let m = goMap(a[0])
            var out: [String: Value] = [:]
            for k in a.dropFirst() { if let v = m[str(k)] { out[str(k)] = v } }
            return .map(out)
        },
        "omit": .plain([.stringMap], variadic: .string) { a in
            var d = goMap(a[0]).dictionary
            for k in a.dropFirst() { d.removeValue(forKey: str(k)) }
            return .map(d)
        },
        "values": .plain([.stringMap]) { a in .list(goMap(a[0]).dictionary.map(\.value)) },
        "dig": .plain([], variadic: .interface) { a in
            guard a.count >= 3 else { throw GoError("dig needs at least three arguments") }
            guard case .map(let m) = a[a.count - 1] else {
                throw GoError("interface conversion: interface {} is \(GoFormat.typeName(a[a.count - 1])), not map[string]interface {}")
            }
            let def = a[a.count - 2]
            var keys: [String] = []
            for k in a[0..<(a.count - 2)] {
                guard case .string(let s) = k else { throw GoError("interface conversion: interface {} is \(GoFormat.typeName(k)), not string") }
                keys.append(s)
            }
            var cur = m
            for (i, k) in keys.enumerated() {
                guard let v = cur[k] else { return def }
                if i == keys.count - 1 { return v }
                guard case .map(let next) = v else {
                    throw GoError("interface conversion: interface {} is \(GoFormat.typeName(v)), not map[string]interface {}")
                }
                cur = next
            }
            return def
        },
        "merge": .plain([.stringMap], variadic: .stringMap) { a in
            let dst = goMap(a[0])
            for s in a.dropFirst() { mergeInto(dst, goMap(s), overwrite: false) }
            return .map(dst)
        },
        "mustMerge": .plain([.stringMap], variadic: .stringMap) { a in
            let dst = goMap(a[0])
            for s in a.dropFirst() { mergeInto(dst, goMap(s), overwrite: false) }
            return .map(dst)
        },
        "mergeOverwrite": .plain([.stringMap], variadic: .stringMap) { a in
            let dst = goMap(a[0])
            for s in a.dropFirst() { mergeInto(dst, goMap(s), overwrite: true) }
            return .map(dst)
        },
        "mustMergeOverwrite": .plain([.stringMap], variadic: .stringMap) { a in
            let dst = goMap(a[0])
            for s in a.dropFirst() { mergeInto(dst, goMap(s), overwrite: true) }
            return .map(dst)
        },
        "deepCopy": .plain([.interface]) { a in
            if case .null = a[0] { throw GoError("reflect: call of reflect.Value.Type on zero Value") }
            return deepCopy(a[0])
        },
        "mustDeepCopy": .plain([.interface]) { a in
            if case .null = a[0] { throw GoError("copy: Called with nil") }
            return deepCopy(a[0])
        },
    ]

    /// A copy with fresh maps all the way down.
    static func deepCopy(_ v: Value) -> Value {
        switch v {
        case .map(let m):
            var d: [String: Value] = [:]
            for (k, e) in m.dictionary { d[k] = deepCopy(e) }
            return .map(GoMap(d, kind: m.kind))
        case .list(let l): return .list(l.map(deepCopy))
        default: return v
        }
    }

    /// mergo `Merge` (`WithOverride` when `overwrite`): fills keys of `dst` from `src`; maps merge
    /// recursively; without override only empty destination values are replaced.
    static func mergeInto(_ dst: GoMap, _ src: GoMap, overwrite: Bool) {
        for (k, sv) in src.dictionary {
            if let dv = dst[k] {
                if case .map(let dm) = dv, case .map(let sm) = sv {
                    mergeInto(dm, sm, overwrite: overwrite)
                } else if overwrite {
                    if !empty(sv) || !isMapOrNil(sv) { dst[k] = sv }
                } else if empty(dv), case .null = dv {
                    dst[k] = sv
                }
            } else {
                dst[k] = sv
            }
        }
    }

    private static func isMapOrNil(_ v: Value) -> Bool {
        switch v {
        case .null, .map: true
        default: false
        }
    }
}
