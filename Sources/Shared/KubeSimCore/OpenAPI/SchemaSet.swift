import Foundation

/// The Kubernetes OpenAPI definitions from PyPI `kubernetes-validate` (`_definitions.json`): used for the
/// OpenAPI v3 documents, strict field validation, strategic-merge keys and server-side-apply list types.
public struct SchemaSet: Sendable {
    /// Definitions by name (`io.k8s.api.apps.v1.Deployment`).
    public let definitions: [String: JSON]
    /// Definition name by `apiVersion/kind`.
    public let byGVK: [String: String]

    /// Loads `_definitions.json` from a file or from a directory containing it (a `kubernetes-validate`
    /// version directory, e.g. `.../kubernetes-json-schema/v1.32.0-local`).
    public init(path: String) throws(KubeError) {
        var file = path
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            file = (path as NSString).appendingPathComponent("_definitions.json")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw KubeError.internalError("schema file \(file) not found: install PyPI kubernetes-validate and pass its v1.32.0-local directory with --schemas or KUBESIM_SCHEMAS")
        }
        let doc: JSON
        do { doc = try JSON.parse(data) } catch {
            throw KubeError.internalError("schema file \(file): \(error)")
        }
        guard let defs = (doc["$defs"] ?? doc["definitions"])?.object else {
            throw KubeError.internalError("schema file \(file) has no $defs")
        }
        self.definitions = defs
        var idx: [String: String] = [:]
        for (name, d) in defs {
            for g in d["x-kubernetes-group-version-kind"]?.array ?? [] {
                let group = g["group"]?.string ?? ""
                let version = g["version"]?.string ?? ""
                let kind = g["kind"]?.string ?? ""
                let av = group.isEmpty ? version : "\(group)/\(version)"
                // Prefer the definition whose name matches the group version (DeleteOptions is listed under many).
                if idx["\(av)/\(kind)"] == nil || name.hasSuffix(".\(version).\(kind)") { idx["\(av)/\(kind)"] = name }
            }
        }
        self.byGVK = idx
    }

    /// The schema of a kind, or nil.
    public func schema(apiVersion: String, kind: String) -> JSON? {
        byGVK["\(apiVersion)/\(kind)"].flatMap { definitions[$0] }
    }

    /// Follows `$ref` and single-element `allOf`.
    public func resolve(_ s: JSON?) -> JSON? {
        var cur = s
        for _ in 0..<8 {
            guard let c = cur else { return nil }
            if let ref = c["$ref"]?.string {
                let name = String(ref.split(separator: "/").last ?? "")
                cur = definitions[name]
                continue
            }
            if let all = c["allOf"]?.array, all.count == 1 { cur = all[0]; continue }
            return c
        }
        return cur
    }

    /// The schema of `field` inside an object schema (property, or `additionalProperties` for maps).
    public func property(_ s: JSON?, _ field: String) -> JSON? {
        guard let r = resolve(s) else { return nil }
        if let p = r["properties"]?[field] { return p }
        if let a = r["additionalProperties"], a.object != nil { return a }
        return nil
    }

    /// The element schema of an array schema.
    public func items(_ s: JSON?) -> JSON? { resolve(s)?["items"] }

    /// Whether `s` describes free-form data whose fields must not be checked.
    func isOpen(_ r: JSON) -> Bool {
        if r["x-kubernetes-preserve-unknown-fields"]?.bool == true { return true }
        if r["properties"] == nil, r["additionalProperties"] == nil, r["items"] == nil { return true }
        return false
    }

    /// Dotted paths of fields in `object` that the kind's schema does not declare.
    public func unknownFields(_ object: JSON, apiVersion: String, kind: String) -> [String] {
        guard let s = schema(apiVersion: apiVersion, kind: kind) else { return [] }
        var out: [String] = []
        walk(object, s, "", &out)
        return out
    }

    private func walk(_ v: JSON, _ s: JSON, _ path: String, _ out: inout [String]) {
        guard let r = resolve(s), !isOpen(r) else { return }
        switch v {
        case .object(let o):
            let props = r["properties"]?.object
            let addl = r["additionalProperties"]
            for (k, child) in o {
                let p = path.isEmpty ? k : "\(path).\(k)"
                if let ps = props?[k] {
                    walk(child, ps, p, &out)
                } else if let a = addl, a.object != nil {
                    walk(child, a, p, &out)
                } else if props != nil {
                    out.append(p)
                }
            }
        case .array(let a):
            guard let it = r["items"] else { return }
            for (i, e) in a.enumerated() { walk(e, it, "\(path)[\(i)]", &out) }
        default: return
        }
    }

    /// `x-kubernetes-patch-merge-key` and strategy of a list field, plus SSA list type and map keys.
    public struct ListInfo: Sendable {
        public var mergeKey: String?
        public var strategy: String?
        public var listType: String?
        public var mapKeys: [String]
    }

    /// List metadata for `field` of the object schema `s`.
    public func listInfo(_ s: JSON?, _ field: String) -> ListInfo? {
        guard let r = resolve(s), let p = r["properties"]?[field] else { return nil }
        return ListInfo(mergeKey: p["x-kubernetes-patch-merge-key"]?.string,
                        strategy: p["x-kubernetes-patch-strategy"]?.string,
                        listType: p["x-kubernetes-list-type"]?.string,
                        mapKeys: (p["x-kubernetes-list-map-keys"]?.array ?? []).compactMap(\.string))
    }
}
