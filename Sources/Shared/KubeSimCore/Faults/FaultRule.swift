import Foundation

/// One fault-injection rule. Pod rules match pods by namespace, name prefix, label selector or image;
/// API rules match requests by verb and resource.
public struct FaultRule: Codable, Sendable, Equatable {
    /// What the rule does.
    public enum Effect: String, Codable, Sendable {
        /// The container starts, exits with code 1, and restarts with back-off (CrashLoopBackOff).
        case crashLoop = "CrashLoop"
        /// The container is killed for memory (OOMKilled, exit 137) and restarts with back-off.
        case oomKilled = "OOMKilled"
        /// The container runs but never becomes ready.
        case readinessNever = "ReadinessNever"
        /// The scheduler never places the pod.
        case unschedulable = "Unschedulable"
        /// The image pull takes `seconds` longer.
        case slowStart = "SlowStart"
        /// The image never pulls (ErrImagePull, then ImagePullBackOff).
        case imagePullFailure = "ImagePullFailure"
        /// Matching API requests fail with `code` (429, 500 or 504).
        case apiError = "APIError"
    }

    /// The effect.
    public var effect: Effect
    /// Pods in this namespace only.
    public var namespace: String?
    /// Pods whose name starts with this.
    public var namePrefix: String?
    /// Pods matching this label selector.
    public var labelSelector: String?
    /// Pods with a container image containing this text.
    public var image: String?
    /// Delay for `SlowStart`, or run time before a crash for `CrashLoop`/`OOMKilled`.
    public var seconds: Double?
    /// API verbs (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`); all when absent.
    public var verbs: [String]?
    /// API resources (plural, e.g. `deployments`); all when absent.
    public var resources: [String]?
    /// HTTP status for `APIError`: 429, 500 or 504.
    public var code: Int?
    /// Probability in [0, 1] that a matching request fails (default 1).
    public var probability: Double?

    /// Creates a rule.
    public init(effect: Effect, namespace: String? = nil, namePrefix: String? = nil, labelSelector: String? = nil,
                image: String? = nil, seconds: Double? = nil, verbs: [String]? = nil, resources: [String]? = nil,
                code: Int? = nil, probability: Double? = nil)
    {
        self.effect = effect
        self.namespace = namespace
        self.namePrefix = namePrefix
        self.labelSelector = labelSelector
        self.image = image
        self.seconds = seconds
        self.verbs = verbs
        self.resources = resources
        self.code = code
        self.probability = probability
    }

    /// Whether this pod rule applies to `pod`.
    public func matches(pod: JSON) -> Bool {
        guard effect != .apiError else { return false }
        let meta = pod["metadata"]
        if let namespace, meta?["namespace"]?.string != namespace { return false }
        if let namePrefix, !(meta?["name"]?.string ?? "").hasPrefix(namePrefix) { return false }
        if let labelSelector {
            guard let sel = try? LabelSelector(parsing: labelSelector), sel.matches(meta?["labels"]?.stringMap ?? [:]) else {
                return false
            }
        }
        if let image {
            let images = (pod[path: ["spec", "containers"]]?.array ?? []).compactMap { $0["image"]?.string }
            if !images.contains(where: { $0.contains(image) }) { return false }
        }
        return true
    }

    /// Decodes rules from JSON: either an array of rules or `{"rules": [...]}`; errors name the file.
    public static func decode(_ data: Data, source: String) throws(KubeError) -> [FaultRule] {
        struct Wrapper: Codable { var rules: [FaultRule] }
        let dec = JSONDecoder()
        do {
            if let w = try? dec.decode(Wrapper.self, from: data) { return w.rules }
            return try dec.decode([FaultRule].self, from: data)
        } catch {
            throw KubeError.badRequest("fault rules in \(source): \(error)")
        }
    }
}
