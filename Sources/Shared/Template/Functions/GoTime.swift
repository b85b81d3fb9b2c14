import Foundation

/// A Go `time.Time`: an instant (seconds + nanoseconds since the Unix epoch) in a zone.
public struct GoTime: TemplateObject, Sendable {
    public var seconds: Int64
    public var nanos: Int64
    public var zoneName: String
    public var offset: Int

    public var goTypeName: String { "time.Time" }
    public var goDescription: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "Unix": .int64(seconds)
        case "Year": .int(civil.year)
        case "Day": .int(civil.day)
        default: nil
        }
    }

    /// The instant in zone `zone` (IANA name or `UTC`/`Local`); unknown zones give nil.
    func inZone(_ zone: String) -> GoTime? {
        if zone == "UTC" || zone.isEmpty { return GoTime(seconds: seconds, nanos: nanos, zoneName: "UTC", offset: 0) }
        let tz: TimeZone? = zone == "Local" ? TimeZone.current : TimeZone(identifier: zone)
        guard let tz else { return nil }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let off = tz.secondsFromGMT(for: date)
        let abbr = tz.abbreviation(for: date) ?? "UTC"
        let name = abbr.hasPrefix("GMT") && off == 0 ? "UTC" : (abbr.hasPrefix("GMT") ? Self.offsetName(off) : abbr)
        return GoTime(seconds: seconds, nanos: nanos, zoneName: zone == "Local" && off == 0 ? "UTC" : name, offset: off)
    }

    private static func offsetName(_ off: Int) -> String {
        let sign = off < 0 ? "-" : "+"
        let a = abs(off)
        let h = a / 3600, m = a % 3600 / 60
        return m == 0 ? sign + String(format: "%02d", h) : sign + String(format: "%02d%02d", h, m)
    }

    var civil: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int, yday: Int) {
        let local = seconds + Int64(offset)
        var days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secs = Int(local - days * 86400)
        let weekday = Int(((days % 7) + 7 + 4) % 7)  // 1970-01-01 was a Thursday (4)
        days += 719468
        let era = (days >= 0 ? days : days - 146096) / 146097
        let doe = days - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        var y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        if m <= 2 { y += 1 }
        let isLeap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let yday = cum[Int(m) - 1] + Int(d) + (isLeap && m > 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d), secs / 3600, secs % 3600 / 60, secs % 60, weekday, yday)
    }

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mm = Int64(m)
        let doy = (153 * (mm > 2 ? mm - 3 : mm + 9) + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static let shortDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let longMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// Layout elements Go recognises, longest first.
    static let elements = ["January", "Monday", "2006", "-07:00:00", "Z07:00:00", "-07:00", "Z07:00", "-0700",
                           "Z0700", "-07", "Z07", "Jan", "Mon", "MST", "002", "__2", "01", "02", "03", "04", "05",
                           "06", "15", "_2", "PM", "pm", "1", "2", "3", "4", "5"]

    /// Splits a layout into literal text and elements.
    static func tokens(_ layout: String) -> [(isElement: Bool, text: String)] {
        var out: [(Bool, String)] = []
        var s = Substring(layout)
        var lit = ""
        outer: while !s.isEmpty {
            if s.hasPrefix(".0") || s.hasPrefix(".9") || s.hasPrefix(",0") || s.hasPrefix(",9") {
                let ch = s[s.index(after: s.startIndex)]
                let run = s.dropFirst().prefix { $0 == ch }
                let after = s.dropFirst(1 + run.count)
                if !(after.first?.isNumber ?? false) {
                    if !lit.isEmpty { out.append((false, lit)); lit = "" }
                    out.append((true, String(s.prefix(1 + run.count))))
                    s = after
                    continue
                }
            }
            for e in elements where s.hasPrefix(e) {
                if e == "Jan" && s.hasPrefix("January") { continue }
                if e == "Mon" && s.hasPrefix("Monday") { continue }
                if !lit.isEmpty { out.append((false, lit)); lit = "" }
                out.append((true, e))
                s = s.dropFirst(e.count)
                continue outer
            }
            lit.append(s.first!)
            s = s.dropFirst()
        }
        if !lit.isEmpty { out.append((false, lit)) }
        return out
    }

    /// Go's `Time.Format`.
    public func format(_ layout: String) -> String {
        let c = civil
        var out = ""
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        for (isElement, t) in Self.tokens(layout) {
            guard isElement else { out += t; continue }
            switch t {
            case "2006": out += pad(c.year, 4)
            case "06": out += pad(c.year % 100, 2)
            case "01": out += pad(c.month, 2)
            case "1": out += String(c.month)
            case "Jan": out += Self.shortMonths[c.month - 1]
            case "January": out += Self.longMonths[c.month - 1]
            case "02": out += pad(c.day, 2)
            case "2": out += String(c.day)
            case "_2": out += c.day < 10 ? " \(c.day)" : String(c.day)
            case "002": out += pad(c.yday, 3)
            case "__2": out += String(repeating: " ", count: 3 - String(c.yday).count) + String(c.yday)
            case "15": out += pad(c.hour, 2)
            case "03": out += pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2)
            case "3": out += String(c.hour % 12 == 0 ? 12 : c.hour % 12)
            case "04": out += pad(c.minute, 2)
            case "4": out += String(c.minute)
            case "05": out += pad(c.second, 2)
            case "5": out += String(c.second)
            case "PM": out += c.hour >= 12 ? "PM" : "AM"
            case "pm": out += c.hour >= 12 ? "pm" : "am"
            case "Mon": out += Self.shortDays[c.weekday]
            case "Monday": out += Self.longDays[c.weekday]
            case "MST": out += zoneName
            default:
                if t.hasPrefix("Z") && offset == 0 { out += "Z"; break }
                if t.hasPrefix("-") || t.hasPrefix("Z") {
                    let sign = offset < 0 ? "-" : "+"
                    let a = abs(offset)
                    let h = pad(a / 3600, 2), m = pad(a % 3600 / 60, 2), sec = pad(a % 60, 2)
                    let body = t.dropFirst()
                    switch body {
                    case "07": out += sign + h
                    case "0700": out += sign + h + m
                    case "07:00": out += sign + h + ":" + m
                    case "07:00:00": out += sign + h + ":" + m + ":" + sec
                    default: out += t
                    }
                    break
                }
                if t.hasPrefix(".") || t.hasPrefix(",") {
                    let n = t.count - 1
                    var frac = pad(Int(nanos), 9)
                    frac = String(frac.prefix(n))
                    if t.dropFirst().first == "9" {
                        while frac.hasSuffix("0") { frac.removeLast() }
                        if !frac.isEmpty { out += String(t.first!) + frac }
                    } else {
                        out += String(t.first!) + frac
                    }
                    break
                }
                out += t
            }
        }
        return out
    }

    /// Go's `time.Parse`-family for the layout elements above; nil when the value does not match.
    static func parse(layout: String, value: String, defaultZone: String) -> GoTime? {
        var s = Substring(value)
        var year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos: Int64 = 0
        var pm: Bool? = nil
        var offset: Int? = nil
        var zoneName: String? = nil
        func num(_ minW: Int, _ maxW: Int) -> Int? {
            let d = s.prefix { $0.isASCII && $0.isNumber }.prefix(maxW)
            guard d.count >= minW, let v = Int(d) else { return nil }
            s = s.dropFirst(d.count)
            return v
        }
        for (isElement, t) in tokens(layout) {
            if !isElement {
                guard s.hasPrefix(t) else { return nil }
                s = s.dropFirst(t.count)
                continue
            }
            switch t {
            case "2006": guard let v = num(4, 4) else { return nil }; year = v
            case "06": guard let v = num(2, 2) else { return nil }; year = v >= 69 ? 1900 + v : 2000 + v
            case "01": guard let v = num(2, 2) else { return nil }; month = v
            case "1": guard let v = num(1, 2) else { return nil }; month = v
            case "Jan", "January":
                let names = t == "Jan" ? shortMonths : longMonths
                guard let i = names.firstIndex(where: { s.hasPrefix($0) }) else { return nil }
                month = i + 1; s = s.dropFirst(names[i].count)
            case "Mon", "Monday":
                let names = t == "Mon" ? shortDays : longDays
                guard let i = names.firstIndex(where: { s.hasPrefix($0) }) else { return nil }
                s = s.dropFirst(names[i].count)
            case "02": guard let v = num(2, 2) else { return nil }; day = v
            case "2": guard let v = num(1, 2) else { return nil }; day = v
            case "_2": if s.hasPrefix(" ") { s = s.dropFirst() }; guard let v = num(1, 2) else { return nil }; day = v
            case "15": guard let v = num(1, 2) else { return nil }; hour = v
            case "03", "3": guard let v = num(t == "03" ? 2 : 1, 2) else { return nil }; hour = v
            case "04", "4": guard let v = num(t == "04" ? 2 : 1, 2) else { return nil }; minute = v
            case "05", "5":
                guard let v = num(t == "05" ? 2 : 1, 2) else { return nil }; second = v
                if s.hasPrefix(".") || s.hasPrefix(",") {
                    let frac = s.dropFirst().prefix { $0.isNumber }
                    if !frac.isEmpty {
                        nanos = Int64((String(frac) + "000000000").prefix(9)) ?? 0
                        s = s.dropFirst(1 + frac.count)
                    }
                }
            case "PM", "pm":
                if s.uppercased().hasPrefix("PM") { pm = true } else if s.uppercased().hasPrefix("AM") { pm = false } else { return nil }
                s = s.dropFirst(2)
            case "MST":
                let z = s.prefix { $0.isLetter }
                guard z.count >= 3 else { return nil }
                zoneName = String(z); s = s.dropFirst(z.count)
            default:
                if t.hasPrefix("Z") && s.hasPrefix("Z") { s = s.dropFirst(); offset = 0; break }
                if t.hasPrefix("-") || t.hasPrefix("Z") {
                    guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
                    s = s.dropFirst()
                    guard let h = num(2, 2) else { return nil }
                    var m = 0
                    if t.contains(":") { guard s.hasPrefix(":") else { return nil }; s = s.dropFirst() }
                    if t.count > 3 { guard let mm = num(2, 2) else { return nil }; m = mm }
                    offset = (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
                    break
                }
                if t.hasPrefix(".") || t.hasPrefix(",") {
                    guard s.hasPrefix(String(t.first!)) else { if t.dropFirst().first == "9" { break }; return nil }
                    let frac = s.dropFirst().prefix { $0.isNumber }
                    nanos = Int64((String(frac) + "000000000").prefix(9)) ?? 0
                    s = s.dropFirst(1 + frac.count)
                }
            }
        }
        guard s.isEmpty, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        if let pm { if pm && hour < 12 { hour += 12 } else if !pm && hour == 12 { hour = 0 } }
        let local = daysFromCivil(year, month, day) * 86400 + Int64(hour * 3600 + minute * 60 + second)
        if let offset {
            let t = GoTime(seconds: local - Int64(offset), nanos: nanos, zoneName: offset == 0 ? "UTC" : "", offset: offset)
            return t
        }
        if let zoneName, zoneName == "UTC" {
            return GoTime(seconds: local, nanos: nanos, zoneName: "UTC", offset: 0)
        }
        let base = GoTime(seconds: local, nanos: nanos, zoneName: "UTC", offset: 0)
        guard let z = base.inZone(defaultZone) else { return base }
        return GoTime(seconds: local - Int64(z.offset), nanos: nanos, zoneName: z.zoneName, offset: z.offset)
    }
}
