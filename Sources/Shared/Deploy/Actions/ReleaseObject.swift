import KFCharts

/// One object a release owns, identified the way deletes and prunes need it.
public struct ReleaseObject: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var namespace: String?

    public init(apiVersion: String, kind: String, name: String, namespace: String?) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    init(_ manifest: ManifestObject, defaultNamespace: String) {
        self.init(apiVersion: manifest.apiVersion, kind: manifest.kind, name: manifest.name,
                  namespace: manifest.namespace ?? defaultNamespace)
    }

    /// The objects of a stored release manifest, in install order.
    static func parse(manifest: String, namespace: String) throws -> [ReleaseObject] {
        guard !manifest.isEmpty else { return [] }
        let (objects, _) = try ManifestSorter.sort(files: ["release/manifest": manifest])
        return objects.filter { !$0.kind.isEmpty && !$0.name.isEmpty }.map { ReleaseObject($0, defaultNamespace: namespace) }
    }
}
