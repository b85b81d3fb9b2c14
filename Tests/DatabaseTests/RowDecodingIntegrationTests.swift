import Foundation
import Testing
@testable import KFDatabase
import KFModels

/// How result cells decode by column type: times as instants (no text round trip), character
/// columns as text, binary columns byte-exact, long values past the inline buffer, NULLs.
@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct RowDecodingIntegrationTests {
    @Test func dateTimesDecodeToTheInstantTheirTextNames() async throws {
        try await withTestDatabase(poolSize: 1) { _, config async throws in
            let conn = MariaDBConnection(config: config, name: "kf-db-rows")
            try await conn.executeUncached("CREATE TABLE times (id INT PRIMARY KEY, at DATETIME(6) NULL, whole DATETIME NULL, ts TIMESTAMP(6) NULL)")
            let texts = ["1970-01-01 00:00:00.000000", "1969-12-31 23:59:59.999999", "2024-02-29 12:34:56.000001",
                         "2000-03-01 00:00:00.500000", "1000-01-01 00:00:00.000000", "9999-12-31 23:59:59.999999",
                         "2026-11-29 11:57:13.123456"]
            for (i, text) in texts.enumerated() {
                try await conn.execute("INSERT INTO times VALUES (?, ?, ?, NULL)", [.int(i), .text(text), .text(String(text.prefix(19)))])
            }
            try await conn.execute("INSERT INTO times VALUES (100, NULL, NULL, '2026-11-29 11:57:13.5')")
            let rows = try await conn.query("SELECT id, at, whole, ts FROM times ORDER BY id")
            for (i, text) in texts.enumerated() {
                let expected = try #require(Timestamp(rfc3339: text))
                #expect(try rows[i].timestamp(1) == expected, "\(text)")
                #expect(try rows[i].timestamp(2) == Timestamp(rfc3339: String(text.prefix(19))), "\(text)")
                #expect(try rows[i].string(1) == text)
                #expect(try rows[i].optionalTimestamp(3) == nil)
            }
            #expect(try rows[texts.count].optionalTimestamp(1) == nil)
            #expect(try rows[texts.count].timestamp(3) == Timestamp(rfc3339: "2026-11-29T11:57:13.5Z"))
            await conn.close()
        }
    }

    @Test func aZeroDateIsNoInstant() async throws {
        try await withTestDatabase(poolSize: 1) { _, config async throws in
            let conn = MariaDBConnection(config: config, name: "kf-db-rows")
            try await conn.executeUncached("CREATE TABLE zero (at DATETIME NOT NULL)")
            try await conn.execute("INSERT INTO zero VALUES ('0000-00-00 00:00:00')")
            let row = try #require(try await conn.query("SELECT at FROM zero").first)
            #expect(!row.isNull(0))
            #expect(throws: MariaDBError.self) { try row.timestamp(0) }
            await conn.close()
        }
    }

    @Test func textAndBinaryColumnsKeepTheirContentAtAnyLength() async throws {
        try await withTestDatabase(poolSize: 1) { _, config async throws in
            let conn = MariaDBConnection(config: config, name: "kf-db-rows")
            try await conn.executeUncached("""
                CREATE TABLE cells (id INT PRIMARY KEY, txt MEDIUMTEXT NULL, vc VARCHAR(20) NULL, blb MEDIUMBLOB NULL,
                                    vb VARBINARY(300) NULL, amount DECIMAL(10,2) NULL)
                """)
            let short = "联邦 \"fate\"\n", long = String(repeating: "ünïcode-", count: 100)
            let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) } + [0x00, 0xFF, 0xC3]
            try await conn.execute("INSERT INTO cells VALUES (1, ?, ?, ?, ?, 12.5)",
                                   [.text(short), .text("short"), .bytes(bytes), .bytes(Array(bytes.prefix(40)))])
            try await conn.execute("INSERT INTO cells VALUES (2, ?, '', ?, ?, NULL)", [.text(long), .bytes([]), .bytes([0xFF])])
            try await conn.execute("INSERT INTO cells VALUES (3, NULL, NULL, NULL, NULL, NULL)")
            let rows = try await conn.query("SELECT id, txt, vc, blb, vb, amount FROM cells ORDER BY id")
            #expect(try rows[0].string(1) == short && rows[0].string(2) == "short")
            #expect(try rows[0].bytes(3) == bytes && rows[0].bytes(4) == Array(bytes.prefix(40)))
            #expect(try rows[0].string(5) == "12.50")
            #expect(try rows[1].string(1) == long && rows[1].string(2) == "")
            #expect(try rows[1].bytes(1) == Array(long.utf8))
            #expect(try rows[1].bytes(3) == [] && rows[1].bytes(4) == [0xFF])
            for i in 1...5 { #expect(rows[2].isNull(i)) }
            #expect(try rows[2].optionalString(1) == nil)
            await conn.close()
        }
    }

    @Test func aPolledJobEqualsTheSameJobFromTheList() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db, "fate-10000")
            let claim = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w1", lease: .seconds(30)))
            let start = Timestamp(microseconds: 1_700_000_000_123_456)
            for name in ["python", "mysql", "client"] {
                try await db.jobs.upsertSubJob(claim, SubJob(moduleName: name, podStatus: "Running", startTime: start))
            }
            let polled = try #require(try await db.jobs.job(uuid: job.uuid))
            #expect(polled.subJobs.keys.sorted() == ["client", "mysql", "python"])
            #expect(try await db.jobs.jobs(JobFilter(limit: 10)) == [polled])
            let bare = try await submitInstall(db, "fate-10001")
            #expect(try await db.jobs.job(uuid: bare.uuid)?.subJobs == [:])
            #expect(try await db.jobs.job(uuid: "no-such-job") == nil)
        }
    }
}
