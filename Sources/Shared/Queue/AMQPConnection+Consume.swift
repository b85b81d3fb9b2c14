import CRabbitMQ
import Foundation

/// A message delivered to a consumer, copied out of rabbitmq-c's buffers.
public struct AMQPDelivery: Sendable, Equatable {
    public var body: [UInt8]
    public var deliveryTag: UInt64
    /// The connection generation the delivery tag belongs to.
    public var generation: UInt64
    public var redelivered: Bool
    /// The quorum queue's `x-delivery-count` header (absent on the first delivery).
    public var deliveryCount: Int?
}

extension AMQPConnection {
    /// While deliveries await their ack, a wait for the next delivery blocks at most this long, so
    /// that acks queued behind it (on this actor) go out promptly and the prefetch window refills.
    static let unsettledWaitLimit: Duration = .milliseconds(5)

    /// Sets the prefetch window and starts consuming `config.queue` with manual acks.
    public func startConsuming(prefetch: Int) throws {
        let raw = try requireOpen()
        _ = amqp_basic_qos(raw, amqpChannel, 0, UInt16(clamping: max(prefetch, 1)), 0)
        try check(amqp_get_rpc_reply(raw), doing: "basic.qos")
        let reply = withAMQPBytes(config.queue) { queue in
            amqp_basic_consume(raw, amqpChannel, queue, amqp_empty_bytes, 0, 0, 0, amqp_empty_table)
        }
        try check(amqp_get_rpc_reply(raw), doing: "basic.consume on \(config.queue)")
        consumerTag = reply?.pointee.consumer_tag.string
    }

    /// Whether a consumer is active on this connection.
    public var isConsuming: Bool { consumerTag != nil }

    /// Cancels the consumer: the broker sends no new deliveries; unacked ones stay with us until
    /// acked, rejected or the connection closes.
    public func cancelConsumer() throws {
        guard let tag = consumerTag else { return }
        let raw = try requireOpen()
        withAMQPBytes(tag) { bytes in
            _ = amqp_basic_cancel(raw, amqpChannel, bytes)
        }
        try check(amqp_get_rpc_reply(raw), doing: "basic.cancel")
        consumerTag = nil
    }

    /// Waits up to `timeout` for the next delivery; `nil` when none arrived (heartbeats are serviced
    /// meanwhile). While earlier deliveries are unacked, waits are cut to a few milliseconds so their
    /// acks are not held up. Throws, with the connection torn down, when the connection or consumer is gone.
    public func next(timeout: Duration) throws -> AMQPDelivery? {
        let raw = try requireOpen()
        amqp_maybe_release_buffers(raw)
        var envelope = amqp_envelope_t()
        var waitTimeout = timeval(unsettledDeliveries > 0 ? min(timeout, Self.unsettledWaitLimit) : timeout)
        let reply = amqp_consume_message(raw, &envelope, &waitTimeout, 0)
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            defer { amqp_destroy_envelope(&envelope) }
            unsettledDeliveries += 1
            return AMQPDelivery(body: envelope.message.body.array, deliveryTag: envelope.delivery_tag,
                                generation: generation, redelivered: envelope.redelivered != 0,
                                deliveryCount: Self.deliveryCount(of: envelope.message.properties))
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_TIMEOUT.rawValue:
            return nil
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_UNEXPECTED_STATE.rawValue:
            try handleUnexpectedFrame(raw)
            return nil
        default:
            try check(reply, doing: "consume")
            return nil
        }
    }

    /// Acknowledges a delivery of generation `generation`.
    /// - Throws: `.staleDelivery` when that connection is gone (the broker redelivers the message).
    public func ack(deliveryTag: UInt64, generation: UInt64) throws {
        let raw = try requireCurrent(generation)
        try checkStatus(amqp_basic_ack(raw, amqpChannel, deliveryTag, 0), doing: "ack")
        unsettledDeliveries = max(unsettledDeliveries - 1, 0)
    }

    /// Rejects a delivery of generation `generation`, requeueing it or dropping it.
    /// - Throws: `.staleDelivery` when that connection is gone (the broker redelivers the message).
    public func reject(deliveryTag: UInt64, generation: UInt64, requeue: Bool) throws {
        let raw = try requireCurrent(generation)
        try checkStatus(amqp_basic_reject(raw, amqpChannel, deliveryTag, requeue ? 1 : 0), doing: "reject")
        unsettledDeliveries = max(unsettledDeliveries - 1, 0)
    }

    private func requireCurrent(_ deliveryGeneration: UInt64) throws -> amqp_connection_state_t {
        guard let raw = handle?.raw, deliveryGeneration == generation else {
            throw AMQPError(.staleDelivery, "the connection that received the delivery is gone; the broker redelivers it",
                            context: ["generation": String(deliveryGeneration)])
        }
        return raw
    }

    private func checkStatus(_ status: Int32, doing action: String) throws {
        guard status != AMQP_STATUS_OK.rawValue else { return }
        let error = AMQPError(.socket, "\(action): \(amqpStatusText(status))", context: ["status": String(status)])
        fail(error)
        throw error
    }

    /// `amqp_consume_message` saw a frame other than a delivery: read it and react.
    private func handleUnexpectedFrame(_ raw: amqp_connection_state_t) throws {
        var frame = amqp_frame_t()
        let status = amqp_simple_wait_frame(raw, &frame)
        guard status == AMQP_STATUS_OK.rawValue else {
            let error = AMQPError(.socket, "consume: \(amqpStatusText(status))", context: ["status": String(status)])
            fail(error)
            throw error
        }
        guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else { return }
        let method = frame.payload.method
        switch method.id {
        case AMQP_CHANNEL_CLOSE_METHOD, AMQP_CONNECTION_CLOSE_METHOD:
            let error = serverCloseError(method: method.id, decoded: method.decoded, doing: "consume")
            fail(error)
            throw error
        case AMQP_BASIC_CANCEL_METHOD:
            let error = AMQPError(.consumerCancelled, "the broker cancelled the consumer on \(config.queue)",
                                  context: ["queue": config.queue])
            fail(error)
            throw error
        default:
            break
        }
    }

    /// The integer `x-delivery-count` header, if present.
    private static func deliveryCount(of properties: amqp_basic_properties_t) -> Int? {
        guard properties._flags & cr_basic_headers_flag != 0, let entries = properties.headers.entries else { return nil }
        for index in 0..<Int(properties.headers.num_entries) {
            let entry = entries[index]
            guard entry.key.string == "x-delivery-count" else { continue }
            let value = entry.value.value
            switch UInt32(entry.value.kind) {
            case AMQP_FIELD_KIND_I64.rawValue: return Int(value.i64)
            case AMQP_FIELD_KIND_U64.rawValue: return Int(clamping: value.u64)
            case AMQP_FIELD_KIND_I32.rawValue: return Int(value.i32)
            case AMQP_FIELD_KIND_U32.rawValue: return Int(value.u32)
            case AMQP_FIELD_KIND_I16.rawValue: return Int(value.i16)
            case AMQP_FIELD_KIND_U16.rawValue: return Int(value.u16)
            case AMQP_FIELD_KIND_I8.rawValue: return Int(value.i8)
            case AMQP_FIELD_KIND_U8.rawValue: return Int(value.u8)
            default: return nil
            }
        }
        return nil
    }

    /// Shuts the socket down without an AMQP close, as a crashed peer or a cut cable would.
    /// The next call on this connection fails and tears it down. For fault-injection tests.
    func severSocket() {
        guard let raw = handle?.raw else { return }
        shutdown(amqp_get_sockfd(raw), Int32(SHUT_RDWR))
    }
}
