import KFKube
import KFTemplate

/// Helm's ownership metadata (Helm ≥ 3.2, `pkg/action/validate.go`): every object Helm applies
/// carries the label `app.kubernetes.io/managed-by: Helm` and the annotations
/// `meta.helm.sh/release-name` and `meta.helm.sh/release-namespace`. They are set on the objects
/// sent to Kubernetes, never in the release's stored manifest. An install (or an upgrade, for the
/// objects its previous revision did not have) adopts an existing object only when it already
/// carries this release's metadata; any other existing object is a conflict.
public struct ReleaseOwnership: Sendable, Hashable {
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByHelm = "Helm"
    public static let releaseNameAnnotation = "meta.helm.sh/release-name"
    public static let releaseNamespaceAnnotation = "meta.helm.sh/release-namespace"

    /// The release's name and namespace.
    public var release: String
    public var namespace: String

    public init(release: String, namespace: String) {
        self.release = release
        self.namespace = namespace
    }

    /// `object` with the label and annotations merged in (Helm's `setMetadataVisitor` with force:
    /// the chart's own values for these keys are overwritten, every other key is kept).
    public func stamp(_ object: KubeJSON) -> KubeJSON {
        guard case .object(var root) = object else { return object }
        var metadata = Self.members(root["metadata"])
        var labels = Self.members(metadata["labels"])
        labels[Self.managedByLabel] = .string(Self.managedByHelm)
        var annotations = Self.members(metadata["annotations"])
        annotations[Self.releaseNameAnnotation] = .string(release)
        annotations[Self.releaseNamespaceAnnotation] = .string(namespace)
        metadata["labels"] = .object(labels)
        metadata["annotations"] = .object(annotations)
        root["metadata"] = .object(metadata)
        return .object(root)
    }

    /// Why an existing object may not be adopted into this release, in Helm's words
    /// (`invalid ownership metadata; label validation error: missing key …`), or nil when it
    /// already belongs to this release.
    public func problem(with existing: KubeJSON) -> String? {
        let labels = Self.members(existing[path: "metadata", "labels"])
        let annotations = Self.members(existing[path: "metadata", "annotations"])
        var errors: [String] = []
        if let error = Self.require(labels, Self.managedByLabel, Self.managedByHelm) {
            errors.append("label validation error: \(error)")
        }
        if let error = Self.require(annotations, Self.releaseNameAnnotation, release) {
            errors.append("annotation validation error: \(error)")
        }
        if let error = Self.require(annotations, Self.releaseNamespaceAnnotation, namespace) {
            errors.append("annotation validation error: \(error)")
        }
        guard !errors.isEmpty else { return nil }
        return (["invalid ownership metadata"] + errors).joined(separator: "; ")
    }

    /// Whether `existing` carries this release's metadata.
    public func owns(_ existing: KubeJSON) -> Bool { problem(with: existing) == nil }

    /// Helm's `resourceString`: `ConfigMap "name" in namespace "ns"` (an empty namespace for
    /// cluster-scoped kinds).
    public static func describe(kind: String, name: String, namespace: String?) -> String {
        "\(kind) \(Self.quote(name)) in namespace \(Self.quote(namespace ?? ""))"
    }

    /// Go's `%q` (`strconv.Quote`), as Helm's messages quote names and values.
    static func quote(_ text: String) -> String { GoStrconv.quote(text) }

    private static func members(_ json: KubeJSON?) -> [String: KubeJSON] {
        if case .object(let members)? = json { return members }
        return [:]
    }

    /// Go's `requireValue`.
    private static func require(_ map: [String: KubeJSON], _ key: String, _ value: String) -> String? {
        guard let actual = map[key] else {
            return "missing key \(Self.quote(key)): must be set to \(Self.quote(value))"
        }
        guard actual.string == value else {
            return "key \(Self.quote(key)) must equal \(Self.quote(value)): current value is \(Self.quote(actual.string ?? ""))"
        }
        return nil
    }
}
