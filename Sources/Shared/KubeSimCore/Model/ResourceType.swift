/// One served resource: its group, version, names, scope and subresources.
public struct ResourceType: Sendable, Hashable {
    /// API group; empty for the core group.
    public var group: String
    /// API version, e.g. `v1`.
    public var version: String
    /// Plural resource name used in URLs, e.g. `deployments`.
    public var plural: String
    /// Singular name, e.g. `deployment`.
    public var singular: String
    /// Kind, e.g. `Deployment`.
    public var kind: String
    /// Whether objects live in namespaces.
    public var namespaced: Bool
    /// kubectl short names.
    public var shortNames: [String]
    /// Categories such as `all`.
    public var categories: [String]
    /// Subresources other than the main resource: `status`, `scale`, `log`.
    public var subresources: [String]
    /// Whether `metadata.generation` tracks spec changes.
    public var tracksGeneration: Bool
    /// Whether a PUT with an empty resourceVersion is accepted.
    public var allowsUnconditionalUpdate: Bool

    /// `apps/v1`, or `v1` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// `deployments.apps`, or `configmaps` for the core group (as in error messages).
    public var qualifiedName: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// Whether the main resource ignores `status` (status lives behind `/status`).
    public var hasStatusSubresource: Bool { subresources.contains("status") }
    /// URL prefix of the group version: `/api/v1` or `/apis/apps/v1`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// Creates a resource type; most arguments have the common defaults.
    public init(
        group: String, version: String = "v1", plural: String, singular: String? = nil, kind: String,
        namespaced: Bool = true, shortNames: [String] = [], categories: [String] = [], subresources: [String] = [],
        tracksGeneration: Bool? = nil, allowsUnconditionalUpdate: Bool = true
    ) {
        self.group = group
        self.version = version
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.kind = kind
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
        self.tracksGeneration = tracksGeneration ?? (!group.isEmpty && subresources.contains("status"))
        self.allowsUnconditionalUpdate = allowsUnconditionalUpdate
    }
}

/// The set of resource types the simulator serves, looked up by URL or by kind.
public struct ResourceRegistry: Sendable {
    /// All types in discovery order.
    public private(set) var types: [ResourceType]
    /// Bumped on every change (cached documents depend on it).
    public private(set) var revision = 0
    private var byPath: [String: ResourceType] = [:]
    private var byKind: [String: ResourceType] = [:]

    /// Builds a registry from a list of types.
    public init(types: [ResourceType]) {
        self.types = []
        for t in types { add(t) }
    }

    /// Adds (or replaces) a type.
    public mutating func add(_ t: ResourceType) {
        revision += 1
        types.removeAll { $0.group == t.group && $0.version == t.version && $0.plural == t.plural }
        types.append(t)
        byPath["\(t.group)/\(t.version)/\(t.plural)"] = t
        byKind["\(t.apiVersion)/\(t.kind)"] = t
    }

    /// Removes a type.
    public mutating func remove(group: String, version: String, plural: String) {
        guard let t = byPath["\(group)/\(version)/\(plural)"] else { return }
        revision += 1
        types.removeAll { $0 == t }
        byPath["\(group)/\(version)/\(plural)"] = nil
        byKind["\(t.apiVersion)/\(t.kind)"] = nil
    }

    /// The type served at `group/version/plural`.
    public func lookup(group: String, version: String, plural: String) -> ResourceType? {
        byPath["\(group)/\(version)/\(plural)"]
    }

    /// The type for an `apiVersion` and `kind`.
    public func lookup(apiVersion: String, kind: String) -> ResourceType? {
        byKind["\(apiVersion)/\(kind)"]
    }

    /// The groups in order, each with its versions.
    public var groupVersions: [(group: String, versions: [String])] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for t in types {
            if versions[t.group] == nil { order.append(t.group) }
            if !(versions[t.group]?.contains(t.version) ?? false) { versions[t.group, default: []].append(t.version) }
        }
        return order.map { ($0, versions[$0]!) }
    }
}
