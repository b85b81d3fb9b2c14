extension Cluster {
    /// Deletes an object with the apiserver's finalizer, graceful-deletion and propagation rules.
    public func delete(_ t: ResourceType, namespace: String, name: String, _ opts: DeleteOptions) throws(KubeError)
        -> DeleteOutcome
    {
        let ns = t.namespaced ? namespace : ""
        return try store.write { (tx: inout Transaction) throws(KubeError) -> DeleteOutcome in
            try self.delete(&tx, t, ObjectKey(namespace: ns, name: name), opts)
        }
    }

    /// Deletion inside a transaction (used by the API and by controllers).
    func delete(_ tx: inout Transaction, _ t: ResourceType, _ key: ObjectKey, _ opts: DeleteOptions) throws(KubeError)
        -> DeleteOutcome
    {
        guard let cur = tx.get(t.storeKey, key) else { throw KubeError.notFound(t, key.name) }
        if t.kind == "Namespace", ["default", "kube-system", "kube-public"].contains(key.name) {
            throw KubeError(code: 403, reason: "Forbidden",
                            message: "namespaces \"\(key.name)\" is forbidden: this namespace may not be deleted",
                            details: KubeError.details(t, name: key.name))
        }
        if let uid = opts.preconditionUID, uid != cur.uid {
            throw KubeError.conflict(t, key.name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(cur.uid)")
        }
        if let rv = opts.preconditionRV, rv != String(cur.resourceVersion) {
            throw KubeError.conflict(t, key.name, "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(cur.resourceVersion)")
        }
        var o = cur.object
        let policy = opts.propagationPolicy ?? "Background"
        var finalizers = (o[path: ["metadata", "finalizers"]]?.array ?? []).compactMap(\.string)
        let terminating = o[path: ["metadata", "deletionTimestamp"]] != nil
        if policy == "Orphan", !finalizers.contains("orphan") { finalizers.append("orphan") }
        if policy == "Foreground", !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
        if opts.dryRun { return .pending(cur) }
        if terminating {
            if t.kind == "Pod", opts.gracePeriodSeconds == 0 {
                return .removed(tx.remove(t.storeKey, key)!)
            }
            if finalizers != (o[path: ["metadata", "finalizers"]]?.array ?? []).compactMap(\.string) {
                o[path: ["metadata", "finalizers"]] = .array(finalizers.map { .string($0) })
                return .pending(try tx.put(t.storeKey, o))
            }
            return .pending(cur)
        }
        let now = clock.now
        if t.kind == "Namespace" {
            o[path: ["metadata", "deletionTimestamp"]] = .string(KubeTime.format(now))
            o[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            o[path: ["status", "phase"]] = "Terminating"
            if !finalizers.isEmpty { o[path: ["metadata", "finalizers"]] = .array(finalizers.map { .string($0) }) }
            return .pending(try tx.put(t.storeKey, o))
        }
        if t.kind == "Pod", o[path: ["spec", "nodeName"]] != nil, !isPodTerminal(o) {
            let grace = opts.gracePeriodSeconds ?? o[path: ["spec", "terminationGracePeriodSeconds"]]?.int ?? 30
            if grace > 0 {
                o[path: ["metadata", "deletionTimestamp"]] = .string(KubeTime.format(now + Double(grace)))
                o[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(grace)
                if !finalizers.isEmpty { o[path: ["metadata", "finalizers"]] = .array(finalizers.map { .string($0) }) }
                return .pending(try tx.put(t.storeKey, o))
            }
        }
        if !finalizers.isEmpty {
            o[path: ["metadata", "deletionTimestamp"]] = .string(KubeTime.format(now))
            o[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            o[path: ["metadata", "finalizers"]] = .array(finalizers.map { .string($0) })
            return .pending(try tx.put(t.storeKey, o))
        }
        return .removed(removeObject(&tx, t, key)!)
    }

    /// Removes an object for good and releases what it held.
    @discardableResult
    func removeObject(_ tx: inout Transaction, _ t: ResourceType, _ key: ObjectKey) -> StoredObject? {
        guard let last = tx.remove(t.storeKey, key) else { return nil }
        switch t.kind {
        case "Service":
            if let ip = last.object[path: ["spec", "clusterIP"]]?.string { allocator.withLock { $0.releaseClusterIP(ip) } }
            for p in last.object[path: ["spec", "ports"]]?.array ?? [] {
                if let np = p["nodePort"]?.int { _ = allocator.withLock { $0.nodePorts.remove(Int(np)) } }
            }
        case "Pod": logs.remove(uid: last.uid)
        default: break
        }
        return last
    }
}
