/// An API error that becomes a `Status` body, worded as kube-apiserver words it.
public struct KubeError: Error, Sendable, Equatable {
    /// HTTP status code.
    public var code: Int
    /// `Status.reason`, e.g. `NotFound`.
    public var reason: String
    /// `Status.message`.
    public var message: String
    /// `Status.details`, or `nil`.
    public var details: JSON?
    /// Extra response headers (e.g. `Retry-After`).
    public var headers: [(String, String)] = []

    public static func == (a: KubeError, b: KubeError) -> Bool {
        a.code == b.code && a.reason == b.reason && a.message == b.message && a.details == b.details
    }

    /// Creates an error.
    public init(code: Int, reason: String, message: String, details: JSON? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    /// The `Status` object.
    public var status: JSON {
        var s: JSON = [
            "kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .num(code),
        ]
        if let details { s["details"] = details }
        if reason.isEmpty { s["reason"] = nil }
        return s
    }

    static func details(_ t: ResourceType?, name: String, causes: [JSON]? = nil) -> JSON {
        var d: JSON = .emptyObject
        if !name.isEmpty { d["name"] = .string(name) }
        if let t {
            if !t.group.isEmpty { d["group"] = .string(t.group) }
            d["kind"] = .string(t.plural)
        }
        if let causes { d["causes"] = .array(causes) }
        return d
    }

    /// 404 `<resource> "<name>" not found`.
    public static func notFound(_ t: ResourceType, _ name: String) -> KubeError {
        KubeError(code: 404, reason: "NotFound", message: "\(t.qualifiedName) \"\(name)\" not found",
                  details: details(t, name: name))
    }

    /// 409 `<resource> "<name>" already exists`.
    public static func alreadyExists(_ t: ResourceType, _ name: String) -> KubeError {
        KubeError(code: 409, reason: "AlreadyExists", message: "\(t.qualifiedName) \"\(name)\" already exists",
                  details: details(t, name: name))
    }

    /// 409 optimistic-lock conflict.
    public static func conflict(_ t: ResourceType, _ name: String, _ why: String =
        "the object has been modified; please apply your changes to the latest version and try again") -> KubeError
    {
        KubeError(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on \(t.qualifiedName) \"\(name)\": \(why)",
                  details: details(t, name: name))
    }

    /// 422 Invalid with field causes.
    public static func invalid(_ t: ResourceType, _ name: String, _ causes: [(type: String, field: String, message: String)])
        -> KubeError
    {
        let msgs = causes.map { "\($0.field): \($0.message)" }
        let joined = msgs.count == 1 ? msgs[0] : "[" + msgs.joined(separator: ", ") + "]"
        let c: [JSON] = causes.map { ["reason": .string($0.type), "message": .string($0.message), "field": .string($0.field)] }
        return KubeError(code: 422, reason: "Invalid", message: "\(t.kind) \"\(name)\" is invalid: \(joined)",
                         details: details(t, name: name, causes: c))
    }

    /// 400 BadRequest.
    public static func badRequest(_ message: String) -> KubeError {
        KubeError(code: 400, reason: "BadRequest", message: message)
    }

    /// 403 Forbidden for a terminating namespace.
    public static func namespaceTerminating(_ t: ResourceType, _ name: String, namespace: String) -> KubeError {
        var d = details(t, name: name, causes: [[
            "reason": "NamespaceTerminating",
            "message": .string("namespace \(namespace) is being terminated"), "field": "metadata.namespace",
        ]])
        if name.isEmpty { d["name"] = nil }
        let who = name.isEmpty ? t.qualifiedName : "\(t.qualifiedName) \"\(name)\""
        return KubeError(code: 403, reason: "Forbidden",
                         message: "\(who) is forbidden: unable to create new content in namespace \(namespace) because it is being terminated",
                         details: d)
    }

    /// 405 MethodNotAllowed.
    public static func methodNotAllowed(_ method: String) -> KubeError {
        KubeError(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource",
                  details: .emptyObject)
    }

    /// 404 for an unknown path.
    public static let pathNotFound = KubeError(code: 404, reason: "NotFound",
                                               message: "the server could not find the requested resource", details: .emptyObject)

    /// 415 for an unsupported body type.
    public static func unsupportedMediaType(_ ct: String) -> KubeError {
        KubeError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
                  details: .emptyObject)
    }

    /// 410 Expired for a compacted resourceVersion.
    public static func expired(_ rv: UInt64, _ oldest: UInt64) -> KubeError {
        KubeError(code: 410, reason: "Expired", message: "too old resource version: \(rv) (\(oldest))")
    }

    /// 500 InternalError.
    public static func internalError(_ message: String) -> KubeError {
        KubeError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)",
                  details: ["causes": [["message": .string(message)]]])
    }
}
