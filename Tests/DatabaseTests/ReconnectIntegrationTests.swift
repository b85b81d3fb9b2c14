import Foundation
import Synchronization
import Testing
@testable import KFDatabase
import KFModels

/// Kills a session from another connection, as a server restart or network failure would end it.
private func kill(_ threadID: UInt64, config: MariaDBConfig) async throws {
    let admin = MariaDBConnection(config: config, name: "kf-db-killer")
    try await admin.execute("KILL CONNECTION ?", [.int(Int64(threadID))])
    await admin.close()
}

@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct ReconnectIntegrationTests {
    @Test func idempotentStatementIsRetriedOnANewSessionAfterItsConnectionWasKilled() async throws {
        try await withTestDatabase(poolSize: 1) { db, config async throws in
            let conn = MariaDBConnection(config: config, name: "kf-db-victim")
            let sql = "SELECT COUNT(*) FROM jobs WHERE status = ?"
            #expect(try await conn.query(sql, [.int(1)]).first?.int(0) == 0)
            let before = try await conn.serverThreadID()
            try await kill(before, config: config)
            // The cached prepared statement died with the session; the query runs on a new one.
            #expect(try await conn.query(sql, [.int(1)]).first?.int(0) == 0)
            #expect(try await conn.serverThreadID() != before)
            #expect(await conn.reconnects == 1)
            await conn.close()
        }
    }

    @Test func nonIdempotentStatementSurfacesARetryableErrorThenTheConnectionRecovers() async throws {
        try await withTestDatabase(poolSize: 1) { db, config async throws in
            let conn = MariaDBConnection(config: config, name: "kf-db-victim")
            let insert = "INSERT INTO outbox (job_uuid, created_at) VALUES (?, NOW(6))"
            try await conn.execute(insert, [.text("a")])
            try await kill(try await conn.serverThreadID(), config: config)
            do {
                try await conn.execute(insert, [.text("b")])
                Issue.record("the insert on a killed session succeeded")
            } catch let e as MariaDBError {
                #expect(e.isConnectionLost && e.isRetryable)
            }
            try await conn.execute(insert, [.text("c")])
            #expect(try await conn.query("SELECT job_uuid FROM outbox ORDER BY id").map { try $0.string(0) } == ["a", "c"])
            await conn.close()
        }
    }

    @Test func transactionWhoseConnectionDiesIsRedoneOnceByThePool() async throws {
        try await withTestDatabase(poolSize: 1) { db, config async throws in
            let attempts = Atomic<Int>(0)
            let job = try await submitInstall(db)
            try await db.pool.transaction { conn in
                if attempts.add(1, ordering: .relaxed).newValue == 1 {
                    try conn.execute("INSERT INTO outbox (job_uuid, created_at) VALUES ('lost', NOW(6))")
                    // Kill this very session from a second one, synchronously on this thread.
                    let killer = try NativeConnection(config: config)
                    _ = try killer.run("KILL CONNECTION ?", [.int(Int64(try conn.serverThreadID()))], cache: false)
                    killer.close()
                }
                try conn.execute("INSERT INTO outbox (job_uuid, created_at) VALUES (?, NOW(6))", [.text(job.uuid)])
            }
            #expect(attempts.load(ordering: .relaxed) == 2)
            #expect(try await db.outbox.pending(limit: 10).map(\.jobID) == [job.uuid, job.uuid])
        }
    }

    @Test func poolRecoversEveryConnectionAfterAllSessionsAreKilled() async throws {
        try await withTestDatabase(poolSize: 3) { db, config async throws in
            let ids = try await withThrowingTaskGroup(of: UInt64.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await db.pool.withConnection { try await $0.serverThreadID() } }
                }
                return try await group.reduce(into: Set<UInt64>()) { $0.insert($1) }
            }
            for id in ids { try await kill(id, config: config) }
            for i in 0..<6 { _ = try await submitInstall(db, "fate-\(i)") }
            #expect(try await db.jobs.jobs().count == 6)
        }
    }
}
