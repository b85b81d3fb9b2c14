/// The typed error of the domain: a code (which the API maps to an HTTP status), a message for
/// humans, and context naming what it concerns (field, job, cluster, …).
public struct KubefateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// Malformed or invalid input; `context[.field]` names the field.
        case invalidArgument
        /// No credentials, or wrong ones.
        case unauthenticated
        /// Authenticated but not allowed.
        case forbidden
        /// The thing asked for does not exist.
        case notFound
        /// Clashes with existing state; `context[.job]` names the job holding the cluster when
        /// that is the reason, `context[.cluster]` the cluster.
        case conflict
        /// The operation is not allowed in the current state (e.g. stopping a finished job).
        case invalidState
        /// A worker's write was fenced off: its claim (attempt) is no longer current.
        case leaseLost
        /// A tenant's quota (clusters, active jobs) or a rate limit is exhausted; nothing was written.
        case quotaExceeded
        /// A dependency (database, broker) is unreachable or failed transiently; retrying may work.
        case unavailable
        /// A bug or unexpected failure.
        case `internal`
    }

    /// Names of context entries.
    public struct ContextKey: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }

        /// The request field at fault.
        public static let field: ContextKey = "field"
        /// A job uuid (for `.conflict`: the job holding the cluster).
        public static let job: ContextKey = "job"
        /// A cluster uuid.
        public static let cluster: ContextKey = "cluster"
        /// A cluster's namespace.
        public static let namespace: ContextKey = "namespace"
        /// A cluster's name.
        public static let name: ContextKey = "name"
        /// A file path and line.
        public static let file: ContextKey = "file"
        public static let line: ContextKey = "line"
        /// A tenant (name or uuid).
        public static let tenant: ContextKey = "tenant"
        /// A status involved (e.g. the current job status).
        public static let status: ContextKey = "status"
    }

    public var code: Code
    public var message: String
    public var context: [ContextKey: String]

    public init(_ code: Code, _ message: String, context: [ContextKey: String] = [:]) {
        self.code = code
        self.message = message
        self.context = context
    }

    public subscript(key: ContextKey) -> String? { context[key] }

    public var description: String {
        if context.isEmpty { return "\(code.rawValue): \(message)" }
        let ctx = context.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }
        return "\(code.rawValue): \(message) (\(ctx.joined(separator: ", ")))"
    }

    /// Whether redoing the operation may succeed.
    public var isRetryable: Bool { code == .unavailable }
}

extension KubefateError {
    /// Invalid input in `field`.
    public static func invalid(_ field: String, _ message: String) -> KubefateError {
        KubefateError(.invalidArgument, message, context: [.field: field])
    }

    /// The cluster is held by the active job `jobID`.
    public static func clusterBusy(cluster: String, job: String) -> KubefateError {
        KubefateError(.conflict, "cluster \(cluster) already has an active job \(job)",
                      context: [.cluster: cluster, .job: job])
    }

    /// A fenced write whose claim is stale.
    public static func leaseLost(job: String, attempt: Int) -> KubefateError {
        KubefateError(.leaseLost, "job \(job) is no longer held by attempt \(attempt)", context: [.job: job])
    }
}
