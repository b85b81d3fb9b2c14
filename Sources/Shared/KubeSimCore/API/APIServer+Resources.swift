import Foundation

/// What a resource URL addresses.
struct ResourceTarget {
    var type: ResourceType
    var namespace: String  // "" for cluster scope or all namespaces
    var name: String?
    var subresource: String?
    var allNamespaces: Bool { type.namespaced && namespace.isEmpty }
}

extension APIServer {
    func parseTarget(group: String, version: String, _ parts: [String]) throws(KubeError) -> ResourceTarget {
        var p = parts
        var namespace = ""
        if p.first == "namespaces", p.count >= 3, !(group.isEmpty && p.count == 3 && (p[2] == "status" || p[2] == "finalize")) {
            namespace = p[1]
            p = Array(p.dropFirst(2))
        }
        guard let resource = p.first,
              let t = cluster.registryBox.withLock({ $0.lookup(group: group, version: version, plural: resource) })
        else { throw KubeError.pathNotFound }
        if !t.namespaced && !namespace.isEmpty { throw KubeError.pathNotFound }
        let name = p.count > 1 ? p[1] : nil
        let sub = p.count > 2 ? p[2] : nil
        if p.count > 3 { throw KubeError.pathNotFound }
        if let sub, !t.subresources.contains(sub) { throw KubeError.pathNotFound }
        return ResourceTarget(type: t, namespace: namespace, name: name, subresource: sub)
    }

    func resourceRequest(group: String, version: String, _ parts: [String], _ req: APIRequest) async throws(KubeError)
        -> APIResponse
    {
        let target = try parseTarget(group: group, version: version, parts)
        let t = target.type
        let isWatch = req.query["watch"] == "true" || req.query["watch"] == "1"
        let verb: String = switch (req.method, target.name) {
        case ("GET", nil): isWatch ? "watch" : "list"
        case ("GET", _): "get"
        case ("POST", _): "create"
        case ("PUT", _): "update"
        case ("PATCH", _): "patch"
        case ("DELETE", nil): "deletecollection"
        case ("DELETE", _): "delete"
        default: "unknown"
        }
        if let e = cluster.faults.apiError(verb: verb, resource: t.plural, roll: cluster.randomUnit()) { throw e }
        let opts = writeOptions(req)
        if t.kind == "CustomResourceDefinition" && req.method != "GET" {
            defer { cluster.syncCustomResources() }
            return try await resourceOperation(target, req, opts, isWatch: isWatch)
        }
        return try await resourceOperation(target, req, opts, isWatch: isWatch)
    }

    func resourceOperation(_ target: ResourceTarget, _ req: APIRequest, _ opts: WriteOptions, isWatch: Bool) async throws(KubeError)
        -> APIResponse
    {
        let t = target.type
        switch (req.method, target.name, target.subresource) {
        case ("GET", nil, _):
            if isWatch { return try watch(target, req) }
            return try list(target, req)
        case ("GET", let name?, nil):
            guard let s = cluster.store.get(t.storeKey, ObjectKey(namespace: target.namespace, name: name)) else {
                throw KubeError.notFound(t, name)
            }
            return try render(t, s, req)
        case ("GET", let name?, "log"):
            return try podLog(target.namespace, name, req)
        case ("GET", let name?, "scale"):
            return .json(200, try scale(t, target.namespace, name).bytes)
        case ("GET", let name?, _):
            guard let s = cluster.store.get(t.storeKey, ObjectKey(namespace: target.namespace, name: name)) else {
                throw KubeError.notFound(t, name)
            }
            return try render(t, s, req)
        case ("POST", nil, _) where t.kind == "SelfSubjectAccessReview":
            var review = try decodeBody(req, t)
            review["status"] = ["allowed": true, "reason": "kubesim allows every request"]
            review[path: ["metadata", "creationTimestamp"]] = .null
            return .json(201, review.bytes)
        case ("POST", nil, _):
            let body = try decodeBody(req, t)
            let (s, warnings) = try cluster.create(t, namespace: target.namespace, body, opts)
            return try render(t, s, req, status: 201, warnings: warnings)
        case ("POST", let name?, "eviction"):
            _ = try cluster.delete(t, namespace: target.namespace, name: name, DeleteOptions())
            return .json(201, KubeError.success(nil).bytes)
        case ("PUT", let name?, "scale"):
            let body = try decodeBody(req, nil)
            return .json(200, try setScale(t, target.namespace, name, body["spec"]?["replicas"]?.int, opts).bytes)
        case ("PATCH", let name?, "scale"):
            let patched = try patchJSON(req, try scale(t, target.namespace, name))
            return .json(200, try setScale(t, target.namespace, name, patched[path: ["spec", "replicas"]]?.int, opts).bytes)
        case ("PUT", let name?, let sub):
            var body = try decodeBody(req, t)
            if sub == "finalize", let cur = cluster.store.get(t.storeKey, ObjectKey(namespace: "", name: name)) {
                var o = cur.object
                o[path: ["spec", "finalizers"]] = body[path: ["spec", "finalizers"]]
                o["kind"] = .string(t.kind)
                o["apiVersion"] = .string(t.apiVersion)
                body = o
            }
            let (s, warnings) = try cluster.update(t, namespace: target.namespace, name: name, body, opts,
                                                   subresource: sub == "status" ? "status" : nil)
            return try render(t, s, req, warnings: warnings)
        case ("PATCH", let name?, let sub):
            return try patch(target, name, sub, req, opts)
        case ("DELETE", let name?, nil):
            return try deleteOne(target, name, req)
        case ("DELETE", nil, nil):
            return try deleteCollection(target, req)
        default:
            throw KubeError.methodNotAllowed(req.method)
        }
    }

    func writeOptions(_ req: APIRequest) -> WriteOptions {
        var o = WriteOptions()
        o.fieldManager = req.query["fieldManager"] ?? ""
        if o.fieldManager.isEmpty, let ua = req.headers["user-agent"] {
            o.fieldManager = String(ua.split(separator: "/").first ?? "")
        }
        o.dryRun = req.query["dryRun"] == "All"
        o.fieldValidation = req.query["fieldValidation"] ?? "Warn"
        o.force = req.query["force"] == "true"
        return o
    }

    /// Decodes a JSON, YAML or protobuf request body.
    func decodeBody(_ req: APIRequest, _ t: ResourceType?) throws(KubeError) -> JSON {
        let ct = req.contentType
        if req.body.count > cluster.config.maxBodyBytes {
            throw KubeError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is \(cluster.config.maxBodyBytes)")
        }
        switch ct {
        case "application/vnd.kubernetes.protobuf":
            return try Protobuf.decodeEnvelope(req.body)
        case "application/json", "", "application/yaml", "application/apply-patch+yaml", "application/merge-patch+json",
             "application/strategic-merge-patch+json", "application/json-patch+json", "text/plain", "*/*":
            if let j = try? JSON.parse(req.body) { return j }
            if ct.contains("yaml") { return try YAMLDecoder.decode(req.body) }
            let e = (try? JSON.parse(req.body)).map { _ in "" } ?? "invalid JSON"
            throw KubeError.badRequest("the body of the request was in an unknown format: \(e)")
        default:
            throw KubeError.unsupportedMediaType(ct)
        }
    }

    func patchJSON(_ req: APIRequest, _ current: JSON) throws(KubeError) -> JSON {
        let body = try decodeBody(req, nil)
        switch req.contentType {
        case "application/merge-patch+json": return Patches.mergePatch(current, body)
        case "application/json-patch+json": return try Patches.jsonPatch(current, body)
        case "application/strategic-merge-patch+json":
            return Patches.strategic(current, body, ex: FieldExtractor(schemas: nil), schema: nil) ?? current
        default: throw KubeError.unsupportedMediaType(req.contentType)
        }
    }

    func patch(_ target: ResourceTarget, _ name: String, _ sub: String?, _ req: APIRequest, _ opts: WriteOptions)
        throws(KubeError) -> APIResponse
    {
        let t = target.type
        let subresource = sub == "status" ? "status" : nil
        let kind: String
        switch req.contentType {
        case "application/apply-patch+yaml":
            let body = try decodeBody(req, t)
            let (s, created) = try cluster.apply(t, namespace: target.namespace, name: name, body, opts, subresource: subresource)
            return try render(t, s, req, status: created ? 201 : 200)
        case "application/merge-patch+json": kind = "merge"
        case "application/json-patch+json": kind = "json"
        case "application/strategic-merge-patch+json": kind = "strategic"
        default: throw KubeError.unsupportedMediaType(req.contentType)
        }
        let body = try decodeBody(req, t)
        let (s, warnings) = try cluster.patch(t, namespace: target.namespace, name: name, patchType: kind, body, opts,
                                              subresource: subresource)
        return try render(t, s, req, warnings: warnings)
    }

    func deleteOptions(_ req: APIRequest) throws(KubeError) -> DeleteOptions {
        var o = DeleteOptions()
        if !req.body.isEmpty { o = DeleteOptions(object: try decodeBody(req, nil)) }
        if let p = req.query["propagationPolicy"] { o.propagationPolicy = p }
        if let g = req.query["gracePeriodSeconds"], let v = Int64(g) { o.gracePeriodSeconds = v }
        if let orphan = req.query["orphanDependents"] { o.propagationPolicy = orphan == "true" ? "Orphan" : o.propagationPolicy }
        if req.query["dryRun"] == "All" { o.dryRun = true }
        return o
    }

    func deleteOne(_ target: ResourceTarget, _ name: String, _ req: APIRequest) throws(KubeError) -> APIResponse {
        let t = target.type
        let opts = try deleteOptions(req)
        switch try cluster.delete(t, namespace: target.namespace, name: name, opts) {
        case .removed(let s):
            var d = KubeError.details(t, name: name)
            d["uid"] = .string(s.uid)
            return .json(200, KubeError.success(d).bytes)
        case .pending(let s):
            return try render(t, s, req, status: 200)
        }
    }

    func deleteCollection(_ target: ResourceTarget, _ req: APIRequest) throws(KubeError) -> APIResponse {
        let t = target.type
        let sel = try LabelSelector(parsing: req.query["labelSelector"] ?? "")
        let fsel = try FieldSelector(parsing: req.query["fieldSelector"] ?? "", kind: t.kind)
        let opts = try deleteOptions(req)
        let (items, _) = cluster.store.list(t.storeKey, namespace: target.allNamespaces ? nil : target.namespace)
        var deleted: [JSON] = []
        for s in items where sel.matches(s.labels) && fsel.matches(s.object) {
            if (try? cluster.delete(t, namespace: s.namespace, name: s.name, opts)) != nil { deleted.append(s.object) }
        }
        return .json(200, listJSON(t, deleted.map { JSON.object($0.object ?? [:]) }, rv: cluster.store.resourceVersion).bytes)
    }

    func listJSON(_ t: ResourceType, _ items: [JSON], rv: UInt64) -> JSON {
        ["apiVersion": .string(t.apiVersion), "kind": .string(t.kind + "List"), "metadata": ["resourceVersion": .string(String(rv))],
         "items": .array(items)]
    }
}

extension KubeError {
    /// A `Status` of success.
    static func success(_ details: JSON?) -> JSON {
        var s: JSON = ["kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Success"]
        if let details { s["details"] = details }
        return s
    }
}
