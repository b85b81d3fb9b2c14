/// A row of the transactional outbox: "publish job `jobID`". Written in the same transaction as
/// the job change that needs a worker's attention, relayed to the queue, then marked published.
public struct OutboxMessage: Sendable, Hashable, Codable {
    public var id: Int64
    public var jobID: String

    public init(id: Int64, jobID: String) {
        self.id = id
        self.jobID = jobID
    }
}
