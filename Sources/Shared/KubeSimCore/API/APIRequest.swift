/// An HTTP request as the API server sees it.
public struct APIRequest: Sendable {
    /// Upper-case method.
    public var method: String
    /// Path without query.
    public var path: String
    /// Decoded query parameters (last value wins).
    public var query: [String: String]
    /// Headers with lower-case names.
    public var headers: [String: String]
    /// Request body.
    public var body: [UInt8]

    /// Creates a request; `target` may carry a query string.
    public init(method: String, target: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method.uppercased()
        var h: [String: String] = [:]
        for (k, v) in headers { h[k.lowercased()] = v }
        self.headers = h
        self.body = body
        if let q = target.firstIndex(of: "?") {
            path = String(target[..<q])
            query = APIRequest.parseQuery(String(target[target.index(after: q)...]))
        } else {
            path = target
            query = [:]
        }
    }

    static func parseQuery(_ s: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in s.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let k = percentDecode(String(kv[0]))
            out[k] = kv.count > 1 ? percentDecode(String(kv[1])) : ""
        }
        return out
    }

    static func percentDecode(_ s: String) -> String {
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let c = it.popFirst() {
            if c == UInt8(ascii: "+") { bytes.append(0x20); continue }
            if c == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
                continue
            }
            bytes.append(c)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `Accept` header split into media types with parameters.
    var acceptList: [(type: String, params: [String: String])] {
        guard let a = headers["accept"], !a.isEmpty else { return [("*/*", [:])] }
        return a.split(separator: ",").map { part in
            let items = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            var params: [String: String] = [:]
            for p in items.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { params[String(kv[0])] = String(kv[1]) }
            }
            return (items.first ?? "", params)
        }
    }

    /// Content type without parameters.
    var contentType: String {
        let ct = headers["content-type"] ?? ""
        return String(ct.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// An HTTP response from the API server: a complete body or a stream of chunks (watch, follow logs).
public struct APIResponse: Sendable {
    /// The body.
    public enum Body: Sendable {
        case bytes([UInt8])
        case stream(AsyncStream<[UInt8]>)
    }
    public var status: Int
    public var headers: [(String, String)]
    public var body: Body

    public init(status: Int, headers: [(String, String)] = [], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response.
    static func json(_ status: Int, _ bytes: [UInt8], contentType: String = "application/json") -> APIResponse {
        APIResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(bytes))
    }

    /// A Status error response.
    static func error(_ e: KubeError) -> APIResponse {
        var r = json(e.code, e.status.bytes)
        r.headers.append(contentsOf: e.headers)
        return r
    }

    /// The whole body (streams are drained), for tests.
    public func collect() async -> [UInt8] {
        switch body {
        case .bytes(let b): return b
        case .stream(let s):
            var out: [UInt8] = []
            for await c in s { out.append(contentsOf: c) }
            return out
        }
    }
}

import Foundation
