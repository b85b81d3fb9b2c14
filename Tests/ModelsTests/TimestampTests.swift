import Testing
import KFModels

@Suite struct TimestampTests {
    @Test func zeroTimeIsGosZeroTime() {
        #expect(Timestamp.zero.rfc3339 == "0001-01-01T00:00:00Z")
        #expect(Timestamp(rfc3339: "0001-01-01T00:00:00Z") == .zero)
        #expect(Timestamp.zero.isZero && !Timestamp.now().isZero)
    }

    @Test(arguments: [
        ("2022-04-12T07:34:09.123Z", "2022-04-12T07:34:09.123Z"),
        ("2022-04-12T07:34:09Z", "2022-04-12T07:34:09Z"),
        ("2022-04-12T07:34:09.100000Z", "2022-04-12T07:34:09.1Z"),
        ("2022-04-12T15:34:09.000001+08:00", "2022-04-12T07:34:09.000001Z"),
        ("2022-04-12T07:34:09.123456789Z", "2022-04-12T07:34:09.123456Z"),
        ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.5Z"),
        ("2024-02-29T23:59:59-00:30", "2024-03-01T00:29:59Z"),
        ("2026-11-29 11:57:13.123456", "2026-11-29T11:57:13.123456Z"),
        ("2026-11-29 11:57:13", "2026-11-29T11:57:13Z"),
    ])
    func parsesAndFormatsLikeGo(_ input: String, _ output: String) throws {
        let t = try #require(Timestamp(rfc3339: input))
        #expect(t.rfc3339 == output)
        #expect(Timestamp(rfc3339: t.rfc3339) == t)
    }

    @Test(arguments: ["", "2022-04-12", "2022-04-12T07:34", "2022-13-01T00:00:00Z", "2022-04-12T07:34:09.Z",
                      "2022-04-12T07:34:09+0800", "2022-04-12T07:34:09Zjunk", "2022-04-12X07:34:09Z"])
    func rejectsMalformedTimes(_ input: String) {
        #expect(Timestamp(rfc3339: input) == nil)
    }

    @Test func sqlTextKeepsMicroseconds() {
        let t = Timestamp(rfc3339: "2026-11-29T11:57:13.000042Z")!
        #expect(t.sqlDateTime == "2026-11-29 11:57:13.000042")
        #expect(Timestamp(rfc3339: t.sqlDateTime) == t)
        #expect(Timestamp.zero.sqlDateTime == "0001-01-01 00:00:00.000000")
    }

    @Test func arithmeticAndDateConversion() {
        let t = Timestamp(microseconds: 1_000_000)
        #expect(t.adding(.milliseconds(1500)).microseconds == 2_500_000)
        #expect(t.adding(.seconds(-2)).microseconds == -1_000_000)
        #expect(t.adding(.seconds(3)).since(t) == .seconds(3))
        #expect(Timestamp(t.date) == t)
        #expect(Duration.seconds(3600).nanoseconds == 3_600_000_000_000)
    }

    @Test func decodingANonTimeNamesTheProblem() throws {
        #expect(throws: DecodingError.self) { try decode([Timestamp].self, #"["yesterday"]"#) }
        #expect(try decode([Timestamp].self, #"["2022-04-12T07:34:09Z"]"#).first?.rfc3339 == "2022-04-12T07:34:09Z")
    }
}
