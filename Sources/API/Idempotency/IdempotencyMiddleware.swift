import Foundation
import HTTPTypes
import Hummingbird
import KFDatabase
import KFModels

/// `Idempotency-Key` on POST, PUT and DELETE: the first request with a key runs and its answer
/// (2xx or 4xx) is stored with a hash of the method, path and body; a retry by the same caller
/// with the same key and request gets that stored answer (the same job, no new one); the same key
/// with a different request answers 422; a retry while the first is still running answers 409.
/// A 5xx or a dropped request forgets the key, so the retry runs again. Runs after
/// `AuthMiddleware` (keys are per caller).
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    let repository: IdempotencyRepository
    /// Largest body hashed (the largest any route accepts).
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .delete].contains(request.method), let key = request.headers[Self.header] else {
            return try await next(request, context)
        }
        guard !key.isEmpty, key.utf8.count <= 255, key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x21 && $0.value < 0x7f }) else {
            throw APIError.invalid("Idempotency-Key", "Idempotency-Key must be 1-255 visible ASCII characters")
        }
        let actor = try context.requireIdentity().username
        var request = request
        let body: [UInt8]
        do {
            body = Array(try await request.collectBody(upTo: maxBodyBytes).readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(status: .contentTooLarge, message: "request body exceeds \(maxBodyBytes) bytes", field: "body")
        }
        let hash = Self.requestHash(method: request.method.rawValue, path: request.uri.description, body: body)
        let claim = try await mapErrors(context) { try await repository.begin(actor: actor, key: key, requestHash: hash) }
        switch claim {
        case .replay(let status, let stored):
            context.logger.info("idempotent replay", metadata: ["key": "\(key)", "status": "\(status)"])
            var headers: HTTPFields = [.contentType: JSONResponse.contentType]
            headers[Self.replayedHeader] = "true"
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored)))
        case .mismatch:
            throw APIError(status: .unprocessableContent,
                           message: "Idempotency-Key \(key) was already used with a different request; use a new key", field: "Idempotency-Key")
        case .inProgress:
            throw APIError(status: .conflict, message: "a request with Idempotency-Key \(key) is still in progress; retry later",
                           field: "Idempotency-Key")
        case .started:
            break
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError where error.status.code < 500 {
            response = try error.response(from: request, context: context)
        } catch {
            try? await repository.abandon(actor: actor, key: key)
            throw error
        }
        guard response.status.code < 500, ResponseCollector.isBounded(response) else {
            try? await repository.abandon(actor: actor, key: key)
            return response
        }
        let collected = try await ResponseCollector.collect(response)
        try await mapErrors(context) {
            try await repository.complete(actor: actor, key: key, status: response.status.code, response: collected.body,
                                          jobID: Self.jobID(in: collected.body))
        }
        return collected.response
    }

    /// Set on a replayed answer.
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!

    /// SHA-256 of `METHOD path\n` and the body.
    static func requestHash(method: String, path: String, body: [UInt8]) -> String {
        Crypto.sha256Hex(Array("\(method) \(path)\n".utf8) + body)
    }

    /// `data.uuid` of a job answer, to remember which job a key created.
    static func jobID(in body: [UInt8]) -> String? {
        guard case .object(let top)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
              case .object(let data)? = top["data"], case .string(let method)? = data["method"], !method.isEmpty,
              case .string(let uuid)? = data["uuid"] else { return nil }
        return uuid
    }
}
