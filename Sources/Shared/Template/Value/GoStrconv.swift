/// Go's `strconv` quoting rules.
public enum GoStrconv {
    /// `strconv.Quote`: double-quoted Go string literal, printable runes kept.
    public static func quote(_ s: String, asciiOnly: Bool = false) -> String {
        var out = "\""
        for r in s.unicodeScalars { appendEscaped(&out, r, quote: "\"", asciiOnly: asciiOnly) }
        out += "\""
        return out
    }

    /// `strconv.QuoteRune`.
    static func quoteRune(_ r: Unicode.Scalar, asciiOnly: Bool = false) -> String {
        var out = "'"
        appendEscaped(&out, r, quote: "'", asciiOnly: asciiOnly)
        out += "'"
        return out
    }

    /// `%#U`-style rendering used in lexer errors: `U+002D '-'`.
    static func unicodeHash(_ r: Unicode.Scalar) -> String {
        let hex = String(r.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if isPrint(r) { return "U+\(padded) '\(Character(r))'" }
        return "U+\(padded)"
    }

    /// Go's `strconv.IsPrint`.
    static func isPrint(_ r: Unicode.Scalar) -> Bool {
        if r.isASCII { return r.value >= 0x20 && r.value < 0x7F }
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        case .spaceSeparator:
            return r.value == 0x20
        default:
            return false
        }
    }

    static func appendEscaped(_ out: inout String, _ r: Unicode.Scalar, quote: Character, asciiOnly: Bool) {
        if Character(r) == quote || r == "\\" {
            out += "\\"
            out.unicodeScalars.append(r)
            return
        }
        if asciiOnly ? (r.isASCII && isPrint(r)) : isPrint(r) {
            out.unicodeScalars.append(r)
            return
        }
        switch r {
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            let v = r.value
            if v < 0x20 || v == 0x7F {
                out += "\\x" + hex(v, 2)
            } else if v < 0x10000 {
                out += "\\u" + hex(v, 4)
            } else {
                out += "\\U" + hex(v, 8)
            }
        }
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }

    /// `strconv.Unquote` for Go string, raw string and rune literals; nil when malformed.
    static func unquote(_ s: String) -> String? {
        let scalars = Array(s.unicodeScalars)
        guard scalars.count >= 2, let q = scalars.first, scalars.last == q else { return nil }
        let body = scalars[1..<(scalars.count - 1)]
        if q == "`" {
            if body.contains("`") { return nil }
            return String(String.UnicodeScalarView(body.filter { $0 != "\r" }))
        }
        guard q == "\"" || q == "'" else { return nil }
        var out = String.UnicodeScalarView()
        var i = body.startIndex
        while i < body.endIndex {
            let c = body[i]
            if c == q || c == "\n" { return nil }
            if c != "\\" { out.append(c); i += 1; continue }
            guard let (r, next) = unescape(body, i, quote: q) else { return nil }
            out.append(contentsOf: r)
            i = next
        }
        let result = String(out)
        if q == "'" && result.unicodeScalars.count != 1 { return nil }
        return result
    }

    /// Decodes one escape sequence starting at the backslash at `i`.
    static func unescape(_ b: ArraySlice<Unicode.Scalar>, _ i: Int, quote: Unicode.Scalar) -> ([Unicode.Scalar], Int)? {
        var j = i + 1
        guard j < b.endIndex else { return nil }
        let c = b[j]
        j += 1
        func hexDigits(_ n: Int) -> UInt32? {
            guard j + n <= b.endIndex else { return nil }
            var v: UInt32 = 0
            for k in 0..<n {
                guard let d = b[j + k].properties.numericType != nil ? UInt32(String(b[j + k]), radix: 16) : UInt32(String(b[j + k]), radix: 16) else { return nil }
                v = v * 16 + d
            }
            j += n
            return v
        }
        switch c {
        case "a": return (["\u{07}"], j)
        case "b": return (["\u{08}"], j)
        case "f": return (["\u{0C}"], j)
        case "n": return (["\n"], j)
        case "r": return (["\r"], j)
        case "t": return (["\t"], j)
        case "v": return (["\u{0B}"], j)
        case "\\": return (["\\"], j)
        case "'", "\"":
            guard c == quote else { return nil }
            return ([c], j)
        case "x":
            guard let v = hexDigits(2), let s = Unicode.Scalar(v) else { return nil }
            return ([s], j)
        case "u":
            guard let v = hexDigits(4), let s = Unicode.Scalar(v) else { return nil }
            return ([s], j)
        case "U":
            guard let v = hexDigits(8), let s = Unicode.Scalar(v) else { return nil }
            return ([s], j)
        case "0"..."7":
            var v = UInt32(c.value - 48)
            for _ in 0..<2 {
                guard j < b.endIndex, b[j] >= "0", b[j] <= "7" else { return nil }
                v = v * 8 + (b[j].value - 48)
                j += 1
            }
            guard v <= 255, let s = Unicode.Scalar(v) else { return nil }
            return ([s], j)
        default:
            return nil
        }
    }
}
