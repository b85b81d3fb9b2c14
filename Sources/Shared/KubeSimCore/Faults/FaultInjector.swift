import Synchronization

/// The active fault rules. Rules can be set at start and changed at run time (admin endpoint).
public final class FaultInjector: Sendable {
    let rules: Mutex<[FaultRule]>

    /// Creates an injector with initial rules.
    public init(rules: [FaultRule] = []) { self.rules = Mutex(rules) }

    /// The current rules.
    public var current: [FaultRule] { rules.withLock { $0 } }

    /// Replaces all rules.
    public func set(_ new: [FaultRule]) { rules.withLock { $0 = new } }

    /// Adds rules.
    public func add(_ new: [FaultRule]) { rules.withLock { $0.append(contentsOf: new) } }

    /// Pod effects that apply to `pod`: rules, plus the `kubesim.io/fault` label, plus images whose registry
    /// host ends in `.invalid` (never pull).
    public func podEffects(_ pod: JSON) -> [FaultRule] {
        var out = rules.withLock { $0.filter { $0.matches(pod: pod) } }
        if let label = pod[path: ["metadata", "labels", "kubesim.io/fault"]]?.string {
            let effect: FaultRule.Effect? = switch label.lowercased() {
            case "crashloop": .crashLoop
            case "oomkilled": .oomKilled
            case "readiness-never": .readinessNever
            case "unschedulable": .unschedulable
            case "image-pull": .imagePullFailure
            default: nil
            }
            if let effect { out.append(FaultRule(effect: effect)) }
        }
        return out
    }

    /// An API error to inject for this request, if a rule fires (`roll` is a uniform random number).
    public func apiError(verb: String, resource: String, roll: Double) -> KubeError? {
        let rule = rules.withLock { rs in
            rs.first { r in
                r.effect == .apiError && (r.verbs?.contains(verb) ?? true) && (r.resources?.contains(resource) ?? true)
                    && roll < (r.probability ?? 1)
            }
        }
        guard let rule else { return nil }
        switch rule.code ?? 500 {
        case 429:
            var e = KubeError(code: 429, reason: "TooManyRequests", message: "Too many requests, please try again later.",
                              details: ["retryAfterSeconds": 1])
            e.headers = [("Retry-After", "1")]
            return e
        case 504:
            return KubeError(code: 504, reason: "Timeout",
                             message: "Timeout: request did not complete within the allotted timeout",
                             details: ["retryAfterSeconds": 1])
        case let code:
            return KubeError(code: code, reason: "InternalError",
                             message: "Internal error occurred: injected fault", details: ["causes": [["message": "injected fault"]]])
        }
    }

    /// Whether an image can never be pulled: its registry host ends in `.invalid`.
    public static func isUnpullable(_ image: String) -> Bool {
        guard let slash = image.firstIndex(of: "/") else { return false }
        var host = String(image[..<slash])
        if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        return host.hasSuffix(".invalid")
    }
}
