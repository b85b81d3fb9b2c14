/// Go's `parse.newNumber`: interprets a number, character or complex literal.
enum NumberParser {
    static func parse(_ text: String, type: ItemType, fail: (String) -> ParseFailure) throws(ParseFailure) -> NumberLiteral {
        var n = NumberLiteral(text: text)
        if type == .charConstant {
            guard let s = GoStrconv.unquote(text), let r = s.unicodeScalars.first else {
                throw fail("malformed character constant: \(text)")
            }
            n.int64 = Int64(r.value); n.isInt = true
            n.uint64 = UInt64(r.value); n.isUint = true
            n.float64 = Double(r.value); n.isFloat = true
            return n
        }
        if type == .complex || text.hasSuffix("i") {
            n.isComplex = true
            return n
        }
        let u = parseUInt(text)
        if let u { n.isUint = true; n.uint64 = u }
        if let i = parseInt(text) {
            n.isInt = true
            n.int64 = i
            if i == 0 { n.isUint = true; n.uint64 = u ?? 0 }
        }
        if n.isInt {
            n.isFloat = true
            n.float64 = Double(n.int64)
        } else if n.isUint {
            n.isFloat = true
            n.float64 = Double(n.uint64)
        } else if let f = parseFloat(text) {
            if !text.contains(where: { ".eEpP".contains($0) }) {
                throw fail("integer overflow: \(GoStrconv.quote(text))")
            }
            n.isFloat = true
            n.float64 = f
            if !n.isInt, f.rounded(.towardZero) == f, abs(f) < 9.223372036854775807e18 {
                n.isInt = true; n.int64 = Int64(f)
            }
            if !n.isUint, f >= 0, f.rounded(.towardZero) == f, f < 1.8446744073709552e19 {
                n.isUint = true; n.uint64 = UInt64(f)
            }
        }
        if !n.isInt && !n.isUint && !n.isFloat {
            throw fail("illegal number syntax: \(GoStrconv.quote(text))")
        }
        return n
    }

    /// `strconv.ParseUint(s, 0, 64)`.
    static func parseUInt(_ text: String) -> UInt64? {
        var s = Substring(text)
        if s.hasPrefix("+") || s.hasPrefix("-") { return nil }
        var base = 10
        var prefixed = false
        if s.hasPrefix("0x") || s.hasPrefix("0X") { base = 16; s = s.dropFirst(2); prefixed = true }
        else if s.hasPrefix("0o") || s.hasPrefix("0O") { base = 8; s = s.dropFirst(2); prefixed = true }
        else if s.hasPrefix("0b") || s.hasPrefix("0B") { base = 2; s = s.dropFirst(2); prefixed = true }
        else if s.hasPrefix("0") && s.count > 1 { base = 8; s = s.dropFirst(1); prefixed = true }
        guard underscoreOK(String(s), prefixed: prefixed) else { return nil }
        let digits = s.filter { $0 != "_" }
        guard !digits.isEmpty else { return nil }
        return UInt64(digits, radix: base)
    }

    /// `strconv.ParseInt(s, 0, 64)`.
    static func parseInt(_ text: String) -> Int64? {
        var s = Substring(text)
        var neg = false
        if s.hasPrefix("+") { s = s.dropFirst() } else if s.hasPrefix("-") { neg = true; s = s.dropFirst() }
        guard let u = parseUInt(String(s)) else { return nil }
        if neg {
            if u > UInt64(Int64.max) + 1 { return nil }
            return u == UInt64(Int64.max) + 1 ? Int64.min : -Int64(u)
        }
        return u > UInt64(Int64.max) ? nil : Int64(u)
    }

    /// Go's underscore placement rule: only between digits (or after a base prefix).
    private static func underscoreOK(_ s: String, prefixed: Bool) -> Bool {
        guard s.contains("_") else { return true }
        var prev: Character = prefixed ? "0" : "!"
        var first = true
        for c in s {
            if c == "_" {
                if first && !prefixed { return false }
                if prev == "_" { return false }
            }
            prev = c
            first = false
        }
        return prev != "_"
    }

    /// `strconv.ParseFloat(s, 64)` for the literal forms the lexer produces.
    static func parseFloat(_ text: String) -> Double? {
        let cleaned = text.filter { $0 != "_" }
        if cleaned.lowercased().hasPrefix("0x") || cleaned.lowercased().hasPrefix("+0x") || cleaned.lowercased().hasPrefix("-0x") {
            return Double(cleaned)
        }
        guard cleaned.contains(where: { $0.isNumber }) else { return nil }
        return Double(cleaned)
    }
}
