/// One step of a managed-fields path: a field, an associative-list key, a set value or an index.
public enum PathElement: Hashable, Sendable {
    case field(String)
    case key(String)  // JSON of the key fields, e.g. {"name":"web"}
    case value(String)  // JSON of a set element
    case index(Int)

    /// The FieldsV1 member name (`f:`, `k:`, `v:`, `i:`).
    var fieldsV1: String {
        switch self {
        case .field(let f): return "f:" + f
        case .key(let k): return "k:" + k
        case .value(let v): return "v:" + v
        case .index(let i): return "i:\(i)"
        }
    }

    init?(fieldsV1 s: String) {
        let body = String(s.dropFirst(2))
        switch s.prefix(2) {
        case "f:": self = .field(body)
        case "k:": self = .key(body)
        case "v:": self = .value(body)
        case "i:": guard let i = Int(body) else { return nil }; self = .index(i)
        default: return nil
        }
    }
}

/// A set of field paths (what one manager owns), convertible to and from FieldsV1 JSON.
public struct FieldSet: Sendable, Equatable {
    /// Member paths.
    public var paths: Set<[PathElement]> = []

    public init(paths: Set<[PathElement]> = []) { self.paths = paths }

    /// Parses FieldsV1 JSON.
    public init(fieldsV1: JSON) {
        func walk(_ j: JSON, _ prefix: [PathElement], _ out: inout Set<[PathElement]>) {
            guard let o = j.object else { return }
            if o.isEmpty, !prefix.isEmpty { out.insert(prefix); return }
            for (k, v) in o {
                if k == "." { out.insert(prefix); continue }
                if let e = PathElement(fieldsV1: k) { walk(v, prefix + [e], &out) }
            }
        }
        var s: Set<[PathElement]> = []
        walk(fieldsV1, [], &s)
        paths = s
    }

    /// FieldsV1 JSON of the set.
    public var fieldsV1: JSON {
        final class Node { var children: [String: Node] = [:]; var member = false }
        let root = Node()
        for p in paths {
            var n = root
            for e in p {
                let k = e.fieldsV1
                if let c = n.children[k] { n = c } else { let c = Node(); n.children[k] = c; n = c }
            }
            n.member = true
        }
        func render(_ n: Node) -> JSON {
            var o: [String: JSON] = [:]
            for (k, c) in n.children { o[k] = render(c) }
            if n.member && !n.children.isEmpty { o["."] = .emptyObject }
            return .object(o)
        }
        return render(root)
    }

    /// The path as SSA conflict messages print it: `.spec.replicas`, `.spec.containers[name="web"].image`.
    public static func describe(_ p: [PathElement]) -> String {
        var s = ""
        for e in p {
            switch e {
            case .field(let f): s += "." + f
            case .key(let k):
                if let o = try? JSON.parse(k), let m = o.object {
                    s += "[" + m.keys.sorted().map { "\($0)=\(m[$0]!.text)" }.joined(separator: ",") + "]"
                } else { s += "[\(k)]" }
            case .value(let v): s += "[=\(v)]"
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}

/// Builds field sets from objects using the schemas' list types (falls back to well-known merge keys).
struct FieldExtractor {
    let schemas: SchemaSet?

    /// Merge keys of common associative lists, used when no schema is loaded.
    static let knownKeys: [String: [String]] = [
        "containers": ["name"], "initContainers": ["name"], "ephemeralContainers": ["name"], "env": ["name"],
        "volumes": ["name"], "volumeMounts": ["mountPath"], "imagePullSecrets": ["name"], "conditions": ["type"],
        "ownerReferences": ["uid"], "hostAliases": ["ip"], "volumeDevices": ["devicePath"],
        "topologySpreadConstraints": ["topologyKey", "whenUnsatisfiable"], "resourceClaims": ["name"],
    ]

    /// Map keys of list `field` under `schema`, or nil for atomic lists; "set" lists give [] .
    func listKeys(_ schema: JSON?, _ field: String, parentPath: [String]) -> (keys: [String]?, isSet: Bool) {
        if let schemas, let info = schemas.listInfo(schema, field) {
            if info.listType == "map" { return (info.mapKeys, false) }
            if let mk = info.mergeKey, info.strategy?.contains("merge") == true {
                // "ports" of containers are keyed by containerPort+protocol in SSA.
                return (info.mapKeys.isEmpty ? [mk] : info.mapKeys, false)
            }
            if info.listType == "set" || (info.strategy == "merge" && info.mergeKey == nil) { return (nil, true) }
            return (nil, false)
        }
        if schemas == nil {
            if field == "ports" { return (parentPath.last == "spec" ? ["port", "protocol"] : ["containerPort", "protocol"], false) }
            if field == "finalizers" { return (nil, true) }
            return (FieldExtractor.knownKeys[field], false)
        }
        return (nil, false)
    }

    /// Every leaf and associative element of `value` as paths.
    func fields(_ value: JSON, schema: JSON?) -> Set<[PathElement]> {
        var out: Set<[PathElement]> = []
        walk(value, schema, [], [], &out)
        return out
    }

    private func walk(_ v: JSON, _ schema: JSON?, _ prefix: [PathElement], _ names: [String], _ out: inout Set<[PathElement]>) {
        guard case .object(let o) = v else {
            if !prefix.isEmpty { out.insert(prefix) }
            return
        }
        if o.isEmpty, !prefix.isEmpty { out.insert(prefix); return }
        let resolved = schemas?.resolve(schema)
        if resolved?["additionalProperties"]?.object != nil, resolved?["properties"] == nil, !prefix.isEmpty {
            out.insert(prefix)  // maps own their own entry (".")
        }
        for (k, child) in o {
            let childSchema = schemas?.property(schema, k)
            let p = prefix + [.field(k)]
            if case .array(let items) = child {
                let (keys, isSet) = listKeys(schema, k, parentPath: names)
                if let keys, !keys.isEmpty {
                    let itemSchema = schemas?.items(childSchema)
                    for item in items {
                        var kv: [String: JSON] = [:]
                        for key in keys { if let x = item[key] { kv[key] = x } }
                        let ep = p + [.key(JSON.object(kv).text)]
                        out.insert(ep)
                        walk(item, itemSchema, ep, names + [k], &out)
                    }
                    if items.isEmpty { out.insert(p) }
                } else if isSet {
                    for item in items { out.insert(p + [.value(item.text)]) }
                    if items.isEmpty { out.insert(p) }
                } else {
                    out.insert(p)
                }
            } else {
                walk(child, childSchema, p, names + [k], &out)
            }
        }
    }

    /// The value at a path, or nil.
    static func value(at path: [PathElement], in v: JSON) -> JSON? {
        var cur: JSON? = v
        for e in path {
            guard let c = cur else { return nil }
            switch e {
            case .field(let f): cur = c[f]
            case .key(let k):
                guard let kv = (try? JSON.parse(k))?.object, let arr = c.array else { return nil }
                cur = arr.first { item in kv.allSatisfy { item[$0.key] == $0.value } }
            case .value(let s):
                guard let arr = c.array else { return nil }
                cur = arr.first { $0.text == s }
            case .index(let i):
                guard let arr = c.array, i < arr.count else { return nil }
                cur = arr[i]
            }
        }
        return cur
    }
}
