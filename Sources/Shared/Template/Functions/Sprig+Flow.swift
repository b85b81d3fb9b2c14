extension Sprig {
    static let flow: [String: GoFunction] = [
        "default": .plain([.interface], variadic: .interface) { a in
            if a.count < 2 || empty(a[1]) { return a[0] }
            return a[1]
        },
        "empty": .plain([.interface]) { a in .bool(empty(a[0])) },
        "coalesce": .plain([], variadic: .interface) { a in a.first { !empty($0) } ?? .null },
        "all": .plain([], variadic: .interface) { a in .bool(a.allSatisfy { !empty($0) }) },
        "any": .plain([], variadic: .interface) { a in .bool(a.contains { !empty($0) }) },
        "ternary": .plain([.interface, .interface, .bool]) { a in
            if case .bool(true) = a[2] { return a[0] }
            return a[1]
        },
        "fail": .plain([.string]) { a in throw GoError(str(a[0])) },
    ]

    static let reflection: [String: GoFunction] = [
        "typeOf": .plain([.interface]) { a in .string(GoFormat.typeName(a[0])) },
        "typeIs": .plain([.string, .interface]) { a in .bool(str(a[0]) == GoFormat.typeName(a[1])) },
        "typeIsLike": .plain([.string, .interface]) { a in
            let t = GoFormat.typeName(a[1])
            return .bool(str(a[0]) == t || "*" + str(a[0]) == t)
        },
        "kindOf": .plain([.interface]) { a in .string(kindName(a[0])) },
        "kindIs": .plain([.string, .interface]) { a in .bool(str(a[0]) == kindName(a[1])) },
        "deepEqual": .plain([.interface, .interface]) { a in .bool(Value.deepEqual(a[0], a[1])) },
    ]

    static let paths: [String: GoFunction] = [
        "base": .plain([.string]) { a in .string(GoPath.base(str(a[0]))) },
        "dir": .plain([.string]) { a in .string(GoPath.dir(str(a[0]))) },
        "clean": .plain([.string]) { a in .string(GoPath.clean(str(a[0]))) },
        "ext": .plain([.string]) { a in .string(GoPath.ext(str(a[0]))) },
        "isAbs": .plain([.string]) { a in .bool(str(a[0]).hasPrefix("/")) },
        "osBase": .plain([.string]) { a in .string(GoPath.base(str(a[0]))) },
        "osDir": .plain([.string]) { a in .string(GoPath.dir(str(a[0]))) },
        "osClean": .plain([.string]) { a in .string(GoPath.clean(str(a[0]))) },
        "osExt": .plain([.string]) { a in .string(GoPath.ext(str(a[0]))) },
        "osIsAbs": .plain([.string]) { a in .bool(str(a[0]).hasPrefix("/")) },
    ]
}

/// Go's `path` package.
enum GoPath {
    static func clean(_ p: String) -> String {
        if p.isEmpty { return "." }
        let rooted = p.hasPrefix("/")
        var out: [Substring] = []
        for part in p.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let l = out.last, l != ".." { out.removeLast() } else if !rooted { out.append(part) }
                continue
            }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func base(_ p: String) -> String {
        if p.isEmpty { return "." }
        var s = Substring(p)
        while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
        if s == "/" { return "/" }
        if let i = s.lastIndex(of: "/") { s = s[s.index(after: i)...] }
        return s.isEmpty ? "/" : String(s)
    }

    static func dir(_ p: String) -> String {
        guard let i = p.lastIndex(of: "/") else { return clean("") }
        return clean(String(p[...i]))
    }

    static func ext(_ p: String) -> String {
        for i in p.indices.reversed() {
            if p[i] == "/" { break }
            if p[i] == "." { return String(p[i...]) }
        }
        return ""
    }
}

/// Sprig's `urlParse`/`urlJoin` over Go's `net/url` fields.
enum URLParts {
    static func parse(_ s: String) throws -> [String: Value] {
        var rest = Substring(s)
        var fragment = ""
        if let h = rest.firstIndex(of: "#") { fragment = String(rest[rest.index(after: h)...]); rest = rest[..<h] }
        var query = ""
        var scheme = ""
        if let c = rest.firstIndex(of: ":"), rest[..<c].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }), !rest[..<c].isEmpty {
            scheme = String(rest[..<c]).lowercased()
            rest = rest[rest.index(after: c)...]
        }
        if let q = rest.firstIndex(of: "?") { query = String(rest[rest.index(after: q)...]); rest = rest[..<q] }
        var host = "", userinfo = "", opaque = ""
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<end]
            rest = rest[end...]
            if let at = authority.lastIndex(of: "@") {
                userinfo = String(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            host = String(authority)
        } else if !scheme.isEmpty && !rest.hasPrefix("/") {
            opaque = String(rest)
            rest = ""
        }
        var hostname = host
        if let c = host.lastIndex(of: ":"), !host.hasSuffix("]") { hostname = String(host[..<c]) }
        return [
            "scheme": .string(scheme), "host": .string(host), "hostname": .string(hostname),
            "path": .string(String(rest)), "query": .string(query), "opaque": .string(opaque),
            "fragment": .string(fragment), "userinfo": .string(userinfo),
        ]
    }

    static func join(_ m: GoMap) -> String {
        func get(_ k: String) -> String { if case .string(let s)? = m[k] { return s }; return "" }
        var out = ""
        let scheme = get("scheme"), opaque = get("opaque"), host = get("host"), path = get("path")
        if !scheme.isEmpty { out += scheme + ":" }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || !get("userinfo").isEmpty {
                if !host.isEmpty || !path.isEmpty || !get("userinfo").isEmpty { out += "//" }
                if !get("userinfo").isEmpty { out += get("userinfo") + "@" }
                out += host
            }
            if !path.isEmpty && !path.hasPrefix("/") && !host.isEmpty { out += "/" }
            out += Escape.queryEscape(path, pathEscape: true).replacingSlashes()
        }
        if !get("query").isEmpty { out += "?" + get("query") }
        if !get("fragment").isEmpty { out += "#" + get("fragment") }
        return out
    }
}

extension String {
    fileprivate func replacingSlashes() -> String { Sprig.replaceAll(self, "%2F", "/") }
}
