/// Helm's `releaseutil.SplitManifests`: one rendered file into YAML documents.
public enum ManifestSplitter {
    /// Splits `text` like Helm v3.9.4: `TrimSpace`, then Go's `regexp.Split` with
    /// `(?:^|\s*\n)---\s*`, dropping empty pieces and trimming each piece.
    ///
    /// `---` must start a line but may be followed by anything on it; consecutive separators can
    /// leave a `---` inside the next document; `\r` inside lines is kept.
    public static func split(_ text: String) -> [String] {
        let all = Array(text.utf8)
        let bytes = GoText.trimSpace(all[...])
        var pieces: [String] = []
        var begin = bytes.startIndex
        var lastMatchStart = bytes.startIndex
        var searchFrom = bytes.startIndex
        var matchedAny = false
        while let (matchStart, matchEnd) = nextSeparator(in: bytes, from: searchFrom) {
            matchedAny = true
            lastMatchStart = matchStart
            if matchEnd != bytes.startIndex {
                pieces.append(String(decoding: bytes[begin..<matchStart], as: UTF8.self))
            }
            begin = matchEnd
            searchFrom = matchEnd
        }
        // Go: `if end != len(s) { append(s[beg:]) }` where end is the last match's start (0 if none).
        let end = matchedAny ? lastMatchStart : bytes.startIndex
        if end != bytes.endIndex || bytes.isEmpty {
            pieces.append(String(decoding: bytes[begin..<bytes.endIndex], as: UTF8.self))
        }
        return pieces.compactMap { piece in
            piece.isEmpty ? nil : GoText.trimSpace(piece)
        }
    }

    /// The leftmost match of `(?:^|\s*\n)---\s*` at or after `from`.
    static func nextSeparator(in b: ArraySlice<UInt8>, from: Int) -> (Int, Int)? {
        let dash = UInt8(ascii: "-")
        func isDashes(_ i: Int) -> Bool {
            i + 3 <= b.endIndex && b[i] == dash && b[i + 1] == dash && b[i + 2] == dash
        }
        func matchEnd(afterDashesAt i: Int) -> Int {
            var j = i + 3
            while j < b.endIndex, GoText.isRE2Space(b[j]) { j += 1 }
            return j
        }
        // `^` matches only at the very start of the text.
        if from == b.startIndex, isDashes(from) {
            return (from, matchEnd(afterDashesAt: from))
        }
        var q = from
        while q < b.endIndex {
            if b[q] == 0x0A, isDashes(q + 1) {
                // Walk back over the white space run before the newline (greedy `\s*`), not
                // before the search start.
                var p = q
                while p > from, GoText.isRE2Space(b[p - 1]) { p -= 1 }
                return (p, matchEnd(afterDashesAt: q + 1))
            }
            q += 1
        }
        return nil
    }
}
