import Foundation
import Synchronization

/// A Kubernetes API client over libcurl.
///
/// All transfers of a client run on one dedicated thread (`CurlLoop`), never on Swift's
/// cooperative pool. Requests are rate limited per client, retried on 429/5xx/timeouts with
/// backoff, and bounded by a deadline. Resource paths come from discovery (`RESTMapper`).
public final class KubeClient: Sendable {
    public let config: KubeConfig
    /// Deadline of one HTTP exchange.
    public let requestTimeout: Duration
    public let retry: RetryPolicy
    let loop: CurlLoop
    let limiter: RateLimiter
    let mapper: RESTMapper
    private let sent = Atomic<Int>(0)

    public init(config: KubeConfig, qps: Double = 50, burst: Int = 100, requestTimeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy()) {
        self.config = config
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.loop = CurlLoop(name: "kube-http")
        self.limiter = RateLimiter(qps: qps, burst: burst)
        self.mapper = RESTMapper()
    }

    deinit { loop.shutdown() }

    /// How many HTTP requests this client has sent (retries included, watches counted once).
    public var requestsSent: Int { sent.load(ordering: .relaxed) }

    /// Sends a request to `path` (with query), retrying as `retry` allows; a non-2xx answer throws
    /// a `KubeError` carrying the server's `Status`.
    public func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
                     contentType: String = "application/json", accept: String = "application/json") async throws -> HTTPResponse {
        let request = try makeRequest(method, path, query: query, body: body, contentType: contentType, accept: accept, timeout: requestTimeout)
        var attempt = 1
        while true {
            do {
                let response = try await perform(request)
                if (200..<300).contains(response.status) { return response }
                let error = KubeError.fromResponse(response, request: request)
                guard let pause = retry.delay(after: attempt, error: error, retryAfterSeconds: response.headers["retry-after"].flatMap(Int.init)) else { throw error }
                try await Task.sleep(for: pause)
            } catch let error as KubeError {
                guard let pause = retry.delay(after: attempt, error: error, retryAfterSeconds: nil) else { throw error }
                try await Task.sleep(for: pause)
            }
            attempt += 1
        }
    }

    func makeRequest(_ method: HTTPMethod, _ path: String, query: [(String, String)], body: [UInt8]?,
                     contentType: String, accept: String, timeout: Duration?) throws -> HTTPRequest {
        var url = config.server + path
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        var headers = [("Accept", accept), ("User-Agent", "kubefate-swift")]
        if body != nil { headers.append(("Content-Type", contentType)) }
        if let authorization = try config.authorization() { headers.append(("Authorization", authorization)) }
        return HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: timeout)
    }

    /// One exchange, no retries.
    func perform(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await limiter.acquire()
        sent.add(1, ordering: .relaxed)
        let tls = config.tls
        let box = TransferBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                do {
                    let transfer = try CurlTransfer(request: request, tls: tls, delivery: .response(continuation))
                    box.set(transfer)
                    loop.submit(transfer)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if let transfer = box.get() { loop.cancel(transfer) }
        }
    }

    /// Opens a streaming request whose body arrives as lines (watches, followed logs).
    func stream(_ request: HTTPRequest) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        try await limiter.acquire()
        sent.add(1, ordering: .relaxed)
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let transfer = try CurlTransfer(request: request, tls: config.tls, delivery: .lines(continuation))
        continuation.onTermination = { [loop] _ in loop.cancel(transfer) }
        loop.submit(transfer)
        return stream
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// Hands the transfer created inside the continuation to the cancellation handler.
private final class TransferBox: Sendable {
    private let transfer = Mutex<CurlTransfer?>(nil)
    func set(_ value: CurlTransfer) { transfer.withLock { $0 = value } }
    func get() -> CurlTransfer? { transfer.withLock { $0 } }
}
