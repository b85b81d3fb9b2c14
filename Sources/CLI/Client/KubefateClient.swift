import Foundation

/// The KubeFATE REST API as the CLI uses it: logs in (`POST /v1/user/login`), then sends requests
/// with `Authorization: Bearer <token>`, logging in again once if the token has expired.
actor KubefateClient {
    let config: CLIConfig
    private let http: CurlHTTPClient
    private var token: String?

    init(config: CLIConfig) throws(CLIError) {
        self.config = config
        http = try CurlHTTPClient()
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
    func request<T: Decodable & Sendable>(_ method: String, _ path: String, body: [UInt8]? = nil, as type: T.Type) async throws(CLIError) -> T {
        let result = try await raw(method, path, body: body)
        guard result.status == 200 else { throw Self.failure(result) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(result.body))
        } catch {
            throw CLIError("cannot decode the answer to \(method) /v1/\(path): \(error)")
        }
    }

    /// The status and body of an authenticated request, re-logging in once on 401.
    func raw(_ method: String, _ path: String, body: [UInt8]? = nil) async throws(CLIError) -> HTTPResult {
        var attempt = 0
        while true {
            let bearer: String
            if let token { bearer = token } else { bearer = try await login().token }
            var headers = ["Authorization: Bearer \(bearer)"]
            if body != nil { headers.append("Content-Type: application/json") }
            let result = try await http.send(method: method, url: config.baseURL + "/v1/" + path, headers: headers, body: body)
            if result.status == 401, attempt == 0 {
                token = nil
                attempt += 1
                continue
            }
            return result
        }
    }

    /// The error a non-200 answer stands for, with the server's text (`error` or `message`).
    static func failure(_ result: HTTPResult) -> CLIError {
        if result.status == 503 {
            return CLIError("503 Service Temporarily Unavailable. Please try again later or check the pod status of kubefate",
                            isTransient: true)
        }
        let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(result.body))
        let text = decoded?.error ?? decoded?.message ?? String(decoding: result.body, as: UTF8.self)
        return CLIError("resp.StatusCode=\(result.status), error: \(text)", isTransient: result.status >= 500)
    }

    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, bools and byte arrays cannot fail.
        return (try? encoder.encode(value)).map(Array.init) ?? []
    }
}
