/// Whether yaml.v2's `parseTimestamp` accepts a text: Go's `time.Parse` with the layouts
/// `2006-1-2T15:4:5.999999999Z07:00` (also lower-case `t`), `2006-1-2 15:4:5.999999999` and
/// `2006-1-2`.
enum GoTimestamp {
    static func isTimestamp(_ text: String) -> Bool {
        // Four digits and a dash first, checked before copying anything.
        var prefix = 0
        for c in text.utf8.prefix(5) {
            guard prefix < 4 ? isDigit(c) : c == UInt8(ascii: "-") else { return false }
            prefix += 1
        }
        guard prefix == 5 else { return false }
        let s = Array(text.utf8)
        var scanner = Scanner(bytes: s, position: 0)
        guard let year = scanner.fixed(4), scanner.literal(UInt8(ascii: "-")),
              let month = scanner.number(), (1...12).contains(month),
              scanner.literal(UInt8(ascii: "-")),
              let day = scanner.number(), day >= 1, day <= daysIn(month: month, year: year)
        else { return false }
        if scanner.atEnd { return true }
        let separator = scanner.next()
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
              let hour = scanner.number(), hour < 24, scanner.literal(UInt8(ascii: ":")),
              let minute = scanner.number(), minute < 60, scanner.literal(UInt8(ascii: ":")),
              let second = scanner.number(), second < 60
        else { return false }
        // Optional fractional seconds.
        if scanner.peek() == UInt8(ascii: "."), scanner.peek(1).map(isDigit) == true {
            _ = scanner.next()
            while let c = scanner.peek(), isDigit(c) { _ = scanner.next() }
        }
        if separator == UInt8(ascii: " ") { return scanner.atEnd }
        // Z07:00
        if scanner.peek() == UInt8(ascii: "Z") {
            _ = scanner.next()
            return scanner.atEnd
        }
        guard let sign = scanner.next(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let hh = scanner.fixed(2), scanner.literal(UInt8(ascii: ":")), let mm = scanner.fixed(2),
              hh <= 24, mm <= 60
        else { return false }
        return scanner.atEnd
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position: Int

        var atEnd: Bool { position >= bytes.count }

        func peek(_ offset: Int = 0) -> UInt8? {
            position + offset < bytes.count ? bytes[position + offset] : nil
        }

        mutating func next() -> UInt8? {
            guard position < bytes.count else { return nil }
            position += 1
            return bytes[position - 1]
        }

        mutating func literal(_ c: UInt8) -> Bool {
            guard peek() == c else { return false }
            position += 1
            return true
        }

        /// Go's `getnum(value, false)`: one digit, or two when the second is a digit.
        mutating func number() -> Int? {
            guard let first = peek(), GoTimestamp.isDigit(first) else { return nil }
            position += 1
            var value = Int(first - UInt8(ascii: "0"))
            if let second = peek(), GoTimestamp.isDigit(second) {
                position += 1
                value = value * 10 + Int(second - UInt8(ascii: "0"))
            }
            return value
        }

        mutating func fixed(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let c = peek(), GoTimestamp.isDigit(c) else { return nil }
                position += 1
                value = value * 10 + Int(c - UInt8(ascii: "0"))
            }
            return value
        }
    }
}
