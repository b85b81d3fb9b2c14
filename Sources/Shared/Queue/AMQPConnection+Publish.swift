import CRabbitMQ
import Foundation

extension AMQPConnection {
    /// Publishes `bodies` as persistent messages to `routingKey` on the default exchange and waits
    /// for the broker's confirms, `window` messages at a time, all within this one actor call.
    ///
    /// Messages are published `mandatory`, so a message that no queue takes comes back as
    /// `.unroutable` instead of being confirmed and dropped.
    /// - Throws: `.nacked` / `.unroutable` when the broker refused a message of a window (the
    ///   connection stays usable for `.nacked`), `.confirmTimeout` when confirms do not arrive within
    ///   `timeout` per window, connection-level errors otherwise (the connection is then torn down).
    ///   Messages of earlier windows may have been confirmed before a throw.
    public func publishConfirmed(_ bodies: [[UInt8]], routingKey: String, window: Int, timeout: Duration) throws {
        let raw = try requireOpen()
        if !confirming {
            _ = amqp_confirm_select(raw, amqpChannel)
            try check(amqp_get_rpc_reply(raw), doing: "confirm.select")
            confirming = true
        }
        let window = max(window, 1)
        var start = bodies.startIndex
        while start < bodies.endIndex {
            let end = min(start + window, bodies.endIndex)
            confirms.beginWindow()
            for body in bodies[start..<end] {
                try publishPersistent(raw, body: body, routingKey: routingKey)
                _ = confirms.recordPublish()
            }
            try waitForConfirms(raw, timeout: timeout)
            if confirms.nacked > 0 {
                throw AMQPError(.nacked, "broker refused \(confirms.nacked) of \(end - start) messages",
                                context: ["queue": routingKey])
            }
            if confirms.returned > 0 {
                let error = AMQPError(.unroutable, "\(confirms.returned) of \(end - start) messages were not routable",
                                      context: ["queue": routingKey])
                fail(error)
                throw error
            }
            start = end
        }
        amqp_maybe_release_buffers(raw)
    }

    /// Services heartbeats and absorbs frames that arrived while idle (late confirms, a broker
    /// close). Throws, with the connection torn down, when the connection turned out dead.
    public func tick() throws {
        guard let raw = handle?.raw else { return }
        while true {
            var frame = amqp_frame_t()
            var pollTimeout = timeval(.milliseconds(1))
            let status = amqp_simple_wait_frame_noblock(raw, &frame, &pollTimeout)
            if status == AMQP_STATUS_TIMEOUT.rawValue { break }
            guard status == AMQP_STATUS_OK.rawValue else {
                let error = AMQPError(.socket, "heartbeat: \(amqpStatusText(status))", context: ["status": String(status)])
                fail(error)
                throw error
            }
            try handleAsynchronousFrame(raw, frame, doing: "heartbeat")
        }
        amqp_maybe_release_buffers(raw)
    }

    private func publishPersistent(_ raw: amqp_connection_state_t, body: [UInt8], routingKey: String) throws {
        let status = withAMQPBytes("text/plain") { contentType in
            var properties = amqp_basic_properties_t()
            properties._flags = cr_basic_delivery_mode_flag | cr_basic_content_type_flag
            properties.delivery_mode = 2
            properties.content_type = contentType
            return withAMQPBytes(routingKey) { key in
                body.withUnsafeBytes { buffer in
                    let payload = amqp_bytes_t(len: buffer.count, bytes: UnsafeMutableRawPointer(mutating: buffer.baseAddress))
                    return amqp_basic_publish(raw, amqpChannel, amqp_empty_bytes, key, 1, 0, &properties, payload)
                }
            }
        }
        guard status == AMQP_STATUS_OK.rawValue else {
            let error = AMQPError(.socket, "publish: \(amqpStatusText(status))", context: ["status": String(status)])
            fail(error)
            throw error
        }
    }

    private func waitForConfirms(_ raw: amqp_connection_state_t, timeout: Duration) throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while !confirms.isSettled {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else {
                let error = AMQPError(.confirmTimeout, "\(confirms.outstanding.count) publisher confirms missing after \(timeout)")
                fail(error)
                throw error
            }
            var frame = amqp_frame_t()
            var waitTimeout = timeval(remaining)
            let status = amqp_simple_wait_frame_noblock(raw, &frame, &waitTimeout)
            if status == AMQP_STATUS_TIMEOUT.rawValue { continue }
            guard status == AMQP_STATUS_OK.rawValue else {
                let error = AMQPError(.socket, "waiting for confirms: \(amqpStatusText(status))", context: ["status": String(status)])
                fail(error)
                throw error
            }
            try handleAsynchronousFrame(raw, frame, doing: "waiting for confirms")
        }
    }

    /// Handles a frame that arrives outside an RPC on a publishing connection.
    private func handleAsynchronousFrame(_ raw: amqp_connection_state_t, _ frame: amqp_frame_t, doing action: String) throws {
        guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else { return }
        let method = frame.payload.method
        switch method.id {
        case AMQP_BASIC_ACK_METHOD:
            guard let ack = method.decoded?.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee else { return }
            confirms.ack(ack.delivery_tag, multiple: ack.multiple != 0)
        case AMQP_BASIC_NACK_METHOD:
            guard let nack = method.decoded?.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee else { return }
            confirms.nack(nack.delivery_tag, multiple: nack.multiple != 0)
        case AMQP_BASIC_RETURN_METHOD:
            // The returned message's header and body frames follow; read and drop them.
            var message = amqp_message_t()
            let reply = amqp_read_message(raw, frame.channel, &message, 0)
            if reply.reply_type == AMQP_RESPONSE_NORMAL { amqp_destroy_message(&message) }
            confirms.recordReturn()
            try check(reply, doing: "read returned message")
        case AMQP_CHANNEL_CLOSE_METHOD, AMQP_CONNECTION_CLOSE_METHOD:
            let error = serverCloseError(method: method.id, decoded: method.decoded, doing: action)
            fail(error)
            throw error
        default:
            break
        }
    }
}
