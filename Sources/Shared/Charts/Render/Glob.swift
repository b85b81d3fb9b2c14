/// The glob syntax of `gobwas/glob` with `/` as separator, as `.Files.Glob` uses it:
/// `*` (not across `/`), `**` (across `/`), `?`, `[abc]`, `[a-z]`, `[!x]`, `{a,b}`.
struct Glob: Sendable {
    private let pattern: [Character]

    init(_ pattern: String) { self.pattern = Array(pattern) }

    func matches(_ text: String) -> Bool {
        Self.match(pattern[...], Array(text)[...])
    }

    private static func match(_ p: ArraySlice<Character>, _ t: ArraySlice<Character>) -> Bool {
        guard let c = p.first else { return t.isEmpty }
        let rest = p.dropFirst()
        switch c {
        case "*":
            if rest.first == "*" {
                let after = rest.dropFirst()
                for i in t.startIndex...t.endIndex where match(after, t[i...]) { return true }
                return false
            }
            var i = t.startIndex
            while true {
                if match(rest, t[i...]) { return true }
                guard i < t.endIndex, t[i] != "/" else { return false }
                i += 1
            }
        case "?":
            guard let first = t.first, first != "/" else { return false }
            return match(rest, t.dropFirst())
        case "[":
            guard let close = rest.firstIndex(of: "]"), let first = t.first else { return false }
            var set = rest[rest.startIndex..<close]
            let negate = set.first == "!"
            if negate { set = set.dropFirst() }
            var found = false
            var i = set.startIndex
            while i < set.endIndex {
                if i + 2 < set.endIndex, set[i + 1] == "-" {
                    if set[i] <= first && first <= set[i + 2] { found = true }
                    i += 3
                } else {
                    if set[i] == first { found = true }
                    i += 1
                }
            }
            return found != negate && match(p[(close + 1)...], t.dropFirst())
        case "{":
            guard let close = rest.firstIndex(of: "}") else { return false }
            let after = p[(close + 1)...]
            return rest[rest.startIndex..<close].split(separator: ",", omittingEmptySubsequences: false).contains { alt in
                match(ArraySlice(Array(alt) + after), t)
            }
        case "\\":
            guard let escaped = rest.first, t.first == escaped else { return false }
            return match(rest.dropFirst(), t.dropFirst())
        default:
            guard t.first == c else { return false }
            return match(rest, t.dropFirst())
        }
    }
}
