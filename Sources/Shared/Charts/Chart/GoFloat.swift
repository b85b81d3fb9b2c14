/// Go's `strconv.FormatFloat(f, 'g', -1, bitSize)`: shortest digits that round-trip at `bitSize`,
/// exponent form when the decimal exponent is below -4 or at least 6 (precision 6 for shortest).
enum GoFloat {
    static func formatG(_ value: Double, bitSize: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let text = bitSize == 32 ? Float(value).description : value.description
        var (negative, digits, pointPosition) = decompose(text)
        // Drop trailing zeros (Swift prints "1.0"); keep one digit for zero.
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        if digits.allSatisfy({ $0 == "0" }) { digits = ["0"]; pointPosition = 1 }
        let sign = negative ? "-" : ""
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits[0])
            if digits.count > 1 { mantissa += "." + String(digits[1...]) }
            let magnitude = abs(exponent)
            let expDigits = magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + expDigits
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + String(digits)
        }
        if pointPosition >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: pointPosition - digits.count)
        }
        return sign + String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
    }

    /// Splits Swift's float description into sign, significant digits and the position of the
    /// decimal point relative to the first digit (value = 0.d1d2… × 10^point).
    private static func decompose(_ text: String) -> (Bool, [Character], Int) {
        var s = Substring(text)
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0
            s = s[..<e]
        }
        let intPart = s.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
        var digits = Array(s.filter { $0 != "." })
        var point = intPart.count + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        return (negative, digits, point)
    }
}
