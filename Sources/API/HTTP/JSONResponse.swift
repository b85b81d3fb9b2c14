import Foundation
import Hummingbird

/// JSON bodies in KubeFATE's envelopes, keys sorted (Foundation's encoder does not keep a type's
/// key order, and sorted output is at least stable, as Go's maps are).
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The same bytes as `make` for a value that writes itself (`JSONWriter`), without `JSONEncoder`.
    static func write(_ value: some JSONWritable, status: HTTPResponse.Status = .ok, capacity: Int = 1024) throws -> Response {
        var writer = JSONWriter(capacity: capacity)
        try value.write(to: &writer)
        return Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }
}

/// `{"data": …, "msg": …}`, the success envelope of KubeFATE's handlers.
struct Envelope<T: Sendable>: Sendable {
    var data: T
    var msg: String
}

extension Envelope: Encodable where T: Encodable {}

/// `{"msg": …}` alone (e.g. `GET /`).
struct MessageBody: Encodable, Sendable {
    var msg: String
}

extension Request {
    /// The body, at most `limit` bytes; a larger body is a 400 naming `body`.
    mutating func bytes(limit: Int) async throws(APIError) -> [UInt8] {
        do {
            let buffer = try await collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.invalid("body", "request body exceeds \(limit) bytes")
        } catch {
            throw APIError.invalid("body", "cannot read the request body")
        }
    }
}
