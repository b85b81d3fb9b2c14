import Hummingbird
import Synchronization

/// Reads a response body into memory so a middleware can look at it (the idempotency store, the
/// audit log) and still answer with it. Only for bounded bodies: JSON answers, not streams.
enum ResponseCollector {
    /// The body bytes and a response that answers with them.
    static func collect(_ response: Response) async throws -> (response: Response, body: [UInt8]) {
        var response = response
        let sink = Sink()
        try await response.body.write(sink)
        let bytes = sink.bytes
        response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return (response, bytes)
    }

    /// Whether a response is worth collecting: not an event stream.
    static func isBounded(_ response: Response) -> Bool {
        !(response.headers[.contentType] ?? "").hasPrefix("text/event-stream")
    }

    private final class Sink: ResponseBodyWriter, Sendable {
        private let buffer = Mutex<[UInt8]>([])

        var bytes: [UInt8] { buffer.withLock { $0 } }

        func write(_ part: ByteBuffer) async throws {
            buffer.withLock { $0 += Array(part.readableBytesView) }
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
