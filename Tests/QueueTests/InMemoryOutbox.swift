import KFModels
@testable import KFQueue

/// An in-memory outbox (the database-backed one is wired by the API).
actor InMemoryOutbox: OutboxSource {
    private var rows: [OutboxMessage] = []
    private(set) var published: Set<Int64> = []
    private(set) var pendingCalls = 0
    private(set) var markCalls = 0
    private var markFailuresLeft: Int
    private var pendingFailuresLeft: Int

    init(jobIDs: [String] = [], failingMarks: Int = 0, failingReads: Int = 0) {
        markFailuresLeft = failingMarks
        pendingFailuresLeft = failingReads
        rows = jobIDs.enumerated().map { OutboxMessage(id: Int64($0.offset + 1), jobID: $0.element) }
    }

    struct MarkFailed: Error {}
    struct ReadFailed: Error {}

    func add(_ jobID: String) {
        rows.append(OutboxMessage(id: Int64(rows.count + 1), jobID: jobID))
    }

    func pending(limit: Int) async throws -> [OutboxMessage] {
        pendingCalls += 1
        if pendingFailuresLeft > 0 {
            pendingFailuresLeft -= 1
            throw ReadFailed()
        }
        return Array(rows.filter { !published.contains($0.id) }.prefix(limit))
    }

    func markPublished(ids: [Int64]) async throws {
        markCalls += 1
        if markFailuresLeft > 0 {
            markFailuresLeft -= 1
            throw MarkFailed()
        }
        published.formUnion(ids)
    }

    var unpublishedCount: Int { rows.count - published.count }
}
