extension Sprig {
    private static func compile(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern).matchingSemantics(.unicodeScalar)
        } catch {
            throw GoError("error parsing regexp: \(pattern)")
        }
    }

    private static func findAll(_ re: Regex<AnyRegexOutput>, _ s: String, _ n: Int) -> [Regex<AnyRegexOutput>.Match] {
        var out: [Regex<AnyRegexOutput>.Match] = []
        for m in s.matches(of: re) {
            if n >= 0 && out.count >= n { break }
            out.append(m)
        }
        return out
    }

    static let regexes: [String: GoFunction] = {
        var f: [String: GoFunction] = [:]
        f["regexMatch"] = .plain([.string, .string]) { a in
            guard let re = try? compile(str(a[0])) else { return .bool(false) }
            return .bool(str(a[1]).contains(re))
        }
        f["mustRegexMatch"] = .plain([.string, .string]) { a in
            .bool(str(a[1]).contains(try compile(str(a[0]))))
        }
        let findAllFn: GoFunction = .plain([.string, .string, .int]) { a in
            let re = try compile(str(a[0]))
            let s = str(a[1])
            return .strings(findAll(re, s, int(a[2])).map { String(s.unicodeScalars[$0.range]) })
        }
        f["regexFindAll"] = findAllFn
        f["mustRegexFindAll"] = findAllFn
        let findFn: GoFunction = .plain([.string, .string]) { a in
            let re = try compile(str(a[0]))
            let s = str(a[1])
            guard let m = s.firstMatch(of: re) else { return .string("") }
            return .string(String(s.unicodeScalars[m.range]))
        }
        f["regexFind"] = findFn
        f["mustRegexFind"] = findFn
        let replaceFn: GoFunction = .plain([.string, .string, .string]) { a in
            .string(try replace(str(a[0]), str(a[1]), str(a[2]), literal: false))
        }
        f["regexReplaceAll"] = replaceFn
        f["mustRegexReplaceAll"] = replaceFn
        let replaceLiteralFn: GoFunction = .plain([.string, .string, .string]) { a in
            .string(try replace(str(a[0]), str(a[1]), str(a[2]), literal: true))
        }
        f["regexReplaceAllLiteral"] = replaceLiteralFn
        f["mustRegexReplaceAllLiteral"] = replaceLiteralFn
        let splitFn: GoFunction = .plain([.string, .string, .int]) { a in
            let re = try compile(str(a[0]))
            let s = str(a[1])
            let n = int(a[2])
            if n == 0 { return .strings([]) }
            if str(a[0]).isEmpty { return .strings(splitGo(s, "", n)) }
            let matches = findAll(re, s, -1)
            var out: [String] = []
            var beg = s.unicodeScalars.startIndex
            for m in matches {
                if n > 0 && out.count == n - 1 { break }
                if m.range.isEmpty && m.range.lowerBound == s.unicodeScalars.startIndex { continue }
                out.append(String(s.unicodeScalars[beg..<m.range.lowerBound]))
                beg = m.range.upperBound
            }
            out.append(String(s.unicodeScalars[beg...]))
            return .strings(out)
        }
        f["regexSplit"] = splitFn
        f["mustRegexSplit"] = splitFn
        f["regexQuoteMeta"] = .plain([.string]) { a in
            var out = ""
            for r in str(a[0]).unicodeScalars {
                if "\\.+*?()|[]{}^$".unicodeScalars.contains(r) { out += "\\" }
                out.unicodeScalars.append(r)
            }
            return .string(out)
        }
        return f
    }()

    /// Go's `ReplaceAllString` (with `$1`/`${name}` expansion) or `ReplaceAllLiteralString`.
    static func replace(_ pattern: String, _ s: String, _ repl: String, literal: Bool) throws -> String {
        let re = try compile(pattern)
        var out = ""
        var last = s.unicodeScalars.startIndex
        for m in s.matches(of: re) {
            out += String(s.unicodeScalars[last..<m.range.lowerBound])
            if literal {
                out += repl
            } else {
                out += expand(repl, m, s)
            }
            last = m.range.upperBound
        }
        out += String(s.unicodeScalars[last...])
        return out
    }

    /// Go's `Regexp.Expand` template syntax.
    private static func expand(_ template: String, _ m: Regex<AnyRegexOutput>.Match, _ s: String) -> String {
        let t = Array(template.unicodeScalars)
        var out = ""
        var i = 0
        func group(_ name: String) -> String {
            if let n = Int(name) {
                guard n < m.output.count, let r = m.output[n].range else { return "" }
                return String(s.unicodeScalars[r])
            }
            guard let g = m.output[name], let r = g.range else { return "" }
            return String(s.unicodeScalars[r])
        }
        func isWord(_ r: Unicode.Scalar) -> Bool {
            r == "_" || (r >= "a" && r <= "z") || (r >= "A" && r <= "Z") || (r >= "0" && r <= "9")
        }
        while i < t.count {
            if t[i] != "$" { out.unicodeScalars.append(t[i]); i += 1; continue }
            i += 1
            guard i < t.count else { break }
            if t[i] == "$" { out += "$"; i += 1; continue }
            var name = ""
            if t[i] == "{" {
                var j = i + 1
                while j < t.count && isWord(t[j]) { name.unicodeScalars.append(t[j]); j += 1 }
                if j < t.count && t[j] == "}" && !name.isEmpty {
                    out += group(name)
                    i = j + 1
                } else {
                    out += "$"
                }
                continue
            }
            var j = i
            while j < t.count && isWord(t[j]) { name.unicodeScalars.append(t[j]); j += 1 }
            if name.isEmpty { out += "$"; continue }
            out += group(name)
            i = j
        }
        return out
    }
}
