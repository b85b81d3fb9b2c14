/// What went wrong talking to Kubernetes, with the server's `Status` when it sent one.
public struct KubeError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The kubeconfig or in-cluster configuration is missing or invalid.
        case configuration
        /// Connection, TLS or protocol failure before a response.
        case transport
        /// The deadline passed.
        case timeout
        /// The caller cancelled.
        case cancelled
        /// The server answered with an error status (see `status` and `reason`).
        case server
        /// The response could not be decoded.
        case decoding
        /// No resource of that apiVersion/kind is served.
        case unknownKind
    }

    public var code: Code
    public var message: String
    /// HTTP status when the server answered.
    public var status: Int?
    /// `Status.reason` (e.g. `NotFound`, `AlreadyExists`, `Conflict`, `Expired`).
    public var reason: String?

    public init(_ code: Code, _ message: String, status: Int? = nil, reason: String? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.reason = reason
    }

    public var description: String {
        status.map { "\(message) (HTTP \($0)\(reason.map { ", \($0)" } ?? ""))" } ?? message
    }

    public var isNotFound: Bool { status == 404 }
    public var isConflict: Bool { status == 409 }
    /// 410 Gone: a watch or list resourceVersion too old; the caller must relist.
    public var isExpired: Bool { status == 410 }

    /// Whether retrying the same request may succeed: throttling, server errors and timeouts.
    public var isRetryable: Bool {
        switch code {
        case .timeout, .transport: return true
        case .server: return status == 429 || (status ?? 0) >= 500
        case .configuration, .cancelled, .decoding, .unknownKind: return false
        }
    }

    static func fromResponse(_ response: HTTPResponse, request: HTTPRequest) -> KubeError {
        var message = "\(request.method.rawValue) \(request.url)"
        var reason: String?
        if case .object(let status)? = try? KubeJSON.decode(response.body) {
            if case .string(let text)? = status["message"] { message += ": \(text)" }
            if case .string(let text)? = status["reason"] { reason = text }
        } else if !response.body.isEmpty {
            message += ": \(response.text.prefix(300))"
        }
        return KubeError(.server, message, status: response.status, reason: reason)
    }
}
