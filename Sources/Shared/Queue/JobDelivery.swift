/// One job id delivered by `JobConsumer`. Ack it once the job is claimed (or found not claimable).
public struct JobDelivery: Sendable {
    /// The job's uuid (the message body).
    public let jobID: String
    /// Whether the broker delivered this message before (to us or to another consumer).
    public let redelivered: Bool
    /// The quorum queue's delivery count (`x-delivery-count`), absent on the first delivery.
    public let deliveryCount: Int?
    let deliveryTag: UInt64
    let generation: UInt64
    let connection: AMQPConnection

    /// Acknowledges the delivery: the broker forgets the message.
    /// - Throws: `AMQPError` `.staleDelivery` when the consumer's connection was lost since the
    ///   delivery (the broker redelivers the message; duplicates are harmless), or a socket error.
    public func ack() async throws {
        try await connection.ack(deliveryTag: deliveryTag, generation: generation)
    }

    /// Rejects the delivery; with `requeue` the broker delivers it again, otherwise drops it.
    /// - Throws: like `ack()`.
    public func reject(requeue: Bool) async throws {
        try await connection.reject(deliveryTag: deliveryTag, generation: generation, requeue: requeue)
    }
}
