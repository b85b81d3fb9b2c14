extension Cluster {
    /// Applies a merge, JSON or strategic-merge patch to an object (or its status).
    public func patch(_ t: ResourceType, namespace: String, name: String, patchType: String, _ patch: JSON,
                      _ opts: WriteOptions, subresource: String? = nil) throws(KubeError) -> (object: StoredObject, warnings: [String])
    {
        let ns = t.namespaced ? namespace : ""
        let ex = FieldExtractor(schemas: schemas)
        let schema = schemas?.schema(apiVersion: t.apiVersion, kind: t.kind)
        var warnings: [String] = []
        let stored = try store.write { (tx: inout Transaction) throws(KubeError) -> StoredObject in
            guard let cur = tx.get(t.storeKey, ObjectKey(namespace: ns, name: name)) else { throw KubeError.notFound(t, name) }
            var full = cur.object
            full["kind"] = .string(t.kind)
            full["apiVersion"] = .string(t.apiVersion)
            var patched: JSON
            switch patchType {
            case "merge": patched = Patches.mergePatch(full, patch)
            case "json": patched = try Patches.jsonPatch(full, patch)
            case "strategic":
                guard patch.object != nil else { throw KubeError.badRequest("the body of the request was in an unknown format") }
                patched = Patches.strategic(full, patch, ex: ex, schema: schema) ?? .emptyObject
            default: throw KubeError.unsupportedMediaType(patchType)
            }
            let rv = patched[path: ["metadata", "resourceVersion"]]?.string ?? ""
            if !rv.isEmpty && rv != String(cur.resourceVersion) { throw KubeError.conflict(t, name) }
            if patched[path: ["metadata", "name"]]?.string != name {
                throw KubeError.badRequest("metadata.name: Invalid value: the name of the object cannot be changed by a patch")
            }
            try self.checkTypeMeta(t, &patched)
            warnings = try self.validateFields(t, patched, opts)
            return try self.commitUpdate(&tx, t, cur: cur, new: patched, opts, subresource: subresource)
        }
        return (stored, warnings)
    }
}
