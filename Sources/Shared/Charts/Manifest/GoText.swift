/// Go string helpers that must match Go byte for byte (Swift's `String` treats `"\r\n"` as one
/// character, so these work on UTF-8 bytes).
enum GoText {
    /// `strings.TrimSpace`: strips leading and trailing Unicode white space (`unicode.IsSpace`).
    static func trimSpace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end {
            let length = spaceLength(bytes, at: start, end: end)
            if length == 0 { break }
            start += length
        }
        while end > start {
            var scalarStart = end - 1
            while scalarStart > start, bytes[scalarStart] & 0xC0 == 0x80, end - scalarStart < 4 { scalarStart -= 1 }
            let length = spaceLength(bytes, at: scalarStart, end: end)
            if length == 0 || scalarStart + length != end { break }
            end = scalarStart
        }
        return bytes[start..<end]
    }

    /// `strings.TrimSpace` on a string.
    static func trimSpace(_ s: String) -> String {
        let bytes = Array(s.utf8)
        return String(decoding: trimSpace(bytes[...]), as: UTF8.self)
    }

    /// Whether the text is empty after `strings.TrimSpace`.
    static func isBlank(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        return trimSpace(bytes[...]).isEmpty
    }

    /// The UTF-8 length of the white-space character at `i`, or 0 when there is none.
    private static func spaceLength(_ b: ArraySlice<UInt8>, at i: Int, end: Int) -> Int {
        let c = b[i]
        switch c {
        case 0x09...0x0D, 0x20: return 1
        case 0xC2 where i + 1 < end && (b[i + 1] == 0x85 || b[i + 1] == 0xA0): return 2
        case 0xE1 where i + 2 < end && b[i + 1] == 0x9A && b[i + 2] == 0x80: return 3   // U+1680
        case 0xE2 where i + 2 < end:
            let (c1, c2) = (b[i + 1], b[i + 2])
            if c1 == 0x80 && (0x80...0x8A).contains(c2) { return 3 }                 // U+2000–U+200A
            if c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }    // U+2028, U+2029, U+202F
            if c1 == 0x81 && c2 == 0x9F { return 3 }                                  // U+205F
            return 0
        case 0xE3 where i + 2 < end && b[i + 1] == 0x80 && b[i + 2] == 0x80: return 3   // U+3000
        default: return 0
        }
    }

    /// RE2's `\s`: `[\t\n\f\r ]`.
    static func isRE2Space(_ c: UInt8) -> Bool {
        c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20
    }
}

extension GoText {
    /// `strings.ReplaceAll` on UTF-8 bytes (Swift's character-based replacing could merge a
    /// match with a following combining mark).
    static func replaceAll(_ s: String, _ old: String, with new: String) -> String {
        let needle = Array(old.utf8)
        guard let first = needle.first else { return s }
        var result: [UInt8] = []
        var found = false
        var utf8 = Array(s.utf8)
        var i = 0
        result.reserveCapacity(utf8.count)
        while i < utf8.count {
            if utf8[i] == first, i + needle.count <= utf8.count, utf8[i..<i + needle.count].elementsEqual(needle) {
                result.append(contentsOf: new.utf8)
                i += needle.count
                found = true
            } else {
                result.append(utf8[i])
                i += 1
            }
        }
        if !found { return s }
        utf8 = result
        return String(decoding: utf8, as: UTF8.self)
    }
}
