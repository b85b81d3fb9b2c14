/// PersistentVolumeClaims: provisions a PV (`pvc-<uid>`) for each claim and binds both; deletes the PV
/// (reclaim policy Delete) when its claim is gone.
struct VolumeController {
    func run(_ ctx: ControllerContext) {
        let claims = ctx.list(ctx.pvcs)
        for pvc in claims where !ControllerContext.isDeleting(pvc.object) && pvc.object[path: ["status", "phase"]]?.string != "Bound" {
            bind(ctx, pvc)
        }
        var inUse: Set<String> = []
        for p in ctx.list(ctx.pods) where ControllerContext.isPodActive(p.object) {
            for v in p.object[path: ["spec", "volumes"]]?.array ?? [] {
                if let c = v[path: ["persistentVolumeClaim", "claimName"]]?.string { inUse.insert("\(p.namespace)/\(c)") }
            }
        }
        for pvc in claims where ControllerContext.isDeleting(pvc.object) && !inUse.contains("\(pvc.namespace)/\(pvc.name)") {
            VolumeController.dropFinalizer(ctx, ctx.pvcs, pvc, "kubernetes.io/pvc-protection")
        }
        let uids = Set(claims.map(\.uid))
        for pv in ctx.list(ctx.pvs) {
            if ControllerContext.isDeleting(pv.object) {
                VolumeController.dropFinalizer(ctx, ctx.pvs, pv, "kubernetes.io/pv-protection")
                continue
            }
            guard let claimUID = pv.object[path: ["spec", "claimRef", "uid"]]?.string, !uids.contains(claimUID) else { continue }
            if pv.object[path: ["spec", "persistentVolumeReclaimPolicy"]]?.string == "Delete" {
                ctx.delete(ctx.pvs, pv)
            } else if pv.object[path: ["status", "phase"]]?.string != "Released" {
                ctx.update(ctx.pvs, pv) { $0[path: ["status", "phase"]] = "Released" }
            }
        }
    }

    static func dropFinalizer(_ ctx: ControllerContext, _ t: ResourceType, _ s: StoredObject, _ name: String) {
        guard (s.object[path: ["metadata", "finalizers"]]?.array ?? []).contains(.string(name)) else { return }
        ctx.update(t, s) { o in
            let rest = (o[path: ["metadata", "finalizers"]]?.array ?? []).filter { $0 != .string(name) }
            o[path: ["metadata", "finalizers"]] = rest.isEmpty ? nil : .array(rest)
        }
    }

    func bind(_ ctx: ControllerContext, _ pvc: StoredObject) {
        let o = pvc.object
        let size = o[path: ["spec", "resources", "requests", "storage"]] ?? "1Gi"
        let modes = o[path: ["spec", "accessModes"]] ?? ["ReadWriteOnce"]
        let pvName = o[path: ["spec", "volumeName"]]?.string ?? "pvc-\(pvc.uid)"
        if ctx.get(ctx.pvs, "", pvName) == nil {
            let pv: JSON = [
                "metadata": ["name": .string(pvName), "annotations": ["pv.kubernetes.io/provisioned-by": "kubesim.io/local"],
                             "finalizers": ["kubernetes.io/pv-protection"]],
                "spec": ["capacity": ["storage": size], "accessModes": modes, "persistentVolumeReclaimPolicy": "Delete",
                         "storageClassName": o[path: ["spec", "storageClassName"]] ?? "standard", "volumeMode": o[path: ["spec", "volumeMode"]] ?? "Filesystem",
                         "hostPath": ["path": .string("/var/lib/kubesim/\(pvName)"), "type": ""],
                         "claimRef": ["kind": "PersistentVolumeClaim", "namespace": .string(pvc.namespace), "name": .string(pvc.name),
                                      "uid": .string(pvc.uid), "apiVersion": "v1", "resourceVersion": .string(String(pvc.resourceVersion))]],
                "status": ["phase": "Bound"],
            ]
            guard let created = ctx.create(ctx.pvs, pv) else { return }
            ctx.update(ctx.pvs, created) { $0[path: ["status", "phase"]] = "Bound" }
            ctx.event(ctx.pvcs, pvc, "Normal", "ProvisioningSucceeded", "Successfully provisioned volume \(pvName)",
                      component: "persistentvolume-controller")
        }
        ctx.update(ctx.pvcs, pvc) { o in
            o[path: ["spec", "volumeName"]] = .string(pvName)
            o[path: ["metadata", "annotations", "pv.kubernetes.io/bind-completed"]] = "yes"
            o[path: ["metadata", "annotations", "pv.kubernetes.io/bound-by-controller"]] = "yes"
            var fin = o[path: ["metadata", "finalizers"]]?.array ?? []
            if !fin.contains("kubernetes.io/pvc-protection") { fin.append("kubernetes.io/pvc-protection") }
            o[path: ["metadata", "finalizers"]] = .array(fin)
            o["status"] = ["phase": "Bound", "accessModes": modes, "capacity": ["storage": size]]
        }
    }
}
