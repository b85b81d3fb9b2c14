import Foundation
import Hummingbird

/// An error answer. Two body shapes exist, as in KubeFATE: handlers answer `{"error": "<text>"}`
/// (here with optional `field` / `job_id` naming what was wrong), the authentication layer answers
/// `{"code": <status>, "message": "<text>"}`.
struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    enum Shape: Sendable, Equatable {
        case handler
        case auth
    }

    var status: HTTPResponse.Status
    var message: String
    var shape: Shape = .handler
    /// The request field that was wrong (400s).
    var field: String?
    /// The job holding the cluster (409s).
    var jobID: String?

    var description: String { "\(status.code) \(message)" }

    /// The JSON body this error answers with.
    var body: [String: JSONScalar] {
        switch shape {
        case .auth:
            return ["code": .int(status.code), "message": .string(message)]
        case .handler:
            var body: [String: JSONScalar] = ["error": .string(message)]
            if let field { body["field"] = .string(field) }
            if let jobID { body["job_id"] = .string(jobID) }
            return body
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if shape == .auth, status == .unauthorized {
            headers[.wwwAuthenticate] = "JWT realm=kubefate"
        }
        let data = try JSONEncoder.api.encode(body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension APIError {
    /// 400 naming the offending request field.
    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(status: .badRequest, message: message, field: field)
    }

    /// 401/400/403 from the token check, in the JWT layer's `{"code","message"}` shape.
    static func unauthenticated(_ error: JWTError) -> APIError {
        let status: HTTPResponse.Status = switch error.code {
        case .missingExpiry, .invalidExpiry: .badRequest
        case .missingIdentity: .forbidden
        case .missingToken, .malformed, .unsupportedAlgorithm, .badSignature, .expired: .unauthorized
        }
        return APIError(status: status, message: error.message, shape: .auth)
    }

    /// 403 `{"error": message}`: authenticated, but not allowed.
    static func forbidden(_ message: String) -> APIError {
        APIError(status: .forbidden, message: message)
    }

    /// 429 `{"error": message}`: a quota or rate limit.
    static func tooManyRequests(_ message: String) -> APIError {
        APIError(status: .tooManyRequests, message: message)
    }

    static func notFound(_ message: String = "record not found") -> APIError {
        APIError(status: .notFound, message: message)
    }

    static func internalError() -> APIError {
        APIError(status: .internalServerError, message: "internal error")
    }

    static func unavailable(_ message: String) -> APIError {
        APIError(status: .serviceUnavailable, message: message)
    }
}

/// A scalar in an error body.
enum JSONScalar: Sendable, Equatable, Encodable {
    case string(String)
    case int(Int)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        }
    }
}

extension JSONEncoder {
    /// The encoder for every API body: sorted keys (as Go's maps), no escaped slashes.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
