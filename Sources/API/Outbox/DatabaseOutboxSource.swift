import KFDatabase
import KFModels
import KFQueue

/// The outbox relay's source in production: the `outbox` table, through `OutboxRepository`. Rows
/// are written in the same transaction as their job (`JobRepository.submit`, the reaper), so a crash
/// after commit and before publish only delays the message until the next relay round or start.
struct DatabaseOutboxSource: OutboxSource {
    let repository: OutboxRepository

    func pending(limit: Int) async throws -> [OutboxMessage] {
        try await repository.pending(limit: limit)
    }

    func markPublished(ids: [Int64]) async throws {
        try await repository.markPublished(ids: ids)
    }
}
