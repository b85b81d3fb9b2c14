import CCurl
import Foundation
import Synchronization

/// One HTTP exchange driven by `CurlLoop`: the easy handle, what was received, and who waits for it.
///
/// Everything but `state` is touched only on the loop's thread once the transfer is submitted.
final class CurlTransfer: @unchecked Sendable {
    /// How the body is delivered to the caller.
    enum Delivery {
        /// The whole response at the end.
        case response(CheckedContinuation<HTTPResponse, any Error>)
        /// Newline-delimited chunks as they arrive (watches, log follows); the status decides first.
        case lines(AsyncThrowingStream<[UInt8], any Error>.Continuation)
    }

    let easy: UnsafeMutableRawPointer
    let request: HTTPRequest
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private(set) var body: [UInt8] = []
    private(set) var responseHeaders: [String: String] = [:]
    private var lineBuffer: [UInt8] = []
    private var streamedStatus: Int?
    private var delivery: Delivery?
    /// Set by any thread that wants the transfer aborted; the loop removes it.
    let cancelled = Atomic<Bool>(false)

    init(request: HTTPRequest, tls: TLSSettings, delivery: Delivery) throws(KubeError) {
        guard let easy = curl_easy_init() else { throw KubeError(.transport, "curl_easy_init failed") }
        self.easy = easy
        self.request = request
        self.delivery = delivery
        try configure(tls: tls)
    }

    deinit {
        curl_slist_free_all(headerList)
        curl_easy_cleanup(easy)
    }

    private func configure(tls: TLSSettings) throws(KubeError) {
        var ok = true
        func check(_ code: CURLcode) { if code != CURLE_OK { ok = false } }
        check(ccurl_setopt_str(easy, CURLOPT_URL, request.url))
        check(ccurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        check(ccurl_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1))
        check(ccurl_setopt_str(easy, CURLOPT_CUSTOMREQUEST, request.method.rawValue))
        if request.method == .head { check(ccurl_setopt_long(easy, CURLOPT_NOBODY, 1)) }
        if let payload = request.body {
            check(ccurl_setopt_long(easy, CURLOPT_POSTFIELDSIZE, payload.count))
            // COPYPOSTFIELDS copies, so the buffer need not outlive this call.
            if payload.isEmpty {
                check(ccurl_setopt_str(easy, CURLOPT_COPYPOSTFIELDS, ""))
            } else {
                payload.withUnsafeBytes { raw in
                    check(ccurl_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress!)))
                }
            }
        }
        for (name, value) in request.headers {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        // An empty Expect header stops curl's 100-continue round trip on large bodies.
        headerList = curl_slist_append(headerList, "Expect:")
        check(ccurl_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))
        if let timeout = request.timeout {
            check(ccurl_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)))
        }
        check(ccurl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, 10_000))
        try tls.apply(to: easy)
        let context = Unmanaged.passUnretained(self).toOpaque()
        check(ccurl_setopt_ptr(easy, CURLOPT_WRITEDATA, context))
        check(ccurl_setopt_data_cb(easy, CURLOPT_WRITEFUNCTION) { pointer, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.receive(UnsafeRawBufferPointer(start: pointer, count: size * count))
        })
        check(ccurl_setopt_ptr(easy, CURLOPT_HEADERDATA, context))
        check(ccurl_setopt_data_cb(easy, CURLOPT_HEADERFUNCTION) { pointer, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.receiveHeader(UnsafeRawBufferPointer(start: pointer, count: size * count))
            return size * count
        })
        check(ccurl_setopt_long(easy, CURLOPT_NOPROGRESS, 0))
        check(ccurl_setopt_ptr(easy, CURLOPT_XFERINFODATA, context))
        check(ccurl_setopt_xferinfo_cb(easy, CURLOPT_XFERINFOFUNCTION) { context, _, _, _, _ in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().cancelled.load(ordering: .relaxed) ? 1 : 0
        })
        if !ok { throw KubeError(.transport, "could not configure the HTTP request for \(request.url)") }
    }

    private var status: Int {
        var code = 0
        _ = ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    private func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        guard let line = String(bytes: bytes, encoding: .utf8), let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        responseHeaders[name] = value
    }

    private func receive(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard case .lines(let continuation) = delivery else {
            body.append(contentsOf: bytes)
            return bytes.count
        }
        if streamedStatus == nil { streamedStatus = status }
        guard streamedStatus == 200 else {
            body.append(contentsOf: bytes)
            return bytes.count
        }
        lineBuffer.append(contentsOf: bytes)
        while let newline = lineBuffer.firstIndex(of: UInt8(ascii: "\n")) {
            let line = Array(lineBuffer[..<newline])
            lineBuffer.removeSubrange(...newline)
            if !line.isEmpty { continuation.yield(line) }
        }
        return bytes.count
    }

    /// Called once on the loop's thread when curl is done with the transfer (or it was removed).
    func complete(_ code: CURLcode) {
        guard let delivery else { return }
        self.delivery = nil
        let failure: KubeError? = code == CURLE_OK ? nil : KubeError(
            code == CURLE_OPERATION_TIMEDOUT ? .timeout : (code == CURLE_ABORTED_BY_CALLBACK ? .cancelled : .transport),
            "\(request.method.rawValue) \(request.url): \(String(cString: curl_easy_strerror(code)))")
        switch delivery {
        case .response(let continuation):
            if let failure { continuation.resume(throwing: failure); return }
            continuation.resume(returning: HTTPResponse(status: status, headers: responseHeaders, body: body))
        case .lines(let continuation):
            let status = streamedStatus ?? self.status
            if let failure, failure.code != .cancelled {
                continuation.finish(throwing: failure)
            } else if status != 200 && failure == nil {
                continuation.finish(throwing: KubeError.fromResponse(HTTPResponse(status: status, headers: responseHeaders, body: body), request: request))
            } else {
                if !lineBuffer.isEmpty { continuation.yield(lineBuffer) }
                continuation.finish()
            }
        }
    }
}
