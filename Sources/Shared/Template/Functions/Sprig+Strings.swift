extension Sprig {
    private static func s2s(_ f: @escaping @Sendable (String) -> String) -> GoFunction {
        .plain([.string]) { .string(f(str($0[0]))) }
    }

    static let strings: [String: GoFunction] = [
        "hello": .plain([]) { _ in .string("Hello!") },
        "upper": s2s { mapScalars($0) { $0.properties.uppercaseMapping } },
        "lower": s2s { mapScalars($0) { $0.properties.lowercaseMapping } },
        "title": s2s(title),
        "untitle": s2s(untitle),
        "trim": s2s { trimSet($0, isGoSpace) },
        "nospace": s2s { String($0.unicodeScalars.filter { !isGoSpace($0) }.map(Character.init)) },
        "initials": s2s(initials),
        "swapcase": s2s(swapcase),
        "snakecase": s2s { caseWords($0, "_") },
        "kebabcase": s2s { caseWords($0, "-") },
        "camelcase": s2s(camelcase),
        "substr": .plain([.int, .int, .string]) { a in
            let s = Array(str(a[2]).utf8)
            let start = int(a[0]), end = int(a[1])
            if start < 0 {
                guard end >= 0, end <= s.count else { throw GoError("runtime error: slice bounds out of range [:\(end)] with length \(s.count)") }
                return .string(String(decoding: s[..<end], as: UTF8.self))
            }
            if end < 0 || end > s.count {
                guard start <= s.count else { throw GoError("runtime error: slice bounds out of range [\(start):\(s.count)]") }
                return .string(String(decoding: s[start...], as: UTF8.self))
            }
            guard start <= end else { throw GoError("runtime error: slice bounds out of range [\(start):\(end)]") }
            return .string(String(decoding: s[start..<end], as: UTF8.self))
        },
        "repeat": .plain([.int, .string]) { a in
            let n = int(a[0])
            if n < 0 { throw GoError("strings: negative Repeat count") }
            return .string(String(repeating: str(a[1]), count: n))
        },
        "trimAll": .plain([.string, .string]) { a in .string(trimCutset(str(a[1]), str(a[0]))) },
        "trimall": .plain([.string, .string]) { a in .string(trimCutset(str(a[1]), str(a[0]))) },
        "trimSuffix": .plain([.string, .string]) { a in
            let s = str(a[1]), suf = str(a[0])
            return .string(s.hasSuffixBytes(suf) ? String(decoding: Array(s.utf8).dropLast(suf.utf8.count), as: UTF8.self) : s)
        },
        "trimPrefix": .plain([.string, .string]) { a in
            let s = str(a[1]), pre = str(a[0])
            return .string(s.hasPrefixBytes(pre) ? String(decoding: Array(s.utf8).dropFirst(pre.utf8.count), as: UTF8.self) : s)
        },
        "contains": .plain([.string, .string]) { a in .bool(str(a[1]).containsBytes(str(a[0]))) },
        "hasPrefix": .plain([.string, .string]) { a in .bool(str(a[1]).hasPrefixBytes(str(a[0]))) },
        "hasSuffix": .plain([.string, .string]) { a in .bool(str(a[1]).hasSuffixBytes(str(a[0]))) },
        "quote": .plain([], variadic: .interface) { a in
            .string(a.compactMap { v -> String? in
                if case .null = v { return nil }
                return GoStrconv.quote(strval(v))
            }.joined(separator: " "))
        },
        "squote": .plain([], variadic: .interface) { a in
            .string(a.compactMap { v -> String? in
                if case .null = v { return nil }
                return "'" + strval(v) + "'"
            }.joined(separator: " "))
        },
        "cat": .plain([], variadic: .interface) { a in
            let items = a.filter { if case .null = $0 { return false }; return true }
            return .string(items.map { GoFormat.string($0) }.joined(separator: " "))
        },
        "indent": .plain([.int, .string]) { a in try .string(indent(int(a[0]), str(a[1]))) },
        "nindent": .plain([.int, .string]) { a in try .string("\n" + indent(int(a[0]), str(a[1]))) },
        "replace": .plain([.string, .string, .string]) { a in
            .string(replaceAll(str(a[2]), str(a[0]), str(a[1])))
        },
        "plural": .plain([.string, .string, .int]) { a in .string(int(a[2]) == 1 ? str(a[0]) : str(a[1])) },
        "trunc": .plain([.int, .string]) { a in
            let c = int(a[0])
            let s = Array(str(a[1]).utf8)
            if c < 0 && s.count + c > 0 { return .string(String(decoding: s[(s.count + c)...], as: UTF8.self)) }
            if c >= 0 && s.count > c { return .string(String(decoding: s[..<c], as: UTF8.self)) }
            return .string(str(a[1]))
        },
        "abbrev": .plain([.int, .string]) { a in
            let w = int(a[0])
            if w < 4 { return a[1] }
            return .string(abbreviateFull(str(a[1]), 0, w))
        },
        "abbrevboth": .plain([.int, .int, .string]) { a in
            let l = int(a[0]), r = int(a[1])
            if r < 4 || (l > 0 && r < 7) { return a[2] }
            return .string(abbreviateFull(str(a[2]), l, r))
        },
        "wrap": .plain([.int, .string]) { a in .string(wrapCustom(str(a[1]), int(a[0]), "\n", false)) },
        "wrapWith": .plain([.int, .string, .string]) { a in .string(wrapCustom(str(a[2]), int(a[0]), str(a[1]), true)) },
        "toString": .plain([.interface]) { a in .string(strval(a[0])) },
        "toStrings": .plain([.interface]) { a in .strings(strslice(a[0])) },
        "split": .plain([.string, .string]) { a in
            let parts = splitGo(str(a[1]), str(a[0]), -1)
            var m: [String: Value] = [:]
            for (i, p) in parts.enumerated() { m["_\(i)"] = .string(p) }
            return .map(m)
        },
        "splitn": .plain([.string, .int, .string]) { a in
            let parts = splitGo(str(a[2]), str(a[0]), int(a[1]))
            var m: [String: Value] = [:]
            for (i, p) in parts.enumerated() { m["_\(i)"] = .string(p) }
            return .map(m)
        },
        "splitList": .plain([.string, .string]) { a in .strings(splitGo(str(a[1]), str(a[0]), -1)) },
        "join": .plain([.string, .interface]) { a in .string(strslice(a[1]).joined(separator: str(a[0]))) },
        "sortAlpha": .plain([.interface]) { a in
            if let _ = sliceElements(a[0]) {
                return .strings(strslice(a[0]).sorted(by: goLess))
            }
            return .strings([strval(a[0])])
        },
    ]

    // MARK: helpers

    /// Go's per-rune case mapping: a rune whose full mapping has several runes stays unchanged.
    static func mapScalars(_ s: String, _ mapping: (Unicode.Scalar) -> String) -> String {
        var out = String.UnicodeScalarView()
        for r in s.unicodeScalars {
            let m = mapping(r).unicodeScalars
            if m.count == 1 { out.append(m.first!) } else { out.append(r) }
        }
        return String(out)
    }

    static func isGoSpace(_ r: Unicode.Scalar) -> Bool {
        switch r.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        default: return r.value > 0xFF && r.properties.isWhitespace
        }
    }

    static func trimSet(_ s: String, _ pred: (Unicode.Scalar) -> Bool) -> String {
        let sc = Array(s.unicodeScalars)
        var a = 0, b = sc.count
        while a < b && pred(sc[a]) { a += 1 }
        while b > a && pred(sc[b - 1]) { b -= 1 }
        return String(String.UnicodeScalarView(sc[a..<b]))
    }

    static func trimCutset(_ s: String, _ cutset: String) -> String {
        let set = Set(cutset.unicodeScalars)
        return trimSet(s) { set.contains($0) }
    }

    static func indent(_ n: Int, _ s: String) throws -> String {
        if n < 0 { throw GoError("strings: negative Repeat count") }
        let pad = String(repeating: " ", count: n)
        return pad + replaceAll(s, "\n", "\n" + pad)
    }

    /// `strings.Replace(s, old, new, -1)` on bytes.
    static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        if old.isEmpty {
            var out = new
            for ch in s.unicodeScalars { out.unicodeScalars.append(ch); out += new }
            return out
        }
        let sb = Array(s.utf8), ob = Array(old.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(sb.count)
        var i = 0
        let nb = Array(new.utf8)
        while i < sb.count {
            if i + ob.count <= sb.count && sb[i] == ob[0] && Array(sb[i..<(i + ob.count)]) == ob {
                out.append(contentsOf: nb)
                i += ob.count
            } else {
                out.append(sb[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `strings.SplitN(s, sep, n)` (n < 0: all).
    static func splitGo(_ s: String, _ sep: String, _ n: Int) -> [String] {
        if n == 0 { return [] }
        if sep.isEmpty {
            var parts = s.unicodeScalars.map { String($0) }
            if n > 0 && parts.count > n {
                let rest = parts[(n - 1)...].joined()
                parts = Array(parts[..<(n - 1)]) + [rest]
            }
            return parts
        }
        let sb = Array(s.utf8), pb = Array(sep.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        while i + pb.count <= sb.count {
            if n > 0 && parts.count == n - 1 { break }
            if sb[i] == pb[0] && Array(sb[i..<(i + pb.count)]) == pb {
                parts.append(String(decoding: sb[start..<i], as: UTF8.self))
                i += pb.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: sb[start...], as: UTF8.self))
        return parts
    }

    static func title(_ s: String) -> String {
        var out = ""
        var prev: Unicode.Scalar = " "
        for r in s.unicodeScalars {
            if isSeparator(prev) {
                out += String(r).uppercased() == String(r).lowercased() ? String(r) : String(r).titlecasedFirst
            } else {
                out.unicodeScalars.append(r)
            }
            prev = r
        }
        return out
    }

    private static func isSeparator(_ r: Unicode.Scalar) -> Bool {
        if r.value <= 0x7F {
            if (r >= "0" && r <= "9") || (r >= "a" && r <= "z") || (r >= "A" && r <= "Z") || r == "_" { return false }
            return true
        }
        if r.properties.isAlphabetic || r.properties.numericType != nil { return false }
        return r.properties.isWhitespace
    }

    static func untitle(_ s: String) -> String {
        var out = ""
        var atStart = true
        for r in s.unicodeScalars {
            if isGoSpace(r) {
                atStart = true
                out.unicodeScalars.append(r)
            } else if atStart {
                out += String(r).lowercased()
                atStart = false
            } else {
                out.unicodeScalars.append(r)
            }
        }
        return out
    }

    static func initials(_ s: String) -> String {
        var out = ""
        var atStart = true
        for r in s.unicodeScalars {
            if isGoSpace(r) { atStart = true } else if atStart { out.unicodeScalars.append(r); atStart = false }
        }
        return out
    }

    static func swapcase(_ s: String) -> String {
        var out = ""
        var wordStart = true
        for r in s.unicodeScalars {
            let c = String(r)
            if isGoSpace(r) {
                wordStart = true
                out += c
            } else if r.properties.isUppercase || r.properties.generalCategory == .titlecaseLetter {
                out += c.lowercased()
                wordStart = false
            } else if r.properties.isLowercase {
                out += wordStart ? c.titlecasedFirst : c.uppercased()
                wordStart = false
            } else {
                out += c
            }
        }
        return out
    }

    private static func isConnector(_ r: Unicode.Scalar) -> Bool { r == "-" || r == "_" || isGoSpace(r) }

    /// huandu/xstrings `ToCamelCase`.
    static func camelcase(_ s: String) -> String {
        var sc = Array(s.unicodeScalars)[...]
        guard !sc.isEmpty else { return "" }
        var out = ""
        var r0: Unicode.Scalar = " "
        var sawRune = false
        while let r = sc.first {
            sc = sc.dropFirst()
            sawRune = true
            r0 = r
            if !isConnector(r) {
                r0 = String(r).uppercased().unicodeScalars.count == 1 ? String(r).uppercased().unicodeScalars.first! : r
                break
            }
            out.unicodeScalars.append(r)
        }
        if sc.isEmpty {
            if sawRune && !isConnector(r0) { out.unicodeScalars.append(r0) }
            return out
        }
        while let r = sc.first {
            sc = sc.dropFirst()
            let r1 = r0
            r0 = r
            if isConnector(r0) && isConnector(r1) {
                out.unicodeScalars.append(r1)
                continue
            }
            if isConnector(r1) {
                let u = String(r0).uppercased()
                if u.unicodeScalars.count == 1 { r0 = u.unicodeScalars.first! }
            } else {
                out.unicodeScalars.append(r1)
            }
        }
        out.unicodeScalars.append(r0)
        return out
    }

    /// Snake/kebab case: words split at case changes and connectors, lower-cased.
    static func caseWords(_ s: String, _ connector: String) -> String {
        var words: [String] = []
        var cur = ""
        let sc = Array(s.unicodeScalars)
        for (i, r) in sc.enumerated() {
            if isConnector(r) {
                if !cur.isEmpty { words.append(cur); cur = "" }
                continue
            }
            if r.properties.isUppercase, !cur.isEmpty {
                let prev = sc[i - 1]
                let nextLower = i + 1 < sc.count && sc[i + 1].properties.isLowercase
                if prev.properties.isLowercase || (prev.properties.numericType != nil) || (prev.properties.isUppercase && nextLower) {
                    words.append(cur)
                    cur = ""
                }
            }
            cur.unicodeScalars.append(r)
        }
        if !cur.isEmpty { words.append(cur) }
        return words.map { $0.lowercased() }.joined(separator: connector)
    }

    /// goutils `AbbreviateFull`.
    static func abbreviateFull(_ s: String, _ offsetIn: Int, _ maxWidth: Int) -> String {
        let b = Array(s.utf8)
        if b.isEmpty { return "" }
        if b.count <= maxWidth { return s }
        var offset = min(offsetIn, b.count)
        if b.count - offset < maxWidth - 3 { offset = b.count - (maxWidth - 3) }
        if offset <= 4 { return String(decoding: b[0..<(maxWidth - 3)], as: UTF8.self) + "..." }
        if maxWidth < 7 { return "" }
        if offset + maxWidth - 3 < b.count {
            return "..." + abbreviateFull(String(decoding: b[offset...], as: UTF8.self), 0, maxWidth - 3)
        }
        return "..." + String(decoding: b[(b.count - (maxWidth - 3))...], as: UTF8.self)
    }

    /// goutils `WrapCustom`.
    static func wrapCustom(_ s: String, _ wrapLengthIn: Int, _ newLineIn: String, _ wrapLongWords: Bool) -> String {
        let b = Array(s.utf8)
        if b.isEmpty { return "" }
        let newLine = newLineIn.isEmpty ? "\n" : newLineIn
        let wrapLength = max(1, wrapLengthIn)
        var offset = 0
        var out = ""
        func sub(_ a: Int, _ e: Int) -> String { String(decoding: b[a..<e], as: UTF8.self) }
        while b.count - offset > wrapLength {
            if b[offset] == 0x20 { offset += 1; continue }
            let end = min(wrapLength + offset + 1, b.count)
            var spaceToWrapAt = -1
            var k = end - 1
            while k >= offset { if b[k] == 0x20 { spaceToWrapAt = k; break }; k -= 1 }
            if spaceToWrapAt >= offset {
                out += sub(offset, spaceToWrapAt) + newLine
                offset = spaceToWrapAt + 1
            } else if wrapLongWords {
                out += sub(offset, wrapLength + offset) + newLine
                offset += wrapLength
            } else {
                let e = wrapLength + offset
                if let idx = b[e...].firstIndex(of: 0x20) {
                    out += sub(offset, idx) + newLine
                    offset = idx + 1
                } else {
                    out += sub(offset, b.count)
                    offset = b.count
                }
            }
        }
        out += sub(offset, b.count)
        return out
    }
}

extension String {
    var titlecasedFirst: String {
        guard let f = unicodeScalars.first else { return self }
        let t = f.properties.titlecaseMapping
        return t + String(String.UnicodeScalarView(unicodeScalars.dropFirst()))
    }

    func hasPrefixBytes(_ p: String) -> Bool { utf8.starts(with: p.utf8) }
    func hasSuffixBytes(_ p: String) -> Bool { utf8.reversed().starts(with: p.utf8.reversed()) }
    func containsBytes(_ p: String) -> Bool {
        if p.isEmpty { return true }
        let a = Array(utf8), b = Array(p.utf8)
        guard b.count <= a.count else { return false }
        for i in 0...(a.count - b.count) where a[i] == b[0] && Array(a[i..<(i + b.count)]) == b { return true }
        return false
    }
}
