extension Cluster {
    /// Replaces an object (PUT), or its status (`subresource == "status"`).
    public func update(_ t: ResourceType, namespace: String, name: String, _ body: JSON, _ opts: WriteOptions,
                       subresource: String? = nil) throws(KubeError) -> (object: StoredObject, warnings: [String])
    {
        var obj = body
        try checkTypeMeta(t, &obj)
        let warnings = try validateFields(t, obj, opts)
        if let n = obj[path: ["metadata", "name"]]?.string, n != name {
            throw KubeError.badRequest("the name of the object (\(n)) does not match the name on the URL (\(name))")
        }
        let ns = t.namespaced ? namespace : ""
        let stored = try store.write { (tx: inout Transaction) throws(KubeError) -> StoredObject in
            guard let cur = tx.get(t.storeKey, ObjectKey(namespace: ns, name: name)) else { throw KubeError.notFound(t, name) }
            let rv = obj[path: ["metadata", "resourceVersion"]]?.string ?? ""
            if rv.isEmpty && !t.allowsUnconditionalUpdate {
                throw KubeError.invalid(t, name, [("FieldValueInvalid", "metadata.resourceVersion",
                    "Invalid value: 0x0: must be specified for an update")])
            }
            if !rv.isEmpty && rv != String(cur.resourceVersion) { throw KubeError.conflict(t, name) }
            return try self.commitUpdate(&tx, t, cur: cur, new: obj, opts, subresource: subresource)
        }
        return (stored, warnings)
    }

    /// Applies the server's update rules to `new` against `cur` and stores it (or removes the object when
    /// its last finalizer went away during deletion).
    func commitUpdate(_ tx: inout Transaction, _ t: ResourceType, cur: StoredObject, new: JSON, _ opts: WriteOptions,
                      subresource: String?, managerOperation: String = "Update") throws(KubeError) -> StoredObject
    {
        var o: JSON
        let old = cur.object
        if subresource == "status" {
            o = old
            o["status"] = new["status"]
        } else {
            o = new
            o[path: ["metadata", "namespace"]] = old[path: ["metadata", "namespace"]]
            for k in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
                o[path: ["metadata", k]] = old[path: ["metadata", k]]
            }
            if o[path: ["metadata", "managedFields"]] == nil { o[path: ["metadata", "managedFields"]] = old[path: ["metadata", "managedFields"]] }
            if t.hasStatusSubresource { o["status"] = old["status"] }
            Defaulting.apply(t.kind, &o)
            if t.kind == "Service" { try allocateServiceAddresses(&o, old: old) }
            if t.kind == "Job" {
                o[path: ["spec", "selector"]] = old[path: ["spec", "selector"]]
                o[path: ["spec", "template", "metadata", "labels"]] = old[path: ["spec", "template", "metadata", "labels"]]
                    .map { l in
                        var m = new[path: ["spec", "template", "metadata", "labels"]]?.object ?? [:]
                        for (k, v) in l.object ?? [:] where k.contains("controller-uid") || k.contains("job-name") { m[k] = v }
                        return JSON.object(m)
                    }
            }
            try validateObject(t, o)
        }
        if t.tracksGeneration {
            let changed = t.kind == "CustomResourceDefinition" || t.group.isEmpty ? (o["spec"] != old["spec"]) : (o["spec"] != old["spec"])
            if changed { o[path: ["metadata", "generation"]] = .int((old[path: ["metadata", "generation"]]?.int ?? 1) + 1) }
        }
        if !opts.fieldManager.isEmpty, managerOperation == "Update" {
            ManagedFields.recordUpdate(&o, old: old, manager: opts.fieldManager, apiVersion: t.apiVersion, time: nowString,
                                       schemas: schemas, kind: t.kind, subresource: subresource)
        }
        var cmpOld = old, cmpNew = o
        cmpOld[path: ["metadata", "resourceVersion"]] = nil
        cmpNew[path: ["metadata", "resourceVersion"]] = nil
        cmpOld[path: ["metadata", "managedFields"]] = nil
        cmpNew[path: ["metadata", "managedFields"]] = nil
        if cmpOld == cmpNew { return cur }  // no-op updates do not bump the resourceVersion
        if opts.dryRun { return StoredObject(object: o, resourceVersion: cur.resourceVersion) }
        if o[path: ["metadata", "deletionTimestamp"]] != nil, (o[path: ["metadata", "finalizers"]]?.array ?? []).isEmpty,
           t.kind != "Namespace", !(t.kind == "Pod" && !isPodTerminal(o) && o[path: ["spec", "nodeName"]] != nil)
        {
            let key = ObjectKey(namespace: cur.namespace, name: cur.name)
            _ = try tx.put(t.storeKey, o)
            return tx.remove(t.storeKey, key)!
        }
        return try tx.put(t.storeKey, o)
    }

    func isPodTerminal(_ pod: JSON) -> Bool {
        let phase = pod[path: ["status", "phase"]]?.string
        return phase == "Succeeded" || phase == "Failed"
    }
}
