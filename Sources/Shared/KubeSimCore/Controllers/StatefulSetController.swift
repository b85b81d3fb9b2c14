/// StatefulSet → ordinal Pods and PVCs: OrderedReady (one at a time) or Parallel, ControllerRevisions,
/// rolling updates from the highest ordinal down (honouring the partition), and revision status.
struct StatefulSetController {
    func run(_ ctx: ControllerContext) {
        var podsByOwner: [String: [StoredObject]] = [:]
        for p in ctx.list(ctx.pods) { if let uid = ControllerContext.controllerUID(p.object) { podsByOwner[uid, default: []].append(p) } }
        for s in ctx.list(ctx.statefulSets) where !ControllerContext.isDeleting(s.object) {
            sync(ctx, s, podsByOwner[s.uid] ?? [])
        }
    }

    func sync(_ ctx: ControllerContext, _ sts: StoredObject, _ owned: [StoredObject]) {
        let o = sts.object
        let replicas = Int(o[path: ["spec", "replicas"]]?.int ?? 1)
        let parallel = o[path: ["spec", "podManagementPolicy"]]?.string == "Parallel"
        let template = o[path: ["spec", "template"]] ?? .emptyObject
        let revision = "\(sts.name)-\(TemplateHash.hash(template))"
        ensureRevision(ctx, sts, revision, template)
        var byOrdinal: [Int: StoredObject] = [:]
        for p in owned {
            if let dash = p.name.lastIndex(of: "-"), let i = Int(p.name[p.name.index(after: dash)...]), p.name.hasPrefix(sts.name + "-") {
                byOrdinal[i] = p
            }
        }
        let rev = { (p: StoredObject) -> String in p.object[path: ["metadata", "labels", "controller-revision-hash"]]?.string ?? "" }
        let healthy = { (p: StoredObject) -> Bool in
            ControllerContext.isPodReady(p.object) && !ControllerContext.isDeleting(p.object)
        }
        // Create missing pods in order.
        for i in 0..<replicas {
            if let p = byOrdinal[i] {
                let phase = p.object[path: ["status", "phase"]]?.string
                if phase == "Failed" || phase == "Succeeded" { ctx.delete(ctx.pods, p, grace: 0); if !parallel { break } }
                if !parallel && !healthy(p) { break }
                continue
            }
            createPod(ctx, sts, i, revision, template)
            if !parallel { break }
        }
        // Scale down from the highest ordinal.
        for (i, p) in byOrdinal.sorted(by: { $0.key > $1.key }) where i >= replicas {
            if !ControllerContext.isDeleting(p.object) {
                ctx.delete(ctx.pods, p)
                ctx.event(ctx.statefulSets, sts, "Normal", "SuccessfulDelete", "delete Pod \(p.name) in StatefulSet \(sts.name) successful",
                          component: "statefulset-controller")
            }
            if !parallel { break }
        }
        // Rolling update: replace the highest ordinal not on the update revision once all others are healthy.
        if o[path: ["spec", "updateStrategy", "type"]]?.string == "RollingUpdate" {
            let partition = Int(o[path: ["spec", "updateStrategy", "rollingUpdate", "partition"]]?.int ?? 0)
            let present = (0..<replicas).compactMap { byOrdinal[$0] }
            if present.count == replicas, present.allSatisfy(healthy) {
                if let stale = (partition..<replicas).reversed().compactMap({ byOrdinal[$0] }).first(where: { rev($0) != revision }) {
                    ctx.delete(ctx.pods, stale)
                }
            }
        }
        let current = (0..<replicas).compactMap { byOrdinal[$0] }.filter { !ControllerContext.isDeleting($0.object) }
        let updated = current.filter { rev($0) == revision }.count
        let ready = current.filter { ControllerContext.isPodReady($0.object) }.count
        ctx.update(ctx.statefulSets, sts) { o in
            let prevCurrent = o[path: ["status", "currentRevision"]]?.string
            let done = updated == replicas && ready == replicas
            let currentRevision = done || prevCurrent == nil ? revision : prevCurrent!
            var st: JSON = ["observedGeneration": o[path: ["metadata", "generation"]] ?? 1, "replicas": .num(current.count),
                            "currentRevision": .string(currentRevision), "updateRevision": .string(revision), "collisionCount": 0,
                            "availableReplicas": .num(ready)]
            if ready > 0 { st["readyReplicas"] = .num(ready) }
            let cur = current.filter { rev($0) == currentRevision }.count
            if cur > 0 { st["currentReplicas"] = .num(cur) }
            if updated > 0 { st["updatedReplicas"] = .num(updated) }
            o["status"] = st
        }
    }

    func ensureRevision(_ ctx: ControllerContext, _ sts: StoredObject, _ name: String, _ template: JSON) {
        guard ctx.get(ctx.revisions, sts.namespace, name) == nil else { return }
        let existing = ctx.list(ctx.revisions, namespace: sts.namespace).filter { ControllerContext.controllerUID($0.object) == sts.uid }
        let next = (existing.compactMap { $0.object["revision"]?.int }.max() ?? 0) + 1
        var labels = template[path: ["metadata", "labels"]] ?? .emptyObject
        labels["controller.kubernetes.io/hash"] = .string(String(name.split(separator: "-").last ?? ""))
        ctx.create(ctx.revisions, ["metadata": ["name": .string(name), "namespace": .string(sts.namespace), "labels": labels,
                                                "ownerReferences": [ControllerContext.ownerRef(ctx.statefulSets, sts)]],
                                   "data": ["spec": ["template": template.merging(["$patch": "replace"])]], "revision": .int(next)])
    }

    func createPod(_ ctx: ControllerContext, _ sts: StoredObject, _ i: Int, _ revision: String, _ template: JSON) {
        let name = "\(sts.name)-\(i)"
        var pod = ReplicaSetController.podFromTemplate(template, namespace: sts.namespace, name: name,
                                                       owner: ControllerContext.ownerRef(ctx.statefulSets, sts))
        pod[path: ["metadata", "labels", "controller-revision-hash"]] = .string(revision)
        pod[path: ["metadata", "labels", "statefulset.kubernetes.io/pod-name"]] = .string(name)
        pod[path: ["metadata", "labels", "apps.kubernetes.io/pod-index"]] = .string(String(i))
        pod[path: ["spec", "hostname"]] = .string(name)
        if let svc = sts.object[path: ["spec", "serviceName"]]?.string, !svc.isEmpty { pod[path: ["spec", "subdomain"]] = .string(svc) }
        var volumes = pod[path: ["spec", "volumes"]]?.array ?? []
        for vct in sts.object[path: ["spec", "volumeClaimTemplates"]]?.array ?? [] {
            let tname = vct[path: ["metadata", "name"]]?.string ?? "data"
            let claim = "\(tname)-\(sts.name)-\(i)"
            if ctx.get(ctx.pvcs, sts.namespace, claim) == nil {
                var meta = vct["metadata"] ?? .emptyObject
                meta["name"] = .string(claim)
                meta["namespace"] = .string(sts.namespace)
                var labels = meta["labels"] ?? .emptyObject
                for (k, v) in sts.object[path: ["spec", "selector", "matchLabels"]]?.object ?? [:] { labels[k] = v }
                meta["labels"] = labels
                ctx.create(ctx.pvcs, ["metadata": meta, "spec": vct["spec"] ?? .emptyObject, "status": ["phase": "Pending"]])
            }
            volumes.removeAll { $0["name"]?.string == tname }
            volumes.append(["name": .string(tname), "persistentVolumeClaim": ["claimName": .string(claim)]])
        }
        if !volumes.isEmpty { pod[path: ["spec", "volumes"]] = .array(volumes) }
        if ctx.create(ctx.pods, pod) != nil {
            ctx.event(ctx.statefulSets, sts, "Normal", "SuccessfulCreate", "create Pod \(name) in StatefulSet \(sts.name) successful",
                      component: "statefulset-controller")
        }
    }
}

extension JSON {
    /// This object with `other`'s members added.
    func merging(_ other: [String: JSON]) -> JSON {
        guard case .object(var o) = self else { return self }
        for (k, v) in other { o[k] = v }
        return .object(o)
    }
}
