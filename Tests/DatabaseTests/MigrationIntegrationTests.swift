import Foundation
import Testing
@testable import KFDatabase
import KFModels

@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct MigrationIntegrationTests {
    @Test func migratingTwiceAppliesNothingTheSecondTime() async throws {
        try await withTestDatabase { db, _ async throws in
            // withTestDatabase migrated once already.
            #expect(try await db.migrate() == [])
            #expect(try await Migrator(pool: db.pool).appliedVersions() == Migration.all.map(\.version))
        }
    }

    @Test func concurrentMigratorsApplyEachVersionOnce() async throws {
        var config = try MariaDBConfig.fromEnvironment()
        config.database = "kf_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await Migrator.createDatabase(config: config)
        let pools = (0..<4).map { _ in MariaDBPool(config: config, size: 1) }
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for pool in pools { group.addTask { try await Migrator(pool: pool).migrate() } }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(applied.sorted() == Migration.all.map(\.version))
        #expect(try await Migrator(pool: pools[0]).appliedVersions() == Migration.all.map(\.version))
        for pool in pools { await pool.shutdown() }
        try await Migrator.dropDatabase(config: config)
    }
}
