import Foundation
import Testing
import KFDatabase
import KFModels

@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct OutboxIntegrationTests {
    @Test func outboxMarksAnyNumberOfRowsAndPurgesPublishedOnes() async throws {
        try await withTestDatabase { db, _ async throws in
            for i in 0..<150 { _ = try await submitInstall(db, "fate-\(i)") }
            let pending = try await db.outbox.pending(limit: 1000)
            #expect(pending.count == 150)
            #expect(pending.map(\.id) == pending.map(\.id).sorted())
            try await db.outbox.markPublished(ids: Array(pending.prefix(130).map(\.id)))
            #expect(try await db.outbox.backlog() == 20)
            try await db.outbox.markPublished(ids: pending.map(\.id))
            #expect(try await db.outbox.pending(limit: 1000).isEmpty)
            #expect(try await db.outbox.purgePublished(olderThan: .zero) == 150)
            #expect(try await db.jobs.jobs(JobFilter(limit: 1000)).count == 150)
            #expect(try await db.jobs.jobCountsByStatus() == [.pending: 150])
        }
    }
}
