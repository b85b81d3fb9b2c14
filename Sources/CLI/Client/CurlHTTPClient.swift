import CCurlLazy
import KFModels

/// One HTTP exchange's answer.
struct HTTPResult: Sendable {
    var status: Int
    var body: [UInt8]
}

/// HTTP over libcurl's easy interface, loaded on first use (`CCurlLazy`). Every transfer blocks, so
/// the actor is pinned to its own thread (never Swift's cooperative pool); one easy handle is reused
/// so keep-alive connections are too.
actor CurlHTTPClient {
    private let executor = ThreadExecutor(name: "kf-cli-http")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    let handle: CurlHandle
    /// Whole-transfer limit in seconds (0 = none, for streams).
    let timeout: Int
    /// A PEM bundle of CA certificates to trust instead of the system roots, or nil.
    let caFile: String?

    init(timeout: Int = 60, caFile: String? = nil) throws(CLIError) {
        if let failure = kfcurl_open() { throw CLIError(String(cString: failure)) }
        guard let raw = kfcurl_easy_init() else { throw CLIError("cannot initialise libcurl") }
        handle = CurlHandle(raw: raw)
        self.timeout = timeout
        self.caFile = caFile
    }

    deinit { executor.shutdown() }

    /// Performs one request. Transport failures (refused, timeout, DNS, TLS) throw with curl's text.
    /// With `stream`, the body of a 2xx answer goes to it as it arrives (the result's body stays
    /// empty) and no whole-transfer timeout applies; other answers are collected as usual.
    func send(method: String, url: String, headers: [String] = [], body: [UInt8]? = nil,
              stream: (@Sendable ([UInt8]) -> Void)? = nil) throws(CLIError) -> HTTPResult {
        let h = handle.raw
        prepare(url: url)
        _ = kfcurl_setopt_long(h, CURLOPT_TIMEOUT, stream == nil ? timeout : 0)
        _ = kfcurl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 1)
        // CURL_REDIR_POST_ALL (301|302|303 = 7): keep POST on every redirect.
        _ = kfcurl_setopt_long(h, CURLOPT_POSTREDIR, 7)
        _ = kfcurl_setopt_str(h, CURLOPT_CUSTOMREQUEST, method)
        _ = kfcurl_setopt_str(h, CURLOPT_USERAGENT, "kubefate")
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers { list = kfcurl_slist_append(list, header) }
        defer { kfcurl_slist_free_all(list) }
        _ = kfcurl_setopt_slist(h, CURLOPT_HTTPHEADER, list)
        let sink = ResponseSink(handle: h, stream: stream)
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        _ = kfcurl_setopt_ptr(h, CURLOPT_WRITEDATA, context.toOpaque())
        _ = kfcurl_setopt_data_cb(h, CURLOPT_WRITEFUNCTION) { pointer, size, count, userdata in
            guard let pointer, let userdata else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
            sink.receive(UnsafeRawBufferPointer(start: pointer, count: size * count))
            return size * count
        }
        var payload = body ?? []
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = payload.withUnsafeMutableBytes { raw in
            errorBuffer.withUnsafeMutableBufferPointer { buffer in
                _ = kfcurl_setopt_ptr(h, CURLOPT_ERRORBUFFER, buffer.baseAddress)
                if body != nil {
                    _ = kfcurl_setopt_ptr(h, CURLOPT_POSTFIELDS, raw.baseAddress)
                    _ = kfcurl_setopt_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(raw.count))
                }
                defer { _ = kfcurl_setopt_ptr(h, CURLOPT_ERRORBUFFER, nil) }
                return kfcurl_easy_perform(h)
            }
        }
        guard code == CURLE_OK else {
            throw CLIError("\(method) \(url): \(Self.describe(code, errorBuffer))", isTransient: true)
        }
        var status = 0
        _ = kfcurl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResult(status: status, body: sink.bytes)
    }

    /// Opens a connection to `url`'s host and port only (TCP, plus the TLS handshake for https),
    /// for `kubefate doctor`. A handle of its own, cleaned up at once, so the connection closes.
    /// Returns nil on success, else curl's code and text.
    func connect(url: String) -> (code: Int, message: String)? {
        guard let h = kfcurl_easy_init() else { return (Int(CURLE_FAILED_INIT.rawValue), "cannot initialise libcurl") }
        defer { kfcurl_easy_cleanup(h) }
        Self.configure(h, url: url, caFile: caFile)
        _ = kfcurl_setopt_long(h, CURLOPT_CONNECT_ONLY, 1)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = kfcurl_setopt_ptr(h, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            defer { _ = kfcurl_setopt_ptr(h, CURLOPT_ERRORBUFFER, nil) }
            return kfcurl_easy_perform(h)
        }
        return code == CURLE_OK ? nil : (Int(code.rawValue), Self.describe(code, errorBuffer))
    }

    /// Resets the shared handle to the settings every transfer shares.
    private func prepare(url: String) {
        kfcurl_easy_reset(handle.raw)
        Self.configure(handle.raw, url: url, caFile: caFile)
    }

    /// URL, signals off, connect timeout, CA bundle.
    private static func configure(_ h: UnsafeMutableRawPointer, url: String, caFile: String?) {
        _ = kfcurl_setopt_str(h, CURLOPT_URL, url)
        _ = kfcurl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        _ = kfcurl_setopt_long(h, CURLOPT_CONNECTTIMEOUT, 10)
        if let caFile { _ = kfcurl_setopt_str(h, CURLOPT_CAINFO, caFile) }
    }

    /// curl's detailed text for a failed transfer (the error buffer), else the code's generic text.
    private static func describe(_ code: CURLcode, _ buffer: [CChar]) -> String {
        let detail = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return detail.isEmpty ? String(cString: kfcurl_easy_strerror(code)) : detail
    }
}

/// Owns the easy handle so the nonisolated actor deinit needs no access to it.
final class CurlHandle: @unchecked Sendable {
    // @unchecked Sendable: only touched on the owning actor's thread, and in deinit.
    let raw: UnsafeMutableRawPointer

    init(raw: UnsafeMutableRawPointer) {
        self.raw = raw
    }

    deinit { kfcurl_easy_cleanup(raw) }
}

/// Collects (or streams) the response body; lives for one transfer on the client's thread.
private final class ResponseSink {
    let handle: UnsafeMutableRawPointer
    let stream: (@Sendable ([UInt8]) -> Void)?
    var bytes: [UInt8] = []

    init(handle: UnsafeMutableRawPointer, stream: (@Sendable ([UInt8]) -> Void)?) {
        self.handle = handle
        self.stream = stream
    }

    func receive(_ chunk: UnsafeRawBufferPointer) {
        if let stream {
            var status = 0
            _ = kfcurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            if (200..<300).contains(status) {
                stream(Array(chunk))
                return
            }
        }
        bytes.append(contentsOf: chunk)
    }
}
