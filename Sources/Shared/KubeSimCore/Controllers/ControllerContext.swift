/// What a controller uses to read and write the cluster: typed lookups, read-modify-write helpers that
/// re-read the latest version inside a transaction, object creation with server defaults, and Events.
struct ControllerContext {
    let cluster: Cluster
    let now: Double
    /// Set when any write happened during this pass.
    final class Flag: @unchecked Sendable { var changed = false }
    let flag = Flag()

    var nowString: String { KubeTime.format(now) }

    func type(_ group: String, _ plural: String, _ version: String = "v1") -> ResourceType {
        cluster.registry.lookup(group: group, version: version, plural: plural)!
    }

    var pods: ResourceType { type("", "pods") }
    var replicaSets: ResourceType { type("apps", "replicasets") }
    var deployments: ResourceType { type("apps", "deployments") }
    var statefulSets: ResourceType { type("apps", "statefulsets") }
    var daemonSets: ResourceType { type("apps", "daemonsets") }
    var revisions: ResourceType { type("apps", "controllerrevisions") }
    var jobs: ResourceType { type("batch", "jobs") }
    var services: ResourceType { type("", "services") }
    var endpoints: ResourceType { type("", "endpoints") }
    var slices: ResourceType { type("discovery.k8s.io", "endpointslices") }
    var pvcs: ResourceType { type("", "persistentvolumeclaims") }
    var pvs: ResourceType { type("", "persistentvolumes") }
    var nodes: ResourceType { type("", "nodes") }
    var namespaces: ResourceType { type("", "namespaces") }
    var events: ResourceType { type("", "events") }

    func list(_ t: ResourceType, namespace: String? = nil) -> [StoredObject] {
        cluster.store.list(t.storeKey, namespace: namespace).items
    }

    func get(_ t: ResourceType, _ ns: String, _ name: String) -> StoredObject? {
        cluster.store.get(t.storeKey, ObjectKey(namespace: ns, name: name))
    }

    /// Creates an object with server-set metadata and defaults; returns nil if it already exists.
    @discardableResult
    func create(_ t: ResourceType, _ obj: JSON) -> StoredObject? {
        let ns = obj[path: ["metadata", "namespace"]]?.string ?? ""
        let result = try? cluster.store.write { (tx: inout Transaction) throws(KubeError) -> StoredObject? in
            if t.namespaced {
                guard let n = tx.get("/namespaces", ObjectKey(namespace: "", name: ns)), n.object[path: ["metadata", "deletionTimestamp"]] == nil
                else { return nil }
            }
            var o = obj
            if (o[path: ["metadata", "name"]]?.string ?? "").isEmpty, let g = o[path: ["metadata", "generateName"]]?.string {
                o[path: ["metadata", "name"]] = .string(g + cluster.randomSuffix())
            }
            let key = ObjectKey(namespace: ns, name: o[path: ["metadata", "name"]]?.string ?? "")
            if tx.get(t.storeKey, key) != nil { return nil }
            try cluster.prepareNew(&tx, t, &o)
            if t.kind == "Pod" || t.kind == "PersistentVolumeClaim" { o["status"] = obj["status"] ?? o["status"] }
            return try tx.put(t.storeKey, o)
        }
        if result != nil { flag.changed = true }
        return result
    }

    /// Re-reads an object and stores `mutate`'s result if it changed anything; returns the new version.
    @discardableResult
    func update(_ t: ResourceType, _ s: StoredObject, _ mutate: (inout JSON) -> Void) -> StoredObject? {
        let key = ObjectKey(namespace: s.namespace, name: s.name)
        let result = try? cluster.store.write { (tx: inout Transaction) throws(KubeError) -> StoredObject? in
            guard let cur = tx.get(t.storeKey, key), cur.uid == s.uid else { return nil }
            var o = cur.object
            mutate(&o)
            if o == cur.object { return cur }
            // Finalizers gone from an object being deleted: it goes, except a Namespace (its controller
            // empties it first) and a pod bound to a node (its kubelet confirms termination). An
            // unscheduled pod has no kubelet, so it goes at once, as the apiserver removes it.
            if o[path: ["metadata", "deletionTimestamp"]] != nil, (o[path: ["metadata", "finalizers"]]?.array ?? []).isEmpty,
               t.kind != "Namespace", t.kind != "Pod" || o[path: ["spec", "nodeName"]] == nil
            {
                _ = try tx.put(t.storeKey, o)
                return cluster.removeObject(&tx, t, key)
            }
            flag.changed = true
            return try tx.put(t.storeKey, o)
        }
        if result != nil { flag.changed = true }
        return result
    }

    /// Deletes an object with a propagation policy; ignores objects already gone.
    func delete(_ t: ResourceType, _ s: StoredObject, policy: String = "Background", grace: Int64? = nil) {
        let key = ObjectKey(namespace: s.namespace, name: s.name)
        let ok = try? cluster.store.write { (tx: inout Transaction) throws(KubeError) -> Bool in
            guard let cur = tx.get(t.storeKey, key), cur.uid == s.uid else { return false }
            if cur.object[path: ["metadata", "deletionTimestamp"]] != nil && grace == nil { return false }
            _ = try cluster.delete(&tx, t, key, DeleteOptions(propagationPolicy: policy, gracePeriodSeconds: grace))
            return true
        }
        if ok == true { flag.changed = true }
    }

    /// Removes an object at once (kubelet confirming termination, finalized namespaces).
    func remove(_ t: ResourceType, _ s: StoredObject) {
        let key = ObjectKey(namespace: s.namespace, name: s.name)
        let ok = try? cluster.store.write { (tx: inout Transaction) throws(KubeError) -> Bool in
            guard let cur = tx.get(t.storeKey, key), cur.uid == s.uid else { return false }
            return cluster.removeObject(&tx, t, key) != nil
        }
        if ok == true { flag.changed = true }
    }

    /// Records a core/v1 Event about `obj` (or bumps the count of an identical recent one).
    func event(_ t: ResourceType, _ obj: StoredObject, _ type: String, _ reason: String, _ message: String,
               component: String, fieldPath: String? = nil)
    {
        let ns = obj.namespace.isEmpty ? "default" : obj.namespace
        let name = "\(obj.name).\(cluster.randomHex(8))"
        var involved: JSON = ["kind": .string(t.kind), "namespace": .str(obj.namespace.isEmpty ? nil : obj.namespace),
                              "name": .string(obj.name), "uid": .string(obj.uid), "apiVersion": .string(t.apiVersion),
                              "resourceVersion": .string(String(obj.resourceVersion))]
        if let fieldPath { involved["fieldPath"] = .string(fieldPath) }
        let ev: JSON = ["metadata": ["name": .string(name), "namespace": .string(ns)], "involvedObject": involved,
                        "reason": .string(reason), "message": .string(message), "type": .string(type),
                        "source": ["component": .string(component)], "firstTimestamp": .string(nowString),
                        "lastTimestamp": .string(nowString), "count": 1, "eventTime": .null,
                        "reportingComponent": .string(component), "reportingInstance": ""]
        create(events, ev)
    }

    static func ownerRef(_ t: ResourceType, _ owner: StoredObject) -> JSON {
        ["apiVersion": .string(t.apiVersion), "kind": .string(t.kind), "name": .string(owner.name), "uid": .string(owner.uid),
         "controller": true, "blockOwnerDeletion": true]
    }

    static func controllerUID(_ o: JSON) -> String? {
        (o[path: ["metadata", "ownerReferences"]]?.array ?? []).first { $0["controller"]?.bool == true }?["uid"]?.string
    }

    static func isDeleting(_ o: JSON) -> Bool { o[path: ["metadata", "deletionTimestamp"]] != nil }

    static func condition(_ o: JSON, _ type: String) -> JSON? {
        (o[path: ["status", "conditions"]]?.array ?? []).first { $0["type"]?.string == type }
    }

    /// Sets a status condition, keeping lastTransitionTime when the status does not change.
    static func setCondition(_ o: inout JSON, _ type: String, _ status: String, reason: String, message: String, now: String,
                             updateTime: Bool = false, touch: Bool = false)
    {
        var conds = o[path: ["status", "conditions"]]?.array ?? []
        var c: JSON = ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
                       "lastTransitionTime": .string(now)]
        if updateTime { c["lastUpdateTime"] = .string(now) }
        if let i = conds.firstIndex(where: { $0["type"]?.string == type }) {
            if conds[i]["status"]?.string == status {
                c["lastTransitionTime"] = conds[i]["lastTransitionTime"] ?? .string(now)
                if updateTime, !touch, conds[i]["reason"]?.string == reason, conds[i]["message"]?.string == message {
                    c["lastUpdateTime"] = conds[i]["lastUpdateTime"] ?? .string(now)
                }
            }
            conds[i] = c
        } else {
            conds.append(c)
        }
        o[path: ["status", "conditions"]] = .array(conds)
    }

    static func isPodReady(_ p: JSON) -> Bool { condition(p, "Ready")?["status"]?.string == "True" }

    static func isPodActive(_ p: JSON) -> Bool {
        let phase = p[path: ["status", "phase"]]?.string
        return phase != "Succeeded" && phase != "Failed" && !isDeleting(p)
    }

    /// Ready for at least `minReadySeconds`.
    static func isPodAvailable(_ p: JSON, minReady: Int64, now: Double) -> Bool {
        guard isPodReady(p) else { return false }
        if minReady <= 0 { return true }
        guard let t = condition(p, "Ready")?["lastTransitionTime"]?.string.flatMap(KubeTime.parse) else { return false }
        return now - t >= Double(minReady)
    }
}
