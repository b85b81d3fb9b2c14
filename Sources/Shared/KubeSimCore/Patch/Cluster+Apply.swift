extension Cluster {
    /// Server-side apply (`PATCH` with `application/apply-patch+yaml`): creates (201) or merges the applied
    /// configuration (200), tracking ownership per field manager and reporting conflicts.
    public func apply(_ t: ResourceType, namespace: String, name: String, _ body: JSON, _ opts: WriteOptions,
                      subresource: String? = nil) throws(KubeError) -> (object: StoredObject, created: Bool)
    {
        guard !opts.fieldManager.isEmpty else {
            throw KubeError.badRequest("PATCH, application/apply-patch+yaml requests require a fieldManager")
        }
        var applied = body
        guard applied["kind"]?.string != nil, applied["apiVersion"]?.string != nil else {
            throw KubeError.badRequest("invalid object type: /, Kind=")
        }
        try checkTypeMeta(t, &applied)
        if opts.fieldValidation == "Strict", let schemas {
            let unknown = schemas.unknownFields(applied, apiVersion: t.apiVersion, kind: t.kind).sorted()
            if let first = unknown.first {
                throw KubeError(code: 400, reason: "BadRequest",
                                message: "failed to create typed patch object (\(namespace)/\(name); \(t.apiVersion), Kind=\(t.kind)): .\(first): field not declared in schema",
                                details: KubeError.details(t, name: name))
            }
        }
        if let n = applied[path: ["metadata", "name"]]?.string, n != name {
            throw KubeError.badRequest("the name of the object (\(n)) does not match the name on the URL (\(name))")
        }
        applied[path: ["metadata", "name"]] = .string(name)
        let ns = t.namespaced ? namespace : ""
        if t.namespaced { applied[path: ["metadata", "namespace"]] = .string(namespace) }
        let ex = FieldExtractor(schemas: schemas)
        let schema = schemas?.schema(apiVersion: t.apiVersion, kind: t.kind)
        let isStatus = subresource == "status"
        let appliedV = ManagedFields.stripped(applied, keepStatus: isStatus)
        let appliedSet = ex.fields(appliedV, schema: schema)
        let now = nowString
        return try store.write { (tx: inout Transaction) throws(KubeError) -> (StoredObject, Bool) in
            guard let cur = tx.get(t.storeKey, ObjectKey(namespace: ns, name: name)) else {
                if t.namespaced { try self.admitNamespace(&tx, t, namespace: namespace, name: name) }
                var o = applied
                o[path: ["metadata", "managedFields"]] = nil
                try self.validateObject(t, o)
                try self.prepareNew(&tx, t, &o)
                ManagedFields.store([.init(manager: opts.fieldManager, operation: "Apply", apiVersion: t.apiVersion, time: now,
                                           subresource: subresource, fields: FieldSet(paths: appliedSet))], into: &o)
                if opts.dryRun { return (StoredObject(object: o, resourceVersion: tx.resourceVersion), true) }
                return (try tx.put(t.storeKey, o), true)
            }
            if let rv = applied[path: ["metadata", "resourceVersion"]]?.string, !rv.isEmpty, rv != String(cur.resourceVersion) {
                throw KubeError.conflict(t, name)
            }
            let curV = ManagedFields.stripped(cur.object, keepStatus: isStatus)
            var entries = ManagedFields.entries(cur.object)
            // Conflicts: fields another manager owns whose value this apply would change.
            var conflicts: [(manager: String, operation: String, apiVersion: String, path: [PathElement])] = []
            for e in entries where !(e.manager == opts.fieldManager && e.operation == "Apply") && e.subresource == subresource {
                for p in e.fields.paths.intersection(appliedSet)
                where FieldExtractor.value(at: p, in: curV) != FieldExtractor.value(at: p, in: appliedV) {
                    if case .key = p.last, FieldExtractor.value(at: p, in: curV) != nil { continue }
                    conflicts.append((e.manager, e.operation, e.apiVersion, p))
                }
            }
            if !conflicts.isEmpty && !opts.force { throw Cluster.applyConflict(t, name, conflicts) }
            for c in conflicts {
                for i in entries.indices where entries[i].manager == c.manager && entries[i].operation == c.operation {
                    entries[i].fields.paths.remove(c.path)
                }
            }
            // Fields this manager applied before, no longer applies, and nobody else owns are removed.
            let mine = entries.firstIndex { $0.manager == opts.fieldManager && $0.operation == "Apply" && $0.subresource == subresource }
            var drop: Set<[PathElement]> = []
            if let mine {
                let others = entries.enumerated().filter { $0.offset != mine }.reduce(into: Set<[PathElement]>()) { $0.formUnion($1.element.fields.paths) }
                drop = entries[mine].fields.paths.subtracting(appliedSet).subtracting(others)
            }
            var merged = cur.object
            for p in drop.sorted(by: { $0.count > $1.count }) { ApplyMerge.remove(p, from: &merged) }
            merged = ApplyMerge.merge(merged, applied, ex: ex, schema: schema)
            if let mine {
                entries[mine].fields = FieldSet(paths: appliedSet)
                entries[mine].time = now
            } else {
                entries.append(.init(manager: opts.fieldManager, operation: "Apply", apiVersion: t.apiVersion, time: now,
                                     subresource: subresource, fields: FieldSet(paths: appliedSet)))
            }
            ManagedFields.store(entries, into: &merged)
            merged[path: ["metadata", "resourceVersion"]] = nil
            return (try self.commitUpdate(&tx, t, cur: cur, new: merged, opts, subresource: subresource, managerOperation: "Apply"), false)
        }
    }

    static func applyConflict(_ t: ResourceType, _ name: String,
                              _ cs: [(manager: String, operation: String, apiVersion: String, path: [PathElement])]) -> KubeError
    {
        func who(_ c: (manager: String, operation: String, apiVersion: String, path: [PathElement])) -> String {
            c.operation == "Update" ? "\"\(c.manager)\" using \(c.apiVersion)" : "\"\(c.manager)\""
        }
        let sorted = cs.sorted { FieldSet.describe($0.path) < FieldSet.describe($1.path) }
        let message: String
        if sorted.count == 1 {
            message = "Apply failed with 1 conflict: conflict with \(who(sorted[0])): \(FieldSet.describe(sorted[0].path))"
        } else {
            var lines: [String] = []
            for m in Set(sorted.map { who($0) }).sorted() {
                lines.append("conflicts with \(m):")
                for c in sorted where who(c) == m { lines.append("- \(FieldSet.describe(c.path))") }
            }
            message = "Apply failed with \(sorted.count) conflicts: " + lines.joined(separator: "\n")
        }
        let causes: [JSON] = sorted.map { ["reason": "FieldManagerConflict", "message": .string("conflict with \(who($0))"),
                                            "field": .string(FieldSet.describe($0.path))] }
        return KubeError(code: 409, reason: "Conflict", message: message, details: KubeError.details(t, name: name, causes: causes))
    }
}

/// Merging an applied configuration into the live object.
enum ApplyMerge {
    static func merge(_ live: JSON, _ applied: JSON, ex: FieldExtractor, schema: JSON?, names: [String] = []) -> JSON {
        guard case .object(var l) = live, case .object(let a) = applied else { return applied }
        for (k, av) in a {
            let childSchema = ex.schemas?.property(schema, k)
            if case .array(let aItems) = av, case .array(let lItems)? = l[k] {
                let (keys, isSet) = ex.listKeys(schema, k, parentPath: names)
                if let keys, !keys.isEmpty {
                    var out = lItems
                    let itemSchema = ex.schemas?.items(childSchema)
                    for item in aItems {
                        if let i = out.firstIndex(where: { li in keys.allSatisfy { li[$0] == item[$0] } }) {
                            out[i] = merge(out[i], item, ex: ex, schema: itemSchema, names: names + [k])
                        } else {
                            out.append(item)
                        }
                    }
                    l[k] = .array(out)
                } else if isSet {
                    var out = lItems
                    for item in aItems where !out.contains(item) { out.append(item) }
                    l[k] = .array(out)
                } else {
                    l[k] = av
                }
            } else if case .object = av, let lv = l[k], case .object = lv {
                l[k] = merge(lv, av, ex: ex, schema: childSchema, names: names + [k])
            } else {
                l[k] = av
            }
        }
        return .object(l)
    }

    static func remove(_ path: [PathElement], from v: inout JSON) {
        guard let first = path.first else { return }
        let rest = Array(path.dropFirst())
        switch first {
        case .field(let f):
            guard v[f] != nil else { return }
            if rest.isEmpty { v[f] = nil; return }
            var c = v[f]!
            remove(rest, from: &c)
            v[f] = c
        case .key(let k):
            guard let kv = (try? JSON.parse(k))?.object, var arr = v.array,
                  let i = arr.firstIndex(where: { item in kv.allSatisfy { item[$0.key] == $0.value } }) else { return }
            if rest.isEmpty { arr.remove(at: i) } else { remove(rest, from: &arr[i]) }
            v = .array(arr)
        case .value(let s):
            guard var arr = v.array else { return }
            arr.removeAll { $0.text == s }
            v = .array(arr)
        case .index(let i):
            guard var arr = v.array, i < arr.count else { return }
            if rest.isEmpty { arr.remove(at: i) } else { remove(rest, from: &arr[i]) }
            v = .array(arr)
        }
    }
}
