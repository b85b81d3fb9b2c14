/// API discovery: aggregated (`apidiscovery.k8s.io` v2 and v2beta1, chosen by exact Accept negotiation) and
/// the legacy `APIVersions`, `APIGroupList`, `APIGroup` and `APIResourceList` documents.
struct Discovery: Sendable {
    static let verbs: JSON = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    static func subresourceInfo(_ t: ResourceType, _ sub: String) -> (kind: (String, String, String), verbs: JSON) {
        switch sub {
        case "scale": return (("autoscaling", "v1", "Scale"), ["get", "patch", "update"])
        case "log": return (("", "v1", "Pod"), ["get"])
        case "eviction": return (("policy", "v1", "Eviction"), ["create"])
        case "binding": return (("", "v1", "Binding"), ["create"])
        case "finalize": return ((t.group, t.version, t.kind), ["update"])
        default: return ((t.group, t.version, t.kind), ["get", "patch", "update"])
        }
    }

    static func verbs(_ t: ResourceType) -> JSON {
        t.plural == "bindings" || t.plural == "selfsubjectaccessreviews" ? ["create"] : verbs
    }

    /// The aggregated discovery version asked for, or nil for legacy.
    func aggregatedVersion(_ req: APIRequest) -> String? {
        for (type, params) in req.acceptList {
            if type == "application/json", params["g"] == "apidiscovery.k8s.io", params["as"] == "APIGroupDiscoveryList",
               let v = params["v"], v == "v2" || v == "v2beta1"
            {
                return v
            }
            if type == "application/json" || type == "*/*" || type == "application/*" { return nil }
        }
        return nil
    }

    func aggregatedResponse(_ version: String, _ items: [JSON]) -> APIResponse {
        let doc: JSON = ["kind": "APIGroupDiscoveryList", "apiVersion": .string("apidiscovery.k8s.io/\(version)"),
                         "metadata": .emptyObject, "items": .array(items)]
        var r = APIResponse.json(200, doc.bytes, contentType: "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList")
        r.headers.append(("Vary", "Accept"))
        return r
    }

    func aggregatedGroup(_ group: String, _ versions: [String], _ reg: ResourceRegistry) -> JSON {
        var meta: JSON = ["creationTimestamp": .null]
        if !group.isEmpty { meta["name"] = .string(group) }
        let vs: [JSON] = versions.map { v in
            let res: [JSON] = reg.types.filter { $0.group == group && $0.version == v }.sorted { $0.plural < $1.plural }.map { t in
                var r: JSON = ["resource": .string(t.plural),
                               "responseKind": ["group": .string(t.group), "version": .string(t.version), "kind": .string(t.kind)],
                               "scope": t.namespaced ? "Namespaced" : "Cluster", "singularResource": .string(t.singular),
                               "verbs": Discovery.verbs(t)]
                if !t.shortNames.isEmpty { r["shortNames"] = .array(t.shortNames.map { .string($0) }) }
                if !t.categories.isEmpty { r["categories"] = .array(t.categories.map { .string($0) }) }
                if !t.subresources.isEmpty {
                    r["subresources"] = .array(t.subresources.map { s in
                        let info = Discovery.subresourceInfo(t, s)
                        return ["subresource": .string(s), "responseKind": ["group": .string(info.kind.0), "version": .string(info.kind.1),
                                                                            "kind": .string(info.kind.2)], "verbs": info.verbs]
                    })
                }
                return r
            }
            return ["version": .string(v), "resources": .array(res), "freshness": "Current"]
        }
        return ["metadata": meta, "versions": .array(vs)]
    }

    /// `GET /api`.
    func core(_ req: APIRequest, _ reg: ResourceRegistry) -> APIResponse {
        if let v = aggregatedVersion(req) { return aggregatedResponse(v, [aggregatedGroup("", ["v1"], reg)]) }
        let doc: JSON = ["kind": "APIVersions", "versions": ["v1"],
                         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"]]]
        return .json(200, doc.bytes)
    }

    /// `GET /apis`.
    func groups(_ req: APIRequest, _ reg: ResourceRegistry) -> APIResponse {
        let gvs = reg.groupVersions.filter { !$0.group.isEmpty }
        if let v = aggregatedVersion(req) { return aggregatedResponse(v, gvs.map { aggregatedGroup($0.group, $0.versions, reg) }) }
        let doc: JSON = ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(gvs.map { groupJSON($0.group, $0.versions) })]
        return .json(200, doc.bytes)
    }

    func groupJSON(_ g: String, _ versions: [String]) -> JSON {
        let vs: [JSON] = versions.map { ["groupVersion": .string("\(g)/\($0)"), "version": .string($0)] }
        return ["name": .string(g), "versions": .array(vs), "preferredVersion": vs[0]]
    }

    /// `GET /apis/<group>`.
    func group(_ g: String, _ reg: ResourceRegistry) throws(KubeError) -> APIResponse {
        guard let gv = reg.groupVersions.first(where: { $0.group == g }) else { throw KubeError.pathNotFound }
        var doc = groupJSON(g, gv.versions)
        doc["kind"] = "APIGroup"
        doc["apiVersion"] = "v1"
        return .json(200, doc.bytes)
    }

    /// `GET /api/v1`, `GET /apis/<group>/<version>`.
    func resourceList(group: String, version: String, _ reg: ResourceRegistry) throws(KubeError) -> APIResponse {
        let types = reg.types.filter { $0.group == group && $0.version == version }.sorted { $0.plural < $1.plural }
        guard !types.isEmpty else { throw KubeError.pathNotFound }
        var res: [JSON] = []
        for t in types {
            var r: JSON = ["name": .string(t.plural), "singularName": .string(t.singular), "namespaced": .bool(t.namespaced),
                           "kind": .string(t.kind), "verbs": Discovery.verbs(t)]
            if !t.shortNames.isEmpty { r["shortNames"] = .array(t.shortNames.map { .string($0) }) }
            if !t.categories.isEmpty { r["categories"] = .array(t.categories.map { .string($0) }) }
            res.append(r)
            for s in t.subresources {
                let info = Discovery.subresourceInfo(t, s)
                var sr: JSON = ["name": .string("\(t.plural)/\(s)"), "singularName": "", "namespaced": .bool(t.namespaced),
                                "kind": .string(info.kind.2), "verbs": info.verbs]
                if info.kind.0 != t.group || info.kind.1 != t.version {
                    sr["group"] = .string(info.kind.0)
                    sr["version"] = .string(info.kind.1)
                }
                res.append(sr)
            }
        }
        let doc: JSON = ["kind": "APIResourceList", "apiVersion": "v1",
                         "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"), "resources": .array(res)]
        return .json(200, doc.bytes)
    }
}
