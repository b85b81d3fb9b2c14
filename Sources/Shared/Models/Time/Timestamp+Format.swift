/// Calendar fields and text forms, from ``CivilDate`` arithmetic so formatting needs no `DateFormatter`.
extension Timestamp {
    /// Calendar fields of this instant in UTC.
    public struct Fields: Sendable, Hashable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, microsecond: Int
    }

    public var fields: Fields {
        let (days, rest) = CivilDate.split(microseconds, unitsPerDay: 86_400_000_000)
        let date = CivilDate(daysSinceEpoch: days)
        let secs = Int(rest / 1_000_000)
        return Fields(year: date.year, month: date.month, day: date.day, hour: secs / 3600, minute: secs / 60 % 60,
                      second: secs % 60, microsecond: Int(rest % 1_000_000))
    }

    public init?(fields f: Fields, offsetSeconds: Int = 0) {
        guard (1...12).contains(f.month), (1...31).contains(f.day), (0...23).contains(f.hour),
              (0...59).contains(f.minute), (0...60).contains(f.second), (0..<1_000_000).contains(f.microsecond)
        else { return nil }
        let days = CivilDate(year: f.year, month: f.month, day: f.day).daysSinceEpoch
        let secs = days * 86_400 + Int64(f.hour * 3600 + f.minute * 60 + f.second) - Int64(offsetSeconds)
        self.init(microseconds: secs * 1_000_000 + Int64(f.microsecond))
    }

    /// RFC 3339 as Go's `time.RFC3339Nano` prints a UTC time: `2022-04-12T07:34:09.123Z`.
    public var rfc3339: String {
        let f = fields
        var s = "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))"
        if f.microsecond != 0 {
            var frac = pad(f.microsecond, 6)
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s + "Z"
    }

    /// MariaDB `DATETIME(6)` text in UTC: `2022-04-12 07:34:09.123000`.
    public var sqlDateTime: String {
        let f = fields
        return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2)) \(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2)).\(pad(f.microsecond, 6))"
    }

    /// Parses RFC 3339 (`T` or space separator, optional fraction of up to nine digits, `Z` or
    /// `±hh:mm`) and MariaDB's `YYYY-MM-DD HH:MM:SS[.ffffff]` (taken as UTC).
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<from + count {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2),
              let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2)
        else { return nil }
        var i = 19
        var micro = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 6 { micro = micro * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in min(digits, 6)..<6 { micro *= 10 }
        }
        var offset = 0
        if i == b.count {
            offset = 0
        } else if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.count else { return nil }
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let oh = num(i + 1, 2), let om = num(i + 4, 2)
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        self.init(fields: Fields(year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: micro),
                  offsetSeconds: offset)
    }
}

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
