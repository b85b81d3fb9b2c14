extension Sprig {
    /// The time argument of Sprig's date functions (`time.Time`, or Unix seconds as int/int64/int32).
    private static func timeArg(_ v: Value) -> GoTime {
        switch v {
        case .object(let o as GoTime): return o
        case .int(let i): return GoTime(seconds: Int64(i), nanos: 0, zoneName: "UTC", offset: 0)
        case .int64(let i): return GoTime(seconds: i, nanos: 0, zoneName: "UTC", offset: 0)
        default: return GoTime(seconds: 0, nanos: 0, zoneName: "UTC", offset: 0)
        }
    }

    static func dateInZone(_ fmt: String, _ date: Value, _ zone: String) -> String {
        let t = timeArg(date)
        let z = t.inZone(zone) ?? t.inZone("UTC")!
        return z.format(fmt)
    }

    private static func timeValue(_ v: Value) throws -> GoTime {
        guard case .object(let o as GoTime) = v else {
            throw GoError("wrong type for value; expected time.Time; got \(GoFormat.typeName(v))")
        }
        return o
    }

    static let dates: [String: GoFunction] = [
        "date": .plain([.string, .interface]) { a in .string(dateInZone(str(a[0]), a[1], "Local")) },
        "dateInZone": .plain([.string, .interface, .string]) { a in .string(dateInZone(str(a[0]), a[1], str(a[2]))) },
        "date_in_zone": .plain([.string, .interface, .string]) { a in .string(dateInZone(str(a[0]), a[1], str(a[2]))) },
        "htmlDate": .plain([.interface]) { a in .string(dateInZone("2006-01-02", a[0], "Local")) },
        "htmlDateInZone": .plain([.interface, .string]) { a in .string(dateInZone("2006-01-02", a[0], str(a[1]))) },
        "toDate": .plain([.string, .string]) { a in
            .object(GoTime.parse(layout: str(a[0]), value: str(a[1]), defaultZone: "Local")
                ?? GoTime(seconds: -62135596800, nanos: 0, zoneName: "UTC", offset: 0))
        },
        "mustToDate": .plain([.string, .string]) { a in
            guard let t = GoTime.parse(layout: str(a[0]), value: str(a[1]), defaultZone: "Local") else {
                throw GoError("parsing time \(GoStrconv.quote(str(a[1]))) as \(GoStrconv.quote(str(a[0]))): cannot parse")
            }
            return .object(t)
        },
        "dateModify": .plain([.string, .interface]) { a in
            let t = try timeValue(a[1])
            guard let d = GoDuration.parse(str(a[0])) else { return a[1] }
            return .object(t.adding(nanoseconds: d))
        },
        "date_modify": .plain([.string, .interface]) { a in
            let t = try timeValue(a[1])
            guard let d = GoDuration.parse(str(a[0])) else { return a[1] }
            return .object(t.adding(nanoseconds: d))
        },
        "mustDateModify": .plain([.string, .interface]) { a in
            let t = try timeValue(a[1])
            guard let d = GoDuration.parse(str(a[0])) else {
                throw GoError("time: invalid duration \(GoStrconv.quote(str(a[0])))")
            }
            return .object(t.adding(nanoseconds: d))
        },
        "unixEpoch": .plain([.interface]) { a in .string(String(try timeValue(a[0]).seconds)) },
        "duration": .plain([.interface]) { a in
            var n: Int64 = 0
            switch a[0] {
            case .string(let s): n = Int64(s) ?? 0
            case .int64(let i): n = i
            default: n = 0
            }
            return .string(GoDuration.string(n &* 1_000_000_000))
        },
        "durationRound": .plain([.interface]) { a in
            var d: Int64 = 0
            switch a[0] {
            case .string(let s): d = GoDuration.parse(s) ?? 0
            case .int64(let i): d = i
            default: d = 0
            }
            let u = d.magnitude
            let second: UInt64 = 1_000_000_000
            let minute = 60 * second, hour = 60 * minute, day = 24 * hour
            let month = 30 * day, year = 365 * day
            if u > year { return .string("\(u / year)y") }
            if u > month { return .string("\(u / month)mo") }
            if u > day { return .string("\(u / day)d") }
            if u > hour { return .string("\(u / hour)h") }
            if u > minute { return .string("\(u / minute)m") }
            if u > second { return .string("\(u / second)s") }
            return .string("0s")
        },
    ]
}

extension GoTime {
    func adding(nanoseconds d: Int64) -> GoTime {
        let total = nanos + d % 1_000_000_000
        var secs = seconds + d / 1_000_000_000
        var ns = total
        if ns < 0 { ns += 1_000_000_000; secs -= 1 } else if ns >= 1_000_000_000 { ns -= 1_000_000_000; secs += 1 }
        return GoTime(seconds: secs, nanos: ns, zoneName: zoneName, offset: offset)
    }
}

/// Go's `time.Duration` text forms.
enum GoDuration {
    /// `time.ParseDuration`; nil when invalid.
    static func parse(_ s: String) -> Int64? {
        var str = Substring(s)
        var neg = false
        if str.hasPrefix("-") || str.hasPrefix("+") { neg = str.first == "-"; str = str.dropFirst() }
        if str == "0" { return 0 }
        if str.isEmpty { return nil }
        var total: Double = 0
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6),
                                         ("s", 1e9), ("m", 60e9), ("h", 3600e9)]
        while !str.isEmpty {
            let numPart = str.prefix { $0.isNumber || $0 == "." }
            guard !numPart.isEmpty, numPart != ".", let v = Double(numPart) else { return nil }
            str = str.dropFirst(numPart.count)
            let unitPart = str.prefix { !$0.isNumber && $0 != "." }
            guard let u = units.first(where: { $0.0 == unitPart }) else { return nil }
            str = str.dropFirst(unitPart.count)
            total += v * u.1
        }
        if total > 9.223372036854775807e18 { return nil }
        return neg ? -Int64(total) : Int64(total)
    }

    /// `Duration.String()`.
    static func string(_ d: Int64) -> String {
        if d == 0 { return "0s" }
        let neg = d < 0
        var u = d.magnitude
        var out = ""
        func frac(_ v: UInt64, _ prec: Int) -> (String, UInt64) {
            var digits = ""
            var v = v
            var printed = false
            for _ in 0..<prec {
                let digit = v % 10
                printed = printed || digit != 0
                if printed { digits = String(digit) + digits }
                v /= 10
            }
            return (printed ? "." + digits : "", v)
        }
        if u < 1_000_000_000 {
            var prec = 0
            var unit = ""
            if u < 1_000 { return (neg ? "-" : "") + "\(u)ns" }
            if u < 1_000_000 { prec = 3; unit = "µs" } else { prec = 6; unit = "ms" }
            let (f, rest) = frac(u, prec)
            return (neg ? "-" : "") + "\(rest)\(f)\(unit)"
        }
        let (f, secsTotal) = frac(u, 9)
        u = secsTotal
        out = "\(u % 60)\(f)s"
        u /= 60
        if u > 0 {
            out = "\(u % 60)m" + out
            u /= 60
            if u > 0 { out = "\(u)h" + out }
        }
        return (neg ? "-" : "") + out
    }
}
