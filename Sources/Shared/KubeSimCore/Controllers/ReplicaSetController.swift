/// ReplicaSet → Pods: creates pods from the template (`<rs>-<5 chars>`), deletes surplus ones (not-ready and
/// newest first), and publishes replicas, readyReplicas and availableReplicas.
struct ReplicaSetController {
    func run(_ ctx: ControllerContext) {
        var podsByOwner: [String: [StoredObject]] = [:]
        for p in ctx.list(ctx.pods) { if let uid = ControllerContext.controllerUID(p.object) { podsByOwner[uid, default: []].append(p) } }
        for rs in ctx.list(ctx.replicaSets) where !ControllerContext.isDeleting(rs.object) {
            sync(ctx, rs, podsByOwner[rs.uid] ?? [])
        }
    }

    func sync(_ ctx: ControllerContext, _ rs: StoredObject, _ owned: [StoredObject]) {
        let o = rs.object
        let want = o[path: ["spec", "replicas"]]?.int ?? 1
        let active = owned.filter { ControllerContext.isPodActive($0.object) }
        if active.count < want {
            for _ in 0..<(Int(want) - active.count) {
                let pod = ReplicaSetController.podFromTemplate(o[path: ["spec", "template"]], namespace: rs.namespace,
                                                               generateName: "\(rs.name)-", owner: ControllerContext.ownerRef(ctx.replicaSets, rs))
                if let p = ctx.create(ctx.pods, pod) {
                    ctx.event(ctx.replicaSets, rs, "Normal", "SuccessfulCreate", "Created pod: \(p.name)", component: "replicaset-controller")
                }
            }
        } else if active.count > want {
            let ranked = active.sorted { a, b in
                let ra = ControllerContext.isPodReady(a.object), rb = ControllerContext.isPodReady(b.object)
                if ra != rb { return !ra }
                let sa = a.object[path: ["spec", "nodeName"]] != nil, sb = b.object[path: ["spec", "nodeName"]] != nil
                if sa != sb { return !sa }
                return (a.object[path: ["metadata", "creationTimestamp"]]?.string ?? "") > (b.object[path: ["metadata", "creationTimestamp"]]?.string ?? "")
            }
            for p in ranked.prefix(active.count - Int(want)) {
                ctx.delete(ctx.pods, p)
                ctx.event(ctx.replicaSets, rs, "Normal", "SuccessfulDelete", "Deleted pod: \(p.name)", component: "replicaset-controller")
            }
        }
        let now = ctx.now
        let minReady = o[path: ["spec", "minReadySeconds"]]?.int ?? 0
        let current = owned.filter { ControllerContext.isPodActive($0.object) }
        let ready = current.filter { ControllerContext.isPodReady($0.object) }.count
        let available = current.filter { ControllerContext.isPodAvailable($0.object, minReady: minReady, now: now) }.count
        ctx.update(ctx.replicaSets, rs) { o in
            var st: JSON = ["replicas": .num(current.count), "fullyLabeledReplicas": .num(current.count),
                            "observedGeneration": o[path: ["metadata", "generation"]] ?? 1]
            if ready > 0 { st["readyReplicas"] = .num(ready) }
            if available > 0 { st["availableReplicas"] = .num(available) }
            if current.isEmpty { st["fullyLabeledReplicas"] = nil }
            o["status"] = st
        }
    }

    /// A pod built from a pod template, owned by `owner`.
    static func podFromTemplate(_ template: JSON?, namespace: String, generateName: String? = nil, name: String? = nil, owner: JSON)
        -> JSON
    {
        var meta = template?["metadata"] ?? .emptyObject
        meta["namespace"] = .string(namespace)
        if let name { meta["name"] = .string(name) } else { meta["generateName"] = .str(generateName) }
        meta["ownerReferences"] = [owner]
        meta["creationTimestamp"] = nil
        var pod: JSON = ["metadata": meta, "spec": template?["spec"] ?? .emptyObject]
        Defaulting.pod(&pod)
        return pod
    }
}
