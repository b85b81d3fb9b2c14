/// Go's `strconv.FormatFloat` for the shortest-representation formats (`'g'`, `'e'`, `'f'` with
/// precision -1) that `fmt`, `encoding/json`, yaml.v2 and the TOML encoders use.
enum GoFloat {
    /// Shortest decimal digits of `value`: `0.d1d2… × 10^point` (Go's `decimal` convention).
    struct Digits {
        var negative: Bool
        var digits: [UInt8]
        var point: Int
    }

    /// `strconv.FormatFloat(value, 'g', -1, bits)` (bits 64, or 32 to round to float32 first).
    static func g(_ value: Double, bits: Int = 64) -> String {
        if let special = special(value) { return special }
        let d = digits(value, bits: bits)
        let exp = d.point - 1
        if exp < -4 || exp >= 6 { return e(d) }
        return f(d)
    }

    /// `strconv.FormatFloat(value, 'e', -1, 64)`.
    static func e(_ value: Double) -> String {
        if let special = special(value) { return special }
        return e(digits(value, bits: 64))
    }

    /// `strconv.FormatFloat(value, 'f', -1, 64)`.
    static func f(_ value: Double) -> String {
        if let special = special(value) { return special }
        return f(digits(value, bits: 64))
    }

    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    private static func e(_ d: Digits) -> String {
        var out = d.negative ? "-" : ""
        let digits = d.digits.isEmpty ? [UInt8(ascii: "0")] : d.digits
        out.unicodeScalars.append(Unicode.Scalar(digits[0]))
        if digits.count > 1 {
            out += "."
            out += String(decoding: digits[1...], as: UTF8.self)
        }
        let exp = d.digits.isEmpty ? 0 : d.point - 1
        out += exp < 0 ? "e-" : "e+"
        let magnitude = abs(exp)
        if magnitude < 10 { out += "0" }
        out += String(magnitude)
        return out
    }

    private static func f(_ d: Digits) -> String {
        var out = d.negative ? "-" : ""
        let nd = d.digits.count
        if d.point <= 0 {
            out += "0"
            if nd > 0 {
                out += "." + String(repeating: "0", count: -d.point)
                out += String(decoding: d.digits, as: UTF8.self)
            }
        } else if d.point >= nd {
            out += String(decoding: d.digits, as: UTF8.self)
            out += String(repeating: "0", count: d.point - nd)
        } else {
            out += String(decoding: d.digits[..<d.point], as: UTF8.self)
            out += "." + String(decoding: d.digits[d.point...], as: UTF8.self)
        }
        return out
    }

    /// The shortest digits that round-trip, from Swift's (also shortest, closest) description.
    static func digits(_ value: Double, bits: Int) -> Digits {
        let text = bits == 32 ? Float(value).description : value.description
        var negative = false
        var mantissa: [UInt8] = []
        var point = 0
        var seenPoint = false
        var exponent = 0
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            switch byte {
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                exponent = Int(String(decoding: bytes, as: UTF8.self)) ?? 0
                bytes = bytes[bytes.endIndex...]
            default:
                mantissa.append(byte)
                if !seenPoint { point += 1 }
            }
        }
        // Strip leading zeros (adjusting the point) and trailing zeros.
        while let first = mantissa.first, first == UInt8(ascii: "0") {
            mantissa.removeFirst()
            point -= 1
        }
        while let last = mantissa.last, last == UInt8(ascii: "0") { mantissa.removeLast() }
        if mantissa.isEmpty { return Digits(negative: negative, digits: [], point: 0) }
        return Digits(negative: negative, digits: mantissa, point: point + exponent)
    }
}
