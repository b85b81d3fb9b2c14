/// Deployment → ReplicaSets: template-hash ReplicaSets, rolling updates with maxSurge/maxUnavailable,
/// Recreate, revision annotations, history cleanup, status and the Available/Progressing conditions.
struct DeploymentController {
    func run(_ ctx: ControllerContext) {
        let allRS = ctx.list(ctx.replicaSets)
        var rsByOwner: [String: [StoredObject]] = [:]
        for rs in allRS { if let uid = ControllerContext.controllerUID(rs.object) { rsByOwner[uid, default: []].append(rs) } }
        for d in ctx.list(ctx.deployments) where !ControllerContext.isDeleting(d.object) {
            sync(ctx, d, rsByOwner[d.uid] ?? [])
        }
    }

    static func percent(_ v: JSON?, of total: Int64, roundUp: Bool) -> Int64 {
        if let i = v?.int { return i }
        guard let s = v?.string, s.hasSuffix("%"), let p = Double(s.dropLast()) else { return 0 }
        let x = Double(total) * p / 100
        return Int64(roundUp ? x.rounded(.up) : x.rounded(.down))
    }

    func sync(_ ctx: ControllerContext, _ d: StoredObject, _ owned: [StoredObject]) {
        let o = d.object
        let replicas = o[path: ["spec", "replicas"]]?.int ?? 1
        var template = o[path: ["spec", "template"]] ?? .emptyObject
        let hash = TemplateHash.hash(template)
        let strategy = o[path: ["spec", "strategy", "type"]]?.string ?? "RollingUpdate"
        var maxSurge = DeploymentController.percent(o[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]], of: replicas, roundUp: true)
        var maxUnavailable = DeploymentController.percent(o[path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"]], of: replicas, roundUp: false)
        if strategy != "RollingUpdate" { maxSurge = 0; maxUnavailable = 0 }
        if strategy == "RollingUpdate" && maxSurge == 0 && maxUnavailable == 0 { maxUnavailable = 1 }
        var newRS = owned.first { $0.object[path: ["metadata", "labels", "pod-template-hash"]]?.string == hash }
        let olds = owned.filter { $0.uid != newRS?.uid }
        let paused = o[path: ["spec", "paused"]]?.bool == true
        let revisions = owned.compactMap { Int64($0.object[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]?.string ?? "") }
        let maxRevision = revisions.max() ?? 0
        var createdNew = false
        if newRS == nil && !paused {
            template[path: ["metadata", "labels", "pod-template-hash"]] = .string(hash)
            var selector = o[path: ["spec", "selector"]] ?? .emptyObject
            selector[path: ["matchLabels", "pod-template-hash"]] = .string(hash)
            var labels = template[path: ["metadata", "labels"]] ?? .emptyObject
            labels["pod-template-hash"] = .string(hash)
            let oldTotal = olds.reduce(0) { $0 + ($1.object[path: ["spec", "replicas"]]?.int ?? 0) }
            let initial = strategy == "RollingUpdate"
                ? (olds.isEmpty ? replicas : max(0, min(replicas, replicas + maxSurge - oldTotal)))
                : (oldTotal == 0 ? replicas : 0)
            var annotations = (o[path: ["metadata", "annotations"]]?.object ?? [:]).filter {
                !$0.key.hasPrefix("kubectl.kubernetes.io/last-applied") && $0.key != "deployment.kubernetes.io/revision"
            }
            annotations["deployment.kubernetes.io/revision"] = .string(String(maxRevision + 1))
            annotations["deployment.kubernetes.io/desired-replicas"] = .string(String(replicas))
            annotations["deployment.kubernetes.io/max-replicas"] = .string(String(replicas + maxSurge))
            let rs: JSON = [
                "metadata": ["name": .string("\(d.name)-\(hash)"), "namespace": .string(d.namespace), "labels": labels,
                             "annotations": .object(annotations),
                             "ownerReferences": [ControllerContext.ownerRef(ctx.deployments, d)]],
                "spec": ["replicas": .int(initial), "minReadySeconds": o[path: ["spec", "minReadySeconds"]] ?? 0,
                         "selector": selector, "template": template],
            ]
            newRS = ctx.create(ctx.replicaSets, rs)
            if let newRS {
                createdNew = true
                ctx.event(ctx.deployments, d, "Normal", "ScalingReplicaSet",
                          "Scaled up replica set \(newRS.name) from 0 to \(initial)", component: "deployment-controller")
            }
        } else if let rs = newRS, rs.object[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]?.string != String(maxRevision),
                  !olds.isEmpty, !paused
        {
            // Rolled back to an older template: it becomes the newest revision.
            newRS = ctx.update(ctx.replicaSets, rs) { $0[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] = .string(String(maxRevision + 1)) } ?? rs
        }
        guard let newRS else { return }
        if !paused { scale(ctx, d, newRS, olds, replicas: replicas, maxSurge: maxSurge, maxUnavailable: maxUnavailable, strategy: strategy) }
        cleanup(ctx, o, olds)
        updateStatus(ctx, d, newRS: ctx.get(ctx.replicaSets, newRS.namespace, newRS.name) ?? newRS,
                     olds: olds.compactMap { ctx.get(ctx.replicaSets, $0.namespace, $0.name) }, replicas: replicas,
                     maxUnavailable: maxUnavailable, createdNew: createdNew)
    }

    func setReplicas(_ ctx: ControllerContext, _ d: StoredObject, _ rs: StoredObject, _ n: Int64) {
        let cur = rs.object[path: ["spec", "replicas"]]?.int ?? 0
        guard cur != n else { return }
        ctx.update(ctx.replicaSets, rs) { $0[path: ["spec", "replicas"]] = .int(n) }
        ctx.event(ctx.deployments, d, "Normal", "ScalingReplicaSet",
                  "Scaled \(n > cur ? "up" : "down") replica set \(rs.name) from \(cur) to \(n)", component: "deployment-controller")
    }

    func scale(_ ctx: ControllerContext, _ d: StoredObject, _ newRS: StoredObject, _ olds: [StoredObject], replicas: Int64,
               maxSurge: Int64, maxUnavailable: Int64, strategy: String)
    {
        let spec = { (rs: StoredObject) -> Int64 in rs.object[path: ["spec", "replicas"]]?.int ?? 0 }
        let avail = { (rs: StoredObject) -> Int64 in rs.object[path: ["status", "availableReplicas"]]?.int ?? 0 }
        let status = { (rs: StoredObject) -> Int64 in rs.object[path: ["status", "replicas"]]?.int ?? 0 }
        if olds.allSatisfy({ spec($0) == 0 }) {
            setReplicas(ctx, d, newRS, replicas)
            return
        }
        if strategy != "RollingUpdate" {
            for rs in olds where spec(rs) > 0 { setReplicas(ctx, d, rs, 0) }
            if olds.allSatisfy({ status($0) == 0 }) { setReplicas(ctx, d, newRS, replicas) }
            return
        }
        // Scale up the new ReplicaSet within maxSurge.
        let total = olds.reduce(spec(newRS)) { $0 + spec($1) }
        let maxTotal = replicas + maxSurge
        var newCount = spec(newRS)
        if newCount < replicas, total < maxTotal {
            newCount = min(replicas, newCount + (maxTotal - total))
            setReplicas(ctx, d, newRS, newCount)
        } else if newCount > replicas {
            newCount = replicas
            setReplicas(ctx, d, newRS, newCount)
        }
        // Scale down old ReplicaSets within maxUnavailable.
        let minAvailable = replicas - maxUnavailable
        let allCount = olds.reduce(newCount) { $0 + spec($1) }
        let newUnavailable = max(0, newCount - avail(newRS))
        var canDrop = allCount - minAvailable - newUnavailable
        // Old pods that are not available can always go.
        for rs in olds.sorted(by: { ($0.object[path: ["metadata", "creationTimestamp"]]?.string ?? "") < ($1.object[path: ["metadata", "creationTimestamp"]]?.string ?? "") }) {
            let s = spec(rs)
            guard s > 0 else { continue }
            let unhealthy = max(0, s - avail(rs))
            var target = s - unhealthy
            let extra = min(max(0, canDrop), target)
            target -= extra
            canDrop -= extra
            if target != s { setReplicas(ctx, d, rs, target) }
        }
    }

    func cleanup(_ ctx: ControllerContext, _ o: JSON, _ olds: [StoredObject]) {
        let limit = Int(o[path: ["spec", "revisionHistoryLimit"]]?.int ?? 10)
        let idle = olds.filter { ($0.object[path: ["spec", "replicas"]]?.int ?? 0) == 0 && ($0.object[path: ["status", "replicas"]]?.int ?? 0) == 0 }
        guard idle.count > limit else { return }
        let sorted = idle.sorted {
            (Int($0.object[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]?.string ?? "") ?? 0)
                < (Int($1.object[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]?.string ?? "") ?? 0)
        }
        for rs in sorted.prefix(idle.count - limit) { ctx.delete(ctx.replicaSets, rs) }
    }

    func updateStatus(_ ctx: ControllerContext, _ d: StoredObject, newRS: StoredObject, olds: [StoredObject], replicas: Int64,
                      maxUnavailable: Int64, createdNew: Bool)
    {
        let all = [newRS] + olds
        func sum(_ f: String) -> Int64 { all.reduce(0) { $0 + ($1.object[path: ["status", f]]?.int ?? 0) } }
        let total = sum("replicas"), ready = sum("readyReplicas"), available = sum("availableReplicas")
        let updated = newRS.object[path: ["status", "replicas"]]?.int ?? 0
        let now = ctx.nowString
        let deadline = d.object[path: ["spec", "progressDeadlineSeconds"]]?.int ?? 600
        let revision = newRS.object[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]
        ctx.update(ctx.deployments, d) { o in
            if let revision { o[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] = revision }
            var st = o["status"] ?? .emptyObject
            let before = ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"].map { st[$0] }
            st["observedGeneration"] = o[path: ["metadata", "generation"]] ?? 1
            st["replicas"] = total == 0 ? nil : .int(total)
            st["updatedReplicas"] = updated == 0 ? nil : .int(updated)
            st["readyReplicas"] = ready == 0 ? nil : .int(ready)
            st["availableReplicas"] = available == 0 ? nil : .int(available)
            st["unavailableReplicas"] = max(0, total - available) == 0 ? nil : .int(max(0, total - available))
            let moved = before != ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"].map { st[$0] }
            o["status"] = st
            if available >= replicas - maxUnavailable {
                ControllerContext.setCondition(&o, "Available", "True", reason: "MinimumReplicasAvailable",
                                               message: "Deployment has minimum availability.", now: now, updateTime: true)
            } else {
                ControllerContext.setCondition(&o, "Available", "False", reason: "MinimumReplicasUnavailable",
                                               message: "Deployment does not have minimum availability.", now: now, updateTime: true)
            }
            let complete = updated == replicas && (newRS.object[path: ["status", "availableReplicas"]]?.int ?? 0) >= replicas
                && total == replicas
            let prev = ControllerContext.condition(o, "Progressing")
            let prevReason = prev?["reason"]?.string
            if complete {
                ControllerContext.setCondition(&o, "Progressing", "True", reason: "NewReplicaSetAvailable",
                                               message: "ReplicaSet \"\(newRS.name)\" has successfully progressed.", now: now, updateTime: true)
            } else if createdNew {
                ControllerContext.setCondition(&o, "Progressing", "True", reason: "NewReplicaSetCreated",
                                               message: "Created new replica set \"\(newRS.name)\"", now: now, updateTime: true, touch: true)
            } else if prevReason == "ProgressDeadlineExceeded" {
                return
            } else if !moved, prevReason != "NewReplicaSetAvailable",
                      let last = prev?["lastUpdateTime"]?.string.flatMap(KubeTime.parse), ctx.now - last > Double(deadline)
            {
                ControllerContext.setCondition(&o, "Progressing", "False", reason: "ProgressDeadlineExceeded",
                                               message: "ReplicaSet \"\(newRS.name)\" has timed out progressing.", now: now, updateTime: true)
            } else if prev == nil || moved || prevReason == "NewReplicaSetAvailable" {
                ControllerContext.setCondition(&o, "Progressing", "True", reason: "ReplicaSetUpdated",
                                               message: "ReplicaSet \"\(newRS.name)\" is progressing.", now: now, updateTime: true, touch: true)
            }
        }
    }
}
