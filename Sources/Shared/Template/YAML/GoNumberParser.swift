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

    /// `ParseFloat(s, 64)` for decimal texts (Go literal syntax, underscores between digits
    /// allowed): nil when the syntax is wrong or the value overflows (Go's ErrRange).
    static func parseFloat(_ s: String) -> Double? {
        let bytes = Array(s.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        var mantissaDigits = 0
        var sawPoint = false
        while i < bytes.count {
            let c = bytes[i]
            if isDigit(c) {
                mantissaDigits += 1
            } else if c == UInt8(ascii: "_") {
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard mantissaDigits > 0 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            var exponentDigits = 0
            while i < bytes.count, isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "_") {
                if isDigit(bytes[i]) { exponentDigits += 1 }
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == bytes.count else { return nil }
        if bytes.contains(UInt8(ascii: "_")) && !underscoresOK(bytes) { return nil }
        // Swift's parser wants digits around the point ("1." and "1.e5" are valid Go floats).
        var text: [UInt8] = []
        var previous: UInt8 = 0
        for c in bytes where c != UInt8(ascii: "_") {
            if previous == UInt8(ascii: "."), !isDigit(c) { text.append(UInt8(ascii: "0")) }
            text.append(c)
            previous = c
        }
        if previous == UInt8(ascii: ".") { text.append(UInt8(ascii: "0")) }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// Go's `underscoreOK` for decimal numbers: every `_` sits between two digits.
    private static func underscoresOK(_ bytes: [UInt8]) -> Bool {
        var saw = UInt8(ascii: "^")
        var s = bytes[...]
        if let first = s.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { s = s.dropFirst() }
        for c in s {
            if c >= 0x30 && c <= 0x39 {
                saw = UInt8(ascii: "0")
            } else if c == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = c
            } else {
                if saw == UInt8(ascii: "_") { return false }
                saw = UInt8(ascii: "!")
            }
        }
        return saw != UInt8(ascii: "_")
    }
}
