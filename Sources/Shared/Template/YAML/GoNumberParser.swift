/// Go's `strconv.ParseInt`/`ParseUint`/`ParseFloat` for the inputs yaml.v2's resolver gives them.
enum GoNumberParser {
    enum Integer: Equatable {
        case int(Int)
        case uint(UInt64)
    }

    /// `ParseInt(s, radix, 64)`, falling back to `ParseUint(s, radix, 64)`; radix 0 means Go's
    /// prefix rules (`0x`, `0o`, `0b`, leading `0` = octal). Nil when both fail.
    static func parseInt(_ s: String, radix: Int = 0) -> Integer? {
        var bytes = Array(s.utf8)[...]
        guard let first = bytes.first else { return nil }
        var negative = false
        var signed = false
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            signed = true
            bytes = bytes.dropFirst()
        }
        guard let magnitude = parseUint(bytes, radix: radix) else { return nil }
        if negative {
            if magnitude <= UInt64(Int.max) { return .int(-Int(magnitude)) }
            if magnitude == UInt64(Int.max) + 1 { return .int(Int.min) }
            return nil
        }
        if magnitude <= UInt64(Int.max) { return .int(Int(magnitude)) }
        // ParseInt overflows; ParseUint accepts only an unsigned text.
        return signed ? nil : .uint(magnitude)
    }

    private static func parseUint(_ input: ArraySlice<UInt8>, radix: Int) -> UInt64? {
        var s = input
        guard let first = s.first else { return nil }
        var base = UInt64(radix)
        if radix == 0 {
            base = 10
            if first == UInt8(ascii: "0") {
                let second = s.count >= 3 ? s[s.startIndex + 1] | 0x20 : 0
                switch second {
                case UInt8(ascii: "b"): base = 2; s = s.dropFirst(2)
                case UInt8(ascii: "o"): base = 8; s = s.dropFirst(2)
                case UInt8(ascii: "x"): base = 16; s = s.dropFirst(2)
                default: base = 8; s = s.dropFirst()
                }
            }
        }
        var n: UInt64 = 0
        for c in s {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard d < base else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (sum, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            n = sum
        }
        return n
    }

    /// yaml.v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLStyleFloat(_ s: String) -> Bool {
        var bytes = Array(s.utf8)[...]
        func digits() -> Int {
            var count = 0
            while let c = bytes.first, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                bytes = bytes.dropFirst()
                count += 1
            }
            return count
        }
        if let c = bytes.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                _ = digits()
            }
        }
        if let c = bytes.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let c = bytes.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// `ParseFloat(s, 64)` for decimal texts: nil when the syntax is not a decimal float or the
    /// value overflows (Go's ErrRange).
    static func parseFloat(_ s: String) -> Double? {
        guard isYAMLStyleFloat(s) else { return nil }
        // Swift's parser wants a digit after the point ("1." and "1.e5" are valid Go floats).
        var bytes: [UInt8] = []
        var previous: UInt8 = 0
        for c in s.utf8 {
            if previous == UInt8(ascii: "."), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                bytes.append(UInt8(ascii: "0"))
            }
            bytes.append(c)
            previous = c
        }
        if previous == UInt8(ascii: ".") { bytes.append(UInt8(ascii: "0")) }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}

