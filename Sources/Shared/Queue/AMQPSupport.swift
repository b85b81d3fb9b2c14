import CRabbitMQ
import Foundation

/// Owns one `amqp_connection_state_t` and destroys it when released (without an AMQP close).
///
/// `@unchecked Sendable`: the handle is only used from its owning `AMQPConnection` actor; the class
/// exists so that a nonisolated actor `deinit` can release it.
final class AMQPHandle: @unchecked Sendable {
    let raw: amqp_connection_state_t

    init(_ raw: amqp_connection_state_t) {
        self.raw = raw
    }

    deinit {
        amqp_destroy_connection(raw)
    }
}

/// The AMQP channel every connection of ours uses.
let amqpChannel: amqp_channel_t = 1

extension timeval {
    /// A `timeval` for a non-negative duration.
    init(_ duration: Duration) {
        let microseconds = max(0, duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000)
        self.init(tv_sec: Int(microseconds / 1_000_000), tv_usec: Int(microseconds % 1_000_000))
    }
}

/// Calls `body` with `amqp_bytes_t` views of `string`'s UTF-8 bytes, valid only during the call.
func withAMQPBytes<T>(_ string: String, _ body: (amqp_bytes_t) throws -> T) rethrows -> T {
    try string.withCString { pointer in
        try body(amqp_bytes_t(len: strlen(pointer), bytes: UnsafeMutableRawPointer(mutating: pointer)))
    }
}

/// Calls `body` with an `amqp_table_t` of UTF-8 string entries, valid only during the call.
func withAMQPTable<T>(_ entries: [(String, String)], _ body: (amqp_table_t) throws -> T) rethrows -> T {
    var storage: [[CChar]] = []
    storage.reserveCapacity(entries.count * 2)
    for (key, value) in entries {
        storage.append(Array(key.utf8CString))
        storage.append(Array(value.utf8CString))
    }
    return try withExtendedLifetime(storage) {
        var tableEntries: [amqp_table_entry_t] = []
        for index in entries.indices {
            let key = storage[2 * index].withUnsafeBufferPointer { bytes(of: $0) }
            let value = storage[2 * index + 1].withUnsafeBufferPointer { bytes(of: $0) }
            var field = amqp_field_value_t()
            field.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
            field.value.bytes = value
            tableEntries.append(amqp_table_entry_t(key: key, value: field))
        }
        return try tableEntries.withUnsafeMutableBufferPointer { buffer in
            try body(amqp_table_t(num_entries: Int32(buffer.count), entries: buffer.baseAddress))
        }
    }
}

/// `amqp_bytes_t` for a NUL-terminated C string buffer (without the NUL).
private func bytes(of buffer: UnsafeBufferPointer<CChar>) -> amqp_bytes_t {
    amqp_bytes_t(len: max(buffer.count - 1, 0), bytes: UnsafeMutableRawPointer(mutating: buffer.baseAddress))
}

extension amqp_bytes_t {
    /// The bytes as a Swift string (lossy for invalid UTF-8).
    var string: String {
        guard len > 0, let bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: len), as: UTF8.self)
    }

    /// A copy of the bytes.
    var array: [UInt8] {
        guard len > 0, let bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: len))
    }
}

/// A rabbitmq-c status code as text.
func amqpStatusText(_ status: Int32) -> String {
    String(cString: amqp_error_string2(status))
}

/// Maps a non-normal `amqp_rpc_reply_t` to an error; `nil` for `AMQP_RESPONSE_NORMAL`.
func amqpError(from reply: amqp_rpc_reply_t, doing action: String, code: AMQPError.Code = .rpc) -> AMQPError? {
    switch reply.reply_type {
    case AMQP_RESPONSE_NORMAL:
        return nil
    case AMQP_RESPONSE_NONE:
        return AMQPError(.socket, "\(action): missing RPC reply")
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        let status = reply.library_error
        let errorCode: AMQPError.Code = code == .connect ? .connect : .socket
        return AMQPError(errorCode, "\(action): \(amqpStatusText(status))", context: ["status": String(status)])
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        return serverCloseError(method: reply.reply.id, decoded: reply.reply.decoded, doing: action)
    default:
        return AMQPError(code, "\(action): unknown reply type \(reply.reply_type.rawValue)")
    }
}

/// The error for a `connection.close` / `channel.close` method received from the broker.
func serverCloseError(method: amqp_method_number_t, decoded: UnsafeMutableRawPointer?, doing action: String) -> AMQPError {
    switch method {
    case AMQP_CONNECTION_CLOSE_METHOD:
        let close = decoded?.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
        return AMQPError(.connectionClosed, "\(action): broker closed the connection: \(close?.reply_text.string ?? "")",
                         context: ["replyCode": String(close?.reply_code ?? 0)])
    case AMQP_CHANNEL_CLOSE_METHOD:
        let close = decoded?.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
        return AMQPError(.channelClosed, "\(action): broker closed the channel: \(close?.reply_text.string ?? "")",
                         context: ["replyCode": String(close?.reply_code ?? 0)])
    default:
        return AMQPError(.rpc, "\(action): unexpected method 0x\(String(method, radix: 16))")
    }
}
