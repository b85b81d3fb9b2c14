/// The three classic patch formats: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge patch.
enum Patches {
    /// RFC 7386 merge patch.
    static func mergePatch(_ target: JSON, _ patch: JSON) -> JSON {
        guard case .object(let p) = patch else { return patch }
        var t = target.object ?? [:]
        for (k, v) in p {
            if v.isNull { t[k] = nil } else { t[k] = mergePatch(t[k] ?? .null, v) }
        }
        return .object(t)
    }

    /// RFC 6902 JSON patch.
    static func jsonPatch(_ target: JSON, _ patch: JSON) throws(KubeError) -> JSON {
        guard let ops = patch.array else { throw KubeError.badRequest("json patch must be an array of operations") }
        var doc = target
        for op in ops {
            let kind = op["op"]?.string ?? ""
            let path = try pointer(op["path"]?.string)
            switch kind {
            case "add": doc = try set(doc, path, op["value"] ?? .null, insert: true)
            case "replace":
                guard get(doc, path) != nil else { throw KubeError.unprocessable("replace operation does not apply: doc is missing key: \(op["path"]?.string ?? "")") }
                doc = try set(doc, path, op["value"] ?? .null, insert: false)
            case "remove":
                guard get(doc, path) != nil else { throw KubeError.unprocessable("remove operation does not apply: doc is missing path: \(op["path"]?.string ?? "")") }
                doc = try removing(doc, path)
            case "move", "copy":
                let from = try pointer(op["from"]?.string)
                guard let v = get(doc, from) else { throw KubeError.unprocessable("\(kind) operation does not apply: doc is missing from path") }
                if kind == "move" { doc = try removing(doc, from) }
                doc = try set(doc, path, v, insert: true)
            case "test":
                if get(doc, path) != (op["value"] ?? .null) { throw KubeError.unprocessable("testing value \(op["path"]?.string ?? "") failed") }
            default: throw KubeError.badRequest("Unexpected kind: \(kind)")
            }
        }
        return doc
    }

    static func pointer(_ s: String?) throws(KubeError) -> [String] {
        guard let s else { throw KubeError.badRequest("json patch operation is missing path") }
        if s.isEmpty { return [] }
        return s.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func get(_ doc: JSON, _ path: [String]) -> JSON? {
        var cur: JSON? = doc
        for p in path {
            guard let c = cur else { return nil }
            if let arr = c.array { guard let i = Int(p), i >= 0, i < arr.count else { return nil }; cur = arr[i] } else { cur = c[p] }
        }
        return cur
    }

    static func set(_ doc: JSON, _ path: [String], _ value: JSON, insert: Bool) throws(KubeError) -> JSON {
        guard let first = path.first else { return value }
        let rest = Array(path.dropFirst())
        if var arr = doc.array {
            if rest.isEmpty {
                if first == "-" { arr.append(value); return .array(arr) }
                guard let i = Int(first), i >= 0, i <= arr.count else { throw KubeError.unprocessable("index out of range: \(first)") }
                if insert { arr.insert(value, at: i) } else { guard i < arr.count else { throw KubeError.unprocessable("index out of range") }; arr[i] = value }
                return .array(arr)
            }
            guard let i = Int(first), i >= 0, i < arr.count else { throw KubeError.unprocessable("index out of range: \(first)") }
            arr[i] = try set(arr[i], rest, value, insert: insert)
            return .array(arr)
        }
        guard var obj = doc.object else { throw KubeError.unprocessable("add operation does not apply: doc is missing path") }
        if rest.isEmpty { obj[first] = value; return .object(obj) }
        guard let child = obj[first] else { throw KubeError.unprocessable("add operation does not apply: doc is missing path: /\(path.joined(separator: "/"))") }
        obj[first] = try set(child, rest, value, insert: insert)
        return .object(obj)
    }

    static func removing(_ doc: JSON, _ path: [String]) throws(KubeError) -> JSON {
        guard let first = path.first else { return .null }
        let rest = Array(path.dropFirst())
        if var arr = doc.array {
            guard let i = Int(first), i >= 0, i < arr.count else { throw KubeError.unprocessable("index out of range") }
            if rest.isEmpty { arr.remove(at: i) } else { arr[i] = try removing(arr[i], rest) }
            return .array(arr)
        }
        guard var obj = doc.object, let child = obj[first] else { throw KubeError.unprocessable("remove operation does not apply") }
        if rest.isEmpty { obj[first] = nil } else { obj[first] = try removing(child, rest) }
        return .object(obj)
    }

    /// Strategic merge patch with merge keys from the schemas (or well-known keys) and the `$patch`,
    /// `$setElementOrder`, `$deleteFromPrimitiveList` and `$retainKeys` directives.
    static func strategic(_ target: JSON, _ patch: JSON, ex: FieldExtractor, schema: JSON?, names: [String] = []) -> JSON? {
        guard case .object(var p) = patch else { return patch }
        if let directive = p["$patch"]?.string {
            p["$patch"] = nil
            if directive == "delete" { return nil }
            if directive == "replace" { return .object(p) }
        }
        var t = target.object ?? [:]
        if let retain = p["$retainKeys"]?.array?.compactMap(\.string) {
            p["$retainKeys"] = nil
            for k in t.keys where !retain.contains(k) { t[k] = nil }
        }
        var orders: [String: [JSON]] = [:]
        for (k, v) in p {
            if k.hasPrefix("$setElementOrder/") { orders[String(k.dropFirst(17))] = v.array ?? []; continue }
            if k.hasPrefix("$deleteFromPrimitiveList/") {
                let f = String(k.dropFirst(25))
                let dels = v.array ?? []
                if var arr = t[f]?.array { arr.removeAll { dels.contains($0) }; t[f] = .array(arr) }
                continue
            }
            if v.isNull { t[k] = nil; continue }
            let childSchema = ex.schemas?.property(schema, k)
            switch v {
            case .object:
                if let r = strategic(t[k] ?? .emptyObject, v, ex: ex, schema: childSchema, names: names + [k]) { t[k] = r } else { t[k] = nil }
            case .array(let items):
                let (keys, isSet) = mergeKeys(ex, schema, k, names)
                if let key = keys?.first {
                    var out = t[k]?.array ?? []
                    let itemSchema = ex.schemas?.items(childSchema)
                    var replaceAll = false
                    for item in items {
                        if item["$patch"]?.string == "replace" { replaceAll = true }
                    }
                    if replaceAll {
                        out = items.filter { $0["$patch"] == nil }
                    } else {
                        for item in items {
                            let idx = out.firstIndex { $0[key] != nil && $0[key] == item[key] }
                            if item["$patch"]?.string == "delete" {
                                if let idx { out.remove(at: idx) }
                            } else if let idx {
                                if let merged = strategic(out[idx], item, ex: ex, schema: itemSchema, names: names + [k]) { out[idx] = merged }
                            } else {
                                var clean = item
                                clean["$patch"] = nil
                                out.append(clean)
                            }
                        }
                    }
                    t[k] = .array(out)
                } else if isSet {
                    var out = t[k]?.array ?? []
                    for item in items where !out.contains(item) { out.append(item) }
                    t[k] = .array(out)
                } else {
                    t[k] = v
                }
            default: t[k] = v
            }
        }
        for (f, order) in orders {
            guard let arr = t[f]?.array else { continue }
            let (keys, _) = mergeKeys(ex, schema, f, names)
            let key = keys?.first
            var sorted: [JSON] = []
            var rest = arr
            for o in order {
                if let i = rest.firstIndex(where: { item in key.map { k in item[k] == o[k] } ?? (item == o) }) { sorted.append(rest.remove(at: i)) }
            }
            t[f] = .array(sorted + rest)
        }
        return .object(t)
    }

    static func mergeKeys(_ ex: FieldExtractor, _ schema: JSON?, _ field: String, _ names: [String]) -> ([String]?, Bool) {
        if let schemas = ex.schemas, let info = schemas.listInfo(schema, field) {
            let strategy = info.strategy ?? ""
            if strategy.contains("merge") {
                if let mk = info.mergeKey { return ([mk], false) }
                return (nil, true)
            }
            return (nil, false)
        }
        if ex.schemas == nil {
            if field == "ports" { return ([names.last == "spec" ? "port" : "containerPort"], false) }
            if field == "finalizers" { return (nil, true) }
            return (FieldExtractor.knownKeys[field], false)
        }
        return (nil, false)
    }
}

extension KubeError {
    /// 422 for a patch that cannot be applied.
    static func unprocessable(_ message: String) -> KubeError {
        KubeError(code: 422, reason: "Invalid", message: message)
    }
}
