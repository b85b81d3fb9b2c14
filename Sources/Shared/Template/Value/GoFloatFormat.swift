#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's float formatting (`strconv.FormatFloat` and `fmt` float verbs).
enum GoFloatFormat {
    /// Shortest decimal digits and decimal-point position: value = 0.d1d2… × 10^dp.
    static func shortestDigits(_ v: Double) -> (digits: [UInt8], dp: Int) {
        let s = abs(v).description  // Swift prints the shortest round-trip representation
        var mantissa = s
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(s[s.startIndex..<e])
            exp = Int(s[s.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var frac = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = String(mantissa[mantissa.startIndex..<dot])
            frac = String(mantissa[mantissa.index(after: dot)...])
        }
        var digits = Array((intPart + frac).utf8).map { $0 - 48 }
        var dp = intPart.count + exp
        while let f = digits.first, f == 0, digits.count > 1 { digits.removeFirst(); dp -= 1 }
        while let l = digits.last, l == 0, digits.count > 1 { digits.removeLast() }
        if digits == [0] { dp = 1 }
        return (digits, dp)
    }

    /// `strconv.FormatFloat(v, 'g', -1, 64)` with an exponent threshold (`%v` uses 21 only in
    /// JSON; fmt uses the `%e` form when exp < -4 || exp >= eprec).
    static func formatShortest(_ v: Double, upper: Bool = false, eprecShortest: Int = 6) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        let neg = v.sign == .minus
        if v == 0 { return neg ? "-0" : "0" }
        let (digits, dp) = shortestDigits(v)
        let exp = dp - 1
        var out = neg ? "-" : ""
        var eprec = eprecShortest
        if eprec > digits.count && digits.count >= dp { eprec = digits.count }
        eprec = eprecShortest
        if exp < -4 || exp >= eprec {
            out += String(Character(Unicode.Scalar(digits[0] + 48)))
            if digits.count > 1 {
                out += "."
                out += String(decoding: digits.dropFirst().map { $0 + 48 }, as: UTF8.self)
            }
            out += upper ? "E" : "e"
            out += exp < 0 ? "-" : "+"
            let ae = abs(exp)
            out += ae < 10 ? "0\(ae)" : "\(ae)"
            return out
        }
        if dp <= 0 {
            out += "0." + String(repeating: "0", count: -dp)
            out += String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        } else if dp >= digits.count {
            out += String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
            out += String(repeating: "0", count: dp - digits.count)
        } else {
            out += String(decoding: digits[0..<dp].map { $0 + 48 }, as: UTF8.self)
            out += "."
            out += String(decoding: digits[dp...].map { $0 + 48 }, as: UTF8.self)
        }
        return out
    }

    /// `strconv.FormatFloat(v, 'e'|'f'|'g', prec, 64)` via the C library (correctly rounded).
    static func formatC(_ v: Double, verb: Character, prec: Int, sharp: Bool = false) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        let fmt = "%" + (sharp ? "#" : "") + ".*" + String(verb)
        var buf = [CChar](repeating: 0, count: 512)
        let n = withVaList([Int32(prec), v]) { vsnprintf(&buf, buf.count, fmt, $0) }
        if n >= buf.count {
            buf = [CChar](repeating: 0, count: Int(n) + 1)
            _ = withVaList([Int32(prec), v]) { vsnprintf(&buf, buf.count, fmt, $0) }
        }
        let s = cString(buf)
        if verb == "a" || verb == "A" { return fixHexExponent(s) }
        return s
    }

    /// Shortest `%x` form of a float: `0x1.cp+01`.
    static func formatHex(_ v: Double, upper: Bool, prec: Int) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        let fmt = prec < 0 ? (upper ? "%A" : "%a") : (upper ? "%.*A" : "%.*a")
        var buf = [CChar](repeating: 0, count: 128)
        if prec < 0 {
            _ = withVaList([v]) { vsnprintf(&buf, buf.count, fmt, $0) }
        } else {
            _ = withVaList([Int32(prec), v]) { vsnprintf(&buf, buf.count, fmt, $0) }
        }
        return fixHexExponent(cString(buf))
    }

    private static func cString(_ buf: [CChar]) -> String {
        String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func fixHexExponent(_ s: String) -> String {
        guard let p = s.lastIndex(where: { $0 == "p" || $0 == "P" }) else { return s }
        let head = s[s.startIndex...p]
        var rest = s[s.index(after: p)...]
        var sign = "+"
        if rest.hasPrefix("+") || rest.hasPrefix("-") { sign = String(rest.first!); rest = rest.dropFirst() }
        let digits = rest.count < 2 ? "0" + rest : String(rest)
        return head + sign + digits
    }
}
