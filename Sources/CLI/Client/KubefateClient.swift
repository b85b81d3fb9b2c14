import Foundation

/// The KubeFATE REST API as the CLI uses it: logs in (`POST /v1/user/login`), then sends requests
/// with `Authorization: Bearer <token>`, logging in again once if the token has expired.
/// Requests that carry an `Idempotency-Key` are retried (same key, same body) when the service was
/// unreachable or answered 502/503/504, since the service answers a replay with the first result.
actor KubefateClient {
    let config: CLIConfig
    let http: CurlHTTPClient
    private var token: String?
    /// Attempts for an idempotent request whose transport failed.
    static let idempotentAttempts = 3

    init(config: CLIConfig) throws(CLIError) {
        self.config = config
        http = try CurlHTTPClient(caFile: config.caFile)
    }

    private struct LoginRequest: Encodable {
        var username: String
        var password: String
    }

    private struct LoginResponse: Decodable {
        var token: String
        var expire: String?
    }

    private struct ErrorBody: Decodable {
        var error: String?
        var message: String?
    }

    /// Logs in and returns the token with its expiry text.
    @discardableResult
    func login() async throws(CLIError) -> (token: String, expire: String?) {
        let body = Self.encode(LoginRequest(username: config.username, password: config.password))
        let result = try await http.send(method: "POST", url: config.baseURL + "/v1/user/login",
                                         headers: ["Content-Type: application/json"], body: body)
        guard result.status == 200 else { throw Self.failure(result) }
        guard let login = try? JSONDecoder().decode(LoginResponse.self, from: Data(result.body)) else {
            throw CLIError("login: unexpected response \(String(decoding: result.body, as: UTF8.self))")
        }
        token = login.token
        return (login.token, login.expire)
    }

    /// Sends an authenticated request to `/v1/<path>` and decodes a 200 answer as `T`. Any other
    /// status throws with the server's error text.
    func request<T: Decodable & Sendable>(_ method: String, _ path: String, body: [UInt8]? = nil, idempotencyKey: String? = nil,
                                          as type: T.Type) async throws(CLIError) -> T {
        let result = try await raw(method, path, body: body, idempotencyKey: idempotencyKey)
        guard result.status == 200 else { throw Self.failure(result) }
        return try Self.decode(T.self, result.body, what: "\(method) /v1/\(path)")
    }

    /// The body of a 200 answer; any other status throws with the server's error text.
    func fetch(_ method: String, _ path: String) async throws(CLIError) -> [UInt8] {
        let result = try await raw(method, path)
        guard result.status == 200 else { throw Self.failure(result) }
        return result.body
    }

    /// The status and body of an authenticated request, re-logging in once on 401. With an
    /// idempotency key, transport failures and 502/503/504 are retried with the same key.
    func raw(_ method: String, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json",
             idempotencyKey: String? = nil, stream: (@Sendable ([UInt8]) -> Void)? = nil) async throws(CLIError) -> HTTPResult {
        var relogged = false
        var attempt = 1
        while true {
            let bearer: String
            if let token { bearer = token } else { bearer = try await login().token }
            var headers = ["Authorization: Bearer \(bearer)"]
            if body != nil { headers.append("Content-Type: \(contentType)") }
            if let idempotencyKey { headers.append("Idempotency-Key: \(idempotencyKey)") }
            let result: HTTPResult
            do throws(CLIError) {
                result = try await http.send(method: method, url: config.baseURL + "/v1/" + path, headers: headers, body: body,
                                             stream: stream)
            } catch where idempotencyKey != nil && attempt < Self.idempotentAttempts {
                attempt += 1
                try await Self.pause(attempt)
                continue
            }
            if result.status == 401, !relogged {
                token = nil
                relogged = true
                continue
            }
            if idempotencyKey != nil, [502, 503, 504].contains(result.status), attempt < Self.idempotentAttempts {
                attempt += 1
                try await Self.pause(attempt)
                continue
            }
            return result
        }
    }

    private static func pause(_ attempt: Int) async throws(CLIError) {
        do {
            try await Task.sleep(for: .milliseconds(250 * attempt))
        } catch {
            throw CLIError("interrupted")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8], what: String) throws(CLIError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw CLIError("cannot decode the answer to \(what): \(error)")
        }
    }

    /// The error a non-200 answer stands for, with the server's text (`error` or `message`).
    static func failure(_ result: HTTPResult) -> CLIError {
        if result.status == 503 {
            return CLIError("503 Service Temporarily Unavailable. Please try again later or check the pod status of kubefate",
                            isTransient: true, status: 503)
        }
        let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(result.body))
        let text = decoded?.error ?? decoded?.message ?? String(decoding: result.body, as: UTF8.self)
        return CLIError("resp.StatusCode=\(result.status), error: \(text)", isTransient: result.status >= 500,
                        status: result.status)
    }

    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, bools and byte arrays cannot fail.
        return (try? encoder.encode(value)).map(Array.init) ?? []
    }
}
