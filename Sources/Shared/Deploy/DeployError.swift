/// Why a deploy action failed, with the component and the cause an operator acts on.
public struct DeployError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The chart could not be rendered for the spec.
        case render
        /// Kubernetes refused an object (validation, quota, NodePort in use, …).
        case apply
        /// A component cannot progress (image pull, crash loop, unschedulable, …) past the grace period.
        case componentFailed
        /// The release did not become ready within the time limit.
        case timeout
        /// The release record is missing, corrupt or in a state the action cannot take over.
        case release
        /// An object the release would create already exists and belongs to something else
        /// (no Helm ownership metadata, or another release's).
        case conflict
        /// Objects of the release are still present after delete.
        case leftovers
    }

    public var code: Code
    public var message: String
    /// The component (object name) the error is about, if any.
    public var component: String?

    public init(_ code: Code, _ message: String, component: String? = nil) {
        self.code = code
        self.message = message
        self.component = component
    }

    public var description: String { component.map { "\($0): \(message)" } ?? message }
}
