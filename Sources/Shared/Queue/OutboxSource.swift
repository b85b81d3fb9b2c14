import KFModels

/// Where the relay reads unpublished outbox rows and marks them published (the database in
/// production: `OutboxRepository` adapted by the API).
public protocol OutboxSource: Sendable {
    /// Up to `limit` rows not yet published, oldest first.
    func pending(limit: Int) async throws -> [OutboxMessage]
    /// Marks rows published; called only after the broker confirmed their messages.
    func markPublished(ids: [Int64]) async throws
}
