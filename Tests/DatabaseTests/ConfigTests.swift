import Testing
import CMariaDB
@testable import KFDatabase
import KFModels

@Suite struct ConfigTests {
    @Test func defaultsMatchTheLocalServices() throws {
        let c = try MariaDBConfig.fromEnvironment([:])
        #expect(c.host == "127.0.0.1" && c.port == 3306 && c.user == "kubefate" && c.password == "kubefate")
        #expect(c.database == "kubefate" && c.socket == nil && c.poolSize == 4)
    }

    @Test func environmentOverridesEveryField() throws {
        let c = try MariaDBConfig.fromEnvironment([
            "KUBEFATE_DB_HOST": "db.example", "KUBEFATE_DB_PORT": "3307", "KUBEFATE_DB_USER": "u",
            "KUBEFATE_DB_PASSWORD": "", "KUBEFATE_DB_NAME": "kf", "KUBEFATE_DB_SOCKET": "/run/mysqld.sock",
            "KUBEFATE_DB_POOL_SIZE": "8",
        ])
        #expect(c.host == "db.example" && c.port == 3307 && c.user == "u" && c.password == "")
        #expect(c.database == "kf" && c.socket == "/run/mysqld.sock" && c.poolSize == 8)
    }

    @Test(arguments: [("KUBEFATE_DB_PORT", "70000"), ("KUBEFATE_DB_PORT", "x"), ("KUBEFATE_DB_POOL_SIZE", "0")])
    func badNumbersNameTheVariable(_ name: String, _ value: String) {
        do {
            _ = try MariaDBConfig.fromEnvironment([name: value])
            Issue.record("accepted \(name)=\(value)")
        } catch {
            #expect(error.code == .invalidArgument && error[.field] == name)
        }
    }

    @Test func databaseNamesAreValidatedBeforeBeingQuoted() throws {
        #expect(try Migrator.quotedIdentifier("kf_test_01") == "`kf_test_01`")
        for bad in ["", "a-b", "a`b", "x; DROP DATABASE y", String(repeating: "a", count: 65), "é"] {
            #expect(throws: KubefateError.self) { try Migrator.quotedIdentifier(bad) }
        }
    }

    @Test func errorsAreClassifiedForRetries() {
        let lost = MariaDBError(code: UInt32(CR_SERVER_LOST), message: "Lost connection")
        #expect(lost.isConnectionLost && lost.isRetryable)
        var unknownCommit = lost
        unknownCommit.commitOutcomeUnknown = true
        #expect(!unknownCommit.isRetryable)
        #expect(MariaDBError(code: 1213, message: "Deadlock").isRetryable)
        #expect(MariaDBError(code: 1205, message: "Lock wait timeout").isRetryable)
        let dup = MariaDBError(code: 1062, message: "Duplicate entry")
        #expect(dup.isDuplicateKey && !dup.isRetryable)
        #expect(MariaDBError(code: 1406, message: "Data too long for column 'args_name' at row 1").tooLongColumn == "args_name")
        #expect(dup.tooLongColumn == nil)
    }
}
