/// DaemonSet → one Pod per eligible node (nodeSelector), replaced when the template changes.
struct DaemonSetController {
    func run(_ ctx: ControllerContext) {
        let nodes = ctx.list(ctx.nodes)
        var podsByOwner: [String: [StoredObject]] = [:]
        for p in ctx.list(ctx.pods) { if let uid = ControllerContext.controllerUID(p.object) { podsByOwner[uid, default: []].append(p) } }
        for ds in ctx.list(ctx.daemonSets) where !ControllerContext.isDeleting(ds.object) {
            sync(ctx, ds, nodes, podsByOwner[ds.uid] ?? [])
        }
    }

    func sync(_ ctx: ControllerContext, _ ds: StoredObject, _ nodes: [StoredObject], _ owned: [StoredObject]) {
        let template = ds.object[path: ["spec", "template"]] ?? .emptyObject
        let hash = TemplateHash.hash(template)
        let selector = template[path: ["spec", "nodeSelector"]]?.stringMap ?? [:]
        let eligible = nodes.filter { n in selector.allSatisfy { n.labels[$0.key] == $0.value } && n.object[path: ["spec", "unschedulable"]]?.bool != true }
        let active = owned.filter { ControllerContext.isPodActive($0.object) }
        var byNode: [String: StoredObject] = [:]
        for p in active { if let n = p.object[path: ["spec", "nodeName"]]?.string { byNode[n] = p } }
        for n in eligible {
            if let p = byNode[n.name] {
                if p.object[path: ["metadata", "labels", "controller-revision-hash"]]?.string != hash { ctx.delete(ctx.pods, p) }
                continue
            }
            var pod = ReplicaSetController.podFromTemplate(template, namespace: ds.namespace, generateName: "\(ds.name)-",
                                                           owner: ControllerContext.ownerRef(ctx.daemonSets, ds))
            pod[path: ["metadata", "labels", "controller-revision-hash"]] = .string(hash)
            pod[path: ["metadata", "labels", "pod-template-generation"]] = .string(String(ds.object[path: ["metadata", "generation"]]?.int ?? 1))
            pod[path: ["spec", "nodeName"]] = .string(n.name)
            if let p = ctx.create(ctx.pods, pod) {
                ctx.event(ctx.daemonSets, ds, "Normal", "SuccessfulCreate", "Created pod: \(p.name)", component: "daemonset-controller")
            }
        }
        let eligibleNames = Set(eligible.map(\.name))
        for (n, p) in byNode where !eligibleNames.contains(n) { ctx.delete(ctx.pods, p) }
        let scheduled = active.filter { eligibleNames.contains($0.object[path: ["spec", "nodeName"]]?.string ?? "") }
        let ready = scheduled.filter { ControllerContext.isPodReady($0.object) }
        let updated = scheduled.filter { $0.object[path: ["metadata", "labels", "controller-revision-hash"]]?.string == hash }
        ctx.update(ctx.daemonSets, ds) { o in
            var st: JSON = ["observedGeneration": o[path: ["metadata", "generation"]] ?? 1,
                            "desiredNumberScheduled": .num(eligible.count), "currentNumberScheduled": .num(scheduled.count),
                            "numberMisscheduled": 0, "numberReady": .num(ready.count)]
            if !ready.isEmpty { st["numberAvailable"] = .num(ready.count) }
            if eligible.count - ready.count > 0 { st["numberUnavailable"] = .num(eligible.count - ready.count) }
            if !updated.isEmpty { st["updatedNumberScheduled"] = .num(updated.count) }
            o["status"] = st
        }
    }
}
