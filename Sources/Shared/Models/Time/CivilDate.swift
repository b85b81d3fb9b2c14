/// A date in the proleptic Gregorian calendar (year 0 is 1 BC, negative years go further back),
/// converted to and from a day count since 1970-01-01 with Howard Hinnant's `days_from_civil` and
/// `civil_from_days` algorithms, so that formatting and parsing times needs no `Calendar`.
public struct CivilDate: Sendable, Hashable {
    public var year: Int
    /// 1 to 12.
    public var month: Int
    /// 1 to 31.
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    /// Days from 1970-01-01 to this date (negative before it). A day or month out of range counts
    /// on from the month's start, as `days_from_civil` does.
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Splits a count of `unit`s since 1970-01-01 into whole days (rounded towards the past) and the
    /// `unit`s into that day (`0..<unitsPerDay`).
    public static func split(_ units: Int64, unitsPerDay: Int64) -> (days: Int64, remainder: Int64) {
        var days = units / unitsPerDay
        var rest = units % unitsPerDay
        if rest < 0 {
            rest += unitsPerDay
            days -= 1
        }
        return (days, rest)
    }
}
