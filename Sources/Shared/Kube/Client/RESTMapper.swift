/// A served resource: what discovery says about one kind of one group-version.
public struct APIResource: Sendable, Hashable {
    public var group: String
    public var version: String
    /// The plural resource name used in paths, e.g. `deployments`.
    public var resource: String
    public var kind: String
    public var namespaced: Bool

    /// `apps/v1`, or `v1` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The collection path, in `namespace` when the resource is namespaced.
    public func path(namespace: String?) -> String {
        let root = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace { return "\(root)/namespaces/\(KubeClient.escape(namespace))/\(resource)" }
        return "\(root)/\(resource)"
    }

    public func path(namespace: String?, name: String) -> String {
        "\(path(namespace: namespace))/\(KubeClient.escape(name))"
    }
}

/// Caches discovery per group-version; a kind not found is looked up again once (new CRDs).
actor RESTMapper {
    private var groupVersions: [String: [String: APIResource]] = [:]

    func cached(apiVersion: String, kind: String) -> APIResource? {
        groupVersions[apiVersion]?[kind]
    }

    func store(apiVersion: String, resources: [APIResource]) {
        groupVersions[apiVersion] = Dictionary(resources.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension KubeClient {
    /// The resource serving `kind` in `apiVersion`, from cache or discovery.
    public func resource(apiVersion: String, kind: String) async throws -> APIResource {
        if let known = await mapper.cached(apiVersion: apiVersion, kind: kind) { return known }
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts.first ?? "")
        let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        let list: KubeJSON
        do {
            list = try KubeJSON.decode(try await send(.get, path).body)
        } catch let error as KubeError where error.isNotFound {
            throw KubeError(.unknownKind, "no resources are served for apiVersion \(apiVersion)")
        }
        let resources = (list["resources"]?.array ?? []).compactMap { entry -> APIResource? in
            guard let name = entry["name"]?.string, !name.contains("/"), let kind = entry["kind"]?.string else { return nil }
            return APIResource(group: group, version: version, resource: name, kind: kind, namespaced: entry["namespaced"]?.bool ?? false)
        }
        await mapper.store(apiVersion: apiVersion, resources: resources)
        guard let found = resources.first(where: { $0.kind == kind }) else {
            throw KubeError(.unknownKind, "no kind \(kind) is served in \(apiVersion)")
        }
        return found
    }
}
