/// How dependents of a deleted object are removed.
public enum PropagationPolicy: String, Sendable {
    case background = "Background", foreground = "Foreground", orphan = "Orphan"
}

/// One page of a list.
public struct KubeList: Sendable {
    public var items: [KubeJSON]
    public var resourceVersion: String
    /// Token for the next page, nil on the last one.
    public var continueToken: String?
}

extension KubeClient {
    /// The object, or nil when it does not exist.
    public func get(apiVersion: String, kind: String, namespace: String?, name: String) async throws -> KubeJSON? {
        let resource = try await resource(apiVersion: apiVersion, kind: kind)
        do {
            return try KubeJSON.decode(try await send(.get, resource.path(namespace: namespace, name: name)).body)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }

    /// One page of objects matching the selectors.
    public func list(apiVersion: String, kind: String, namespace: String?, labelSelector: String? = nil, fieldSelector: String? = nil,
                     limit: Int? = nil, continueToken: String? = nil) async throws -> KubeList {
        let resource = try await resource(apiVersion: apiVersion, kind: kind)
        var query: [(String, String)] = []
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector { query.append(("fieldSelector", fieldSelector)) }
        if let limit { query.append(("limit", String(limit))) }
        if let continueToken { query.append(("continue", continueToken)) }
        let body = try KubeJSON.decode(try await send(.get, resource.path(namespace: namespace), query: query).body)
        let token = body[path: "metadata", "continue"]?.string
        return KubeList(items: body["items"]?.array ?? [], resourceVersion: body[path: "metadata", "resourceVersion"]?.string ?? "",
                        continueToken: token?.isEmpty == false ? token : nil)
    }

    /// Every object matching the selectors, fetched in pages of `pageSize`.
    public func listAll(apiVersion: String, kind: String, namespace: String?, labelSelector: String? = nil,
                        fieldSelector: String? = nil, pageSize: Int = 500) async throws -> KubeList {
        var page = try await list(apiVersion: apiVersion, kind: kind, namespace: namespace, labelSelector: labelSelector,
                                  fieldSelector: fieldSelector, limit: pageSize)
        var items = page.items
        while let token = page.continueToken {
            page = try await list(apiVersion: apiVersion, kind: kind, namespace: namespace, labelSelector: labelSelector,
                                  fieldSelector: fieldSelector, limit: pageSize, continueToken: token)
            items += page.items
        }
        return KubeList(items: items, resourceVersion: page.resourceVersion, continueToken: nil)
    }

    /// Server-side apply of a whole object (field manager `kubefate` by default), taking over
    /// conflicting fields when `force` is set. Returns the object as stored.
    @discardableResult
    public func apply(_ object: KubeJSON, namespace defaultNamespace: String?, fieldManager: String = "kubefate", force: Bool = true) async throws -> KubeJSON {
        guard let apiVersion = object["apiVersion"]?.string, let kind = object["kind"]?.string,
              let name = object[path: "metadata", "name"]?.string else {
            throw KubeError(.configuration, "an applied object needs apiVersion, kind and metadata.name")
        }
        let resource = try await resource(apiVersion: apiVersion, kind: kind)
        let namespace = resource.namespaced ? (object[path: "metadata", "namespace"]?.string ?? defaultNamespace ?? config.namespace) : nil
        var query = [("fieldManager", fieldManager)]
        if force { query.append(("force", "true")) }
        let response = try await send(.patch, resource.path(namespace: namespace, name: name), query: query,
                                      body: object.encoded(), contentType: "application/apply-patch+yaml")
        return try KubeJSON.decode(response.body)
    }

    /// Server-side apply of one YAML document as rendered by a chart (the server parses it).
    @discardableResult
    public func apply(yaml: String, apiVersion: String, kind: String, name: String, namespace: String?,
                      fieldManager: String = "kubefate", force: Bool = true) async throws -> KubeJSON {
        let resource = try await resource(apiVersion: apiVersion, kind: kind)
        var query = [("fieldManager", fieldManager)]
        if force { query.append(("force", "true")) }
        let response = try await send(.patch, resource.path(namespace: resource.namespaced ? namespace : nil, name: name), query: query,
                                      body: Array(yaml.utf8), contentType: "application/apply-patch+yaml")
        return try KubeJSON.decode(response.body)
    }

    /// Deletes the object; false when it was already gone.
    @discardableResult
    public func delete(apiVersion: String, kind: String, namespace: String?, name: String, propagation: PropagationPolicy = .background) async throws -> Bool {
        let resource = try await resource(apiVersion: apiVersion, kind: kind)
        let options = KubeJSON.object(["apiVersion": .string("v1"), "kind": .string("DeleteOptions"),
                                       "propagationPolicy": .string(propagation.rawValue)])
        do {
            _ = try await send(.delete, resource.path(namespace: namespace, name: name), body: options.encoded())
            return true
        } catch let error as KubeError where error.isNotFound {
            return false
        }
    }

    /// The log of a pod's container (the last `tailLines` lines when given).
    public func logs(namespace: String, pod: String, container: String? = nil, tailLines: Int? = nil) async throws -> String {
        var query: [(String, String)] = []
        if let container, !container.isEmpty { query.append(("container", container)) }
        if let tailLines { query.append(("tailLines", String(tailLines))) }
        let path = "/api/v1/namespaces/\(Self.escape(namespace))/pods/\(Self.escape(pod))/log"
        return try await send(.get, path, query: query, accept: "*/*").text
    }
}
