extension YAML {
    /// Helm's `releaseutil.SplitManifests`: the rendered text is trimmed, split with the Go regexp
    /// `(?:^|\s*\n)---\s*` and every non-empty piece trimmed, in order. A `---` only separates
    /// when it starts a line (or the text); the separator's trailing whitespace is consumed, so a
    /// second `---` right after it stays inside the next document.
    public static func splitManifests(_ text: String) -> [String] {
        let bytes = Array(goTrimSpace(text).utf8)
        var pieces: [String] = []
        var pieceStart = 0
        var searchStart = 0
        while let (matchStart, matchEnd) = nextSeparator(bytes, from: searchStart) {
            pieces.append(String(decoding: bytes[pieceStart..<matchStart], as: UTF8.self))
            pieceStart = matchEnd
            searchStart = matchEnd
        }
        pieces.append(String(decoding: bytes[pieceStart...], as: UTF8.self))
        return pieces.filter { !$0.isEmpty }.map(goTrimSpace)
    }

    /// RE2's `\s`: `[\t\n\f\r ]`.
    private static func isRegexSpace(_ c: UInt8) -> Bool {
        c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20
    }

    private static func isDashes(_ b: [UInt8], _ i: Int) -> Bool {
        i + 2 < b.count && b[i] == 0x2D && b[i + 1] == 0x2D && b[i + 2] == 0x2D
    }

    /// The leftmost match of `(?:^|\s*\n)---\s*` at or after `from`.
    private static func nextSeparator(_ b: [UInt8], from: Int) -> (Int, Int)? {
        var start: Int?
        var dashes = 0
        if from == 0 && isDashes(b, 0) {
            start = 0
            dashes = 0
        } else {
            var i = from
            while i < b.count {
                if b[i] == 0x0A && isDashes(b, i + 1) {
                    var s = i
                    while s > from && isRegexSpace(b[s - 1]) { s -= 1 }
                    start = s
                    dashes = i + 1
                    break
                }
                i += 1
            }
        }
        guard let start else { return nil }
        var end = dashes + 3
        while end < b.count && isRegexSpace(b[end]) { end += 1 }
        return (start, end)
    }

    /// Go's `strings.TrimSpace` (Unicode white space).
    static func goTrimSpace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true
            default:
                return false
            }
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}
