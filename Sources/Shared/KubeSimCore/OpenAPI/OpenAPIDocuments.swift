import Foundation
import Synchronization

/// OpenAPI v3: the `/openapi/v3` index and one document per group version, with real schemas and PATCH
/// operations that advertise `fieldValidation` (so kubectl validates server-side).
struct OpenAPIDocuments: Sendable {
    let schemas: SchemaSet
    let cache = Cache()

    final class Cache: Sendable {
        let docs = Mutex<(revision: Int, docs: [String: [UInt8]])>((0, [:]))
    }

    init(schemas: SchemaSet) { self.schemas = schemas }

    static func gvPath(_ group: String, _ version: String) -> String { group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)" }

    func index(_ reg: ResourceRegistry) -> JSON {
        var paths: [String: JSON] = [:]
        for (g, vs) in reg.groupVersions {
            for v in vs {
                let p = OpenAPIDocuments.gvPath(g, v)
                let hash = document(p, reg).map { OpenAPIDocuments.hash($0) } ?? "0"
                paths[p] = ["serverRelativeURL": .string("/openapi/v3/\(p)?hash=\(hash)")]
            }
        }
        return ["paths": .object(paths)]
    }

    static func hash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(format: "%016llX%016llX", h, h ^ 0x5555_5555_5555_5555)
    }

    func document(_ gvPath: String, _ reg: ResourceRegistry) -> [UInt8]? {
        if let d = cache.docs.withLock({ $0.revision == reg.revision ? $0.docs[gvPath] : nil }) { return d }
        guard let (group, version) = parse(gvPath) else { return nil }
        let types = reg.types.filter { $0.group == group && $0.version == version }
        guard !types.isEmpty else { return nil }
        let bytes = build(types, group: group, version: version).bytes
        cache.docs.withLock { c in
            if c.revision != reg.revision { c = (reg.revision, [:]) }
            c.docs[gvPath] = bytes
        }
        return bytes
    }

    func parse(_ p: String) -> (String, String)? {
        let parts = p.split(separator: "/").map(String.init)
        if parts.count == 2, parts[0] == "api" { return ("", parts[1]) }
        if parts.count == 3, parts[0] == "apis" { return (parts[1], parts[2]) }
        return nil
    }

    func build(_ types: [ResourceType], group: String, version: String) -> JSON {
        var paths: [String: JSON] = [:]
        var roots: [String] = ["io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
                               "io.k8s.apimachinery.pkg.apis.meta.v1.Patch"]
        for t in types {
            let defName = schemas.byGVK["\(t.apiVersion)/\(t.kind)"]
            if let defName { roots.append(defName) }
            let listDef = schemas.byGVK["\(t.apiVersion)/\(t.kind)List"]
            if let listDef { roots.append(listDef) }
            let gvk: JSON = ["group": .string(t.group), "version": .string(t.version), "kind": .string(t.kind)]
            let ref: JSON = defName.map { ["$ref": .string("#/components/schemas/\($0)")] } ?? ["type": "object"]
            let base = "/" + OpenAPIDocuments.gvPath(group, version) + (t.namespaced ? "/namespaces/{namespace}" : "") + "/\(t.plural)"
            let op = { (action: String, verb: String, params: [String]) -> JSON in
                let camel = t.kind
                var o: JSON = ["operationId": .string("\(verb)\(camel)"), "x-kubernetes-action": .string(action),
                               "x-kubernetes-group-version-kind": gvk,
                               "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ref]]]]]
                o["parameters"] = .array(params.map { p in
                    ["name": .string(p), "in": "query", "schema": p == "force" ? ["type": "boolean", "uniqueItems": true] : ["type": "string", "uniqueItems": true]]
                })
                if action != "get" && action != "delete" && action != "list" {
                    o["requestBody"] = ["content": ["application/json": ["schema": ref]], "required": true]
                }
                return o
            }
            var pathParams: [JSON] = [["name": "name", "in": "path", "required": true, "schema": ["type": "string", "uniqueItems": true]]]
            if t.namespaced { pathParams.append(["name": "namespace", "in": "path", "required": true, "schema": ["type": "string", "uniqueItems": true]]) }
            paths[base + "/{name}"] = [
                "get": op("get", "read", ["pretty"]),
                "put": op("put", "replace", ["dryRun", "fieldManager", "fieldValidation", "pretty"]),
                "patch": op("patch", "patch", ["dryRun", "fieldManager", "fieldValidation", "force", "pretty"]),
                "delete": op("delete", "delete", ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
                "parameters": .array(pathParams),
            ]
            var coll: JSON = ["get": op("list", "list", ["labelSelector", "fieldSelector", "limit", "continue", "watch"]),
                              "post": op("post", "create", ["dryRun", "fieldManager", "fieldValidation", "pretty"])]
            if t.namespaced { coll["parameters"] = .array([pathParams[1]]) }
            paths[base] = coll
            for s in t.subresources where s == "status" || s == "scale" {
                var sub = paths[base + "/{name}"]!
                sub["delete"] = nil
                if s == "scale", let scaleDef = schemas.byGVK["autoscaling/v1/Scale"] {
                    roots.append(scaleDef)
                    let sref: JSON = ["$ref": .string("#/components/schemas/\(scaleDef)")]
                    for m in ["get", "put", "patch"] {
                        sub[m]?["x-kubernetes-group-version-kind"] = ["group": "autoscaling", "version": "v1", "kind": "Scale"]
                        sub[m]?["responses"] = ["200": ["description": "OK", "content": ["application/json": ["schema": sref]]]]
                    }
                }
                paths[base + "/{name}/\(s)"] = sub
            }
        }
        var components: [String: JSON] = [:]
        var queue = roots
        while let name = queue.popLast() {
            guard components[name] == nil, let def = schemas.definitions[name] else { continue }
            var refs: [String] = []
            components[name] = OpenAPIDocuments.convert(def, &refs)
            queue.append(contentsOf: refs.filter { components[$0] == nil })
        }
        return ["openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.32.0"], "paths": .object(paths),
                "components": ["schemas": .object(components)]]
    }

    /// JSON Schema 2020-12 (kubernetes-validate) to OpenAPI 3.0: refs, nullable type arrays, closed objects.
    static func convert(_ s: JSON, _ refs: inout [String]) -> JSON {
        switch s {
        case .object(let o):
            var out: [String: JSON] = [:]
            for (k, v) in o {
                switch k {
                case "$ref":
                    let name = String(v.string?.split(separator: "/").last ?? "")
                    refs.append(name)
                    out[k] = .string("#/components/schemas/\(name)")
                case "type":
                    if let arr = v.array { out[k] = arr.first { $0 != "null" } ?? "object" } else { out[k] = v }
                case "additionalProperties":
                    if v.bool != false { out[k] = convert(v, &refs) }
                case "properties":
                    out[k] = .object((v.object ?? [:]).mapValues { convert($0, &refs) })
                case "enum" where o["type"]?.array != nil:
                    continue
                default:
                    out[k] = convert(v, &refs)
                }
            }
            if o["$ref"] != nil, out.count > 1 {
                // OpenAPI 3.0 ignores siblings of $ref; wrap as the apiserver does.
                let ref = out["$ref"]!
                out["$ref"] = nil
                out["allOf"] = [["$ref": ref]]
            }
            return .object(out)
        case .array(let a): return .array(a.map { convert($0, &refs) })
        default: return s
        }
    }
}
