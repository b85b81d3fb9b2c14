import Testing
import KFModels

@Suite struct CivilDateTests {
    /// Walks the calendar one day at a time with month lengths and the Gregorian leap rule, an
    /// independent account to check the closed-form conversion against.
    private struct DayWalker {
        var date: CivilDate

        static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

        static func length(_ y: Int, _ m: Int) -> Int {
            [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        }

        mutating func forward() {
            date.day += 1
            guard date.day > Self.length(date.year, date.month) else { return }
            date.day = 1
            date.month += 1
            if date.month > 12 { date.month = 1; date.year += 1 }
        }

        mutating func backward() {
            date.day -= 1
            guard date.day < 1 else { return }
            date.month -= 1
            if date.month < 1 { date.month = 12; date.year -= 1 }
            date.day = Self.length(date.year, date.month)
        }
    }

    @Test func epochIsDayZero() {
        #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDate(daysSinceEpoch: -1) == CivilDate(year: 1969, month: 12, day: 31))
    }

    @Test func everyDayOfFourHundredYearsEachSideOfTheEpochMatchesAWalkThroughTheCalendar() {
        var ahead = DayWalker(date: CivilDate(year: 1970, month: 1, day: 1))
        var behind = ahead
        var mismatches: [String] = []
        for days in Int64(0)..<146_097 {
            if CivilDate(daysSinceEpoch: days) != ahead.date || ahead.date.daysSinceEpoch != days {
                mismatches.append("day \(days): \(ahead.date)")
            }
            if CivilDate(daysSinceEpoch: -days) != behind.date || behind.date.daysSinceEpoch != -days {
                mismatches.append("day \(-days): \(behind.date)")
            }
            ahead.forward()
            behind.backward()
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    static let knownDates: [(CivilDate, Int64)] = [
        (CivilDate(year: 2000, month: 2, day: 29), 11_016),
        (CivilDate(year: 2024, month: 3, day: 1), 19_783),
        (CivilDate(year: 1900, month: 3, day: 1), -25_508),
        (CivilDate(year: 1, month: 1, day: 1), -719_162),
        (CivilDate(year: 0, month: 3, day: 1), -719_468),
        (CivilDate(year: 0, month: 1, day: 1), -719_528),
        (CivilDate(year: -1, month: 12, day: 31), -719_529),
        (CivilDate(year: -400, month: 3, day: 1), -865_565),
        (CivilDate(year: 9999, month: 12, day: 31), 2_932_896),
    ]

    @Test(arguments: knownDates)
    func knownDatesConvertBothWays(_ date: CivilDate, _ days: Int64) {
        #expect(date.daysSinceEpoch == days)
        #expect(CivilDate(daysSinceEpoch: days) == date)
    }

    @Test func leapDaysFollowTheGregorianRule() {
        for year in [1600, 2000, 2024, 0, -4, -400] {
            let leapDay = CivilDate(year: year, month: 2, day: 29)
            #expect(CivilDate(daysSinceEpoch: leapDay.daysSinceEpoch) == leapDay, "year \(year)")
        }
        for year in [1700, 1900, 2100, 2023, -100, -1] {
            let march1 = CivilDate(year: year, month: 3, day: 1)
            #expect(CivilDate(daysSinceEpoch: march1.daysSinceEpoch - 1) == CivilDate(year: year, month: 2, day: 28),
                    "year \(year)")
        }
    }

    static let splits: [(Int64, Int64, Int64)] = [
        (0, 0, 0),
        (86_399, 0, 86_399),
        (86_400, 1, 0),
        (-1, -1, 86_399),
        (-86_400, -1, 0),
        (-86_401, -2, 86_399),
    ]

    @Test(arguments: splits)
    func splitRoundsDaysTowardsThePast(_ seconds: Int64, _ days: Int64, _ remainder: Int64) {
        let split = CivilDate.split(seconds, unitsPerDay: 86_400)
        #expect(split.days == days && split.remainder == remainder)
    }
}
