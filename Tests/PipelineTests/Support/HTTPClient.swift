import CCurl
import Foundation
import KFModels

/// A response from the API under test.
struct HTTPResponse: Sendable {
    var status: Int
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}

/// Blocking libcurl calls on a dedicated thread (an actor pinned by `ThreadExecutor`), so tests
/// never block Swift's cooperative pool.
actor HTTPClient {
    private let executor = ThreadExecutor(name: "test-http")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private let handle = CurlHandle()

    init() {}

    deinit { executor.shutdown() }

    /// Sends one request; `body` goes out as is (JSON unless `contentType` says otherwise).
    func request(
        _ method: String, _ url: String, body: [UInt8]? = nil, token: String? = nil,
        headers: [String] = [], contentType: String = "application/json"
    ) throws -> HTTPResponse {
        guard let curl = handle.raw else { throw HTTPClientError(message: "curl_easy_init failed") }
        curl_easy_reset(curl)
        _ = ccurl_setopt_str(curl, CURLOPT_URL, url)
        _ = ccurl_setopt_str(curl, CURLOPT_CUSTOMREQUEST, method)
        _ = ccurl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(curl, CURLOPT_TIMEOUT_MS, 30_000)
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers + (token.map { ["Authorization: Bearer \($0)"] } ?? []) + ["Content-Type: \(contentType)", "Expect:"] {
            list = curl_slist_append(list, header)
        }
        defer { curl_slist_free_all(list) }
        _ = ccurl_setopt_slist(curl, CURLOPT_HTTPHEADER, list)
        let sink = ResponseSink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        _ = ccurl_setopt_data_cb(curl, CURLOPT_WRITEFUNCTION) { pointer, size, count, context in
            let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
            if let pointer { sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: size * count)) }
            return size * count
        }
        _ = ccurl_setopt_ptr(curl, CURLOPT_WRITEDATA, unmanaged.toOpaque())
        let code: CURLcode = if let body {
            body.withUnsafeBufferPointer { buffer in
                _ = ccurl_setopt_long(curl, CURLOPT_POSTFIELDSIZE, buffer.count)
                _ = ccurl_setopt_ptr(curl, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!))
                return curl_easy_perform(curl)
            }
        } else {
            curl_easy_perform(curl)
        }
        guard code == CURLE_OK else {
            throw HTTPClientError(message: "\(method) \(url): \(String(cString: curl_easy_strerror(code)))")
        }
        var status = 0
        _ = ccurl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, body: sink.bytes)
    }
}

/// Owns one easy handle; only the client's thread uses it.
private final class CurlHandle: @unchecked Sendable {
    let raw = curl_easy_init()
    deinit { curl_easy_cleanup(raw) }
}

/// Collects a response body inside libcurl's write callback (always on the client's thread).
private final class ResponseSink: @unchecked Sendable {
    var bytes: [UInt8] = []
}

struct HTTPClientError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
