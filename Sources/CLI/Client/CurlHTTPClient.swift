import CCurl
import KFModels

/// One HTTP exchange's answer.
struct HTTPResult: Sendable {
    var status: Int
    var body: [UInt8]
}

/// HTTP over libcurl's easy interface. Every transfer blocks, so the actor is pinned to its own
/// thread (never Swift's cooperative pool); one easy handle is reused so keep-alive connections are too.
actor CurlHTTPClient {
    private let executor = ThreadExecutor(name: "kf-cli-http")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private let handle: CurlHandle
    /// Whole-transfer limit in seconds.
    let timeout: Int

    init(timeout: Int = 60) throws(CLIError) {
        guard let raw = curl_easy_init() else { throw CLIError("cannot initialise libcurl") }
        handle = CurlHandle(raw: raw)
        self.timeout = timeout
    }

    deinit { executor.shutdown() }

    /// Performs one request. Transport failures (refused, timeout, DNS) throw with curl's text.
    func send(method: String, url: String, headers: [String] = [], body: [UInt8]? = nil) throws(CLIError) -> HTTPResult {
        let h = handle.raw
        curl_easy_reset(h)
        _ = ccurl_setopt_str(h, CURLOPT_URL, url)
        _ = ccurl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(h, CURLOPT_CONNECTTIMEOUT, 10)
        _ = ccurl_setopt_long(h, CURLOPT_TIMEOUT, timeout)
        _ = ccurl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 1)
        // CURL_REDIR_POST_ALL (301|302|303 = 7): keep POST on every redirect.
        _ = ccurl_setopt_long(h, CURLOPT_POSTREDIR, 7)
        _ = ccurl_setopt_str(h, CURLOPT_CUSTOMREQUEST, method)
        _ = ccurl_setopt_str(h, CURLOPT_USERAGENT, "kubefate")
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }
        _ = ccurl_setopt_slist(h, CURLOPT_HTTPHEADER, list)
        let sink = ResponseSink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        _ = ccurl_setopt_ptr(h, CURLOPT_WRITEDATA, context.toOpaque())
        _ = ccurl_setopt_data_cb(h, CURLOPT_WRITEFUNCTION) { pointer, size, count, userdata in
            guard let pointer, let userdata else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: size * count))
            return size * count
        }
        var payload = body ?? []
        let code: CURLcode = payload.withUnsafeMutableBytes { raw in
            if body != nil {
                _ = ccurl_setopt_ptr(h, CURLOPT_POSTFIELDS, raw.baseAddress)
                _ = ccurl_setopt_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(raw.count))
            }
            return curl_easy_perform(h)
        }
        guard code == CURLE_OK else {
            throw CLIError("\(method) \(url): \(String(cString: curl_easy_strerror(code)))", isTransient: true)
        }
        var status = 0
        _ = ccurl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResult(status: status, body: sink.bytes)
    }
}

/// Owns the easy handle so the nonisolated actor deinit needs no access to it.
private final class CurlHandle: @unchecked Sendable {
    // @unchecked Sendable: only touched on the owning actor's thread, and in deinit.
    let raw: UnsafeMutableRawPointer

    init(raw: UnsafeMutableRawPointer) {
        self.raw = raw
    }

    deinit { curl_easy_cleanup(raw) }
}

/// Collects the response body; lives for one transfer on the client's thread.
private final class ResponseSink {
    var bytes: [UInt8] = []
}
