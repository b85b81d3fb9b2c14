/// Namespaces: creates the `default` ServiceAccount in new namespaces; for terminating ones, deletes all
/// content after a short delay, reports the deletion conditions, and finalizes once the namespace is empty.
struct NamespaceController {
    func run(_ ctx: ControllerContext) {
        for ns in ctx.list(ctx.namespaces) {
            if !ControllerContext.isDeleting(ns.object) {
                if ctx.get(ctx.type("", "serviceaccounts"), ns.name, "default") == nil {
                    _ = try? ctx.cluster.store.write { (tx: inout Transaction) throws(KubeError) in
                        try ctx.cluster.createDefaultServiceAccount(&tx, namespace: ns.name)
                    }
                    ctx.flag.changed = true
                }
                continue
            }
            sweep(ctx, ns)
        }
    }

    func sweep(_ ctx: ControllerContext, _ ns: StoredObject) {
        guard let since = ns.object[path: ["metadata", "deletionTimestamp"]]?.string.flatMap(KubeTime.parse),
              ctx.now >= since + ctx.cluster.config.namespaceSweepDelay else { return }
        let registry = ctx.cluster.registry
        let present = Set(ctx.cluster.store.resources(inNamespace: ns.name))
        var remaining = 0
        var finalizersLeft = 0
        for t in registry.types where t.namespaced && present.contains(t.storeKey) {
            for obj in ctx.list(t, namespace: ns.name) {
                remaining += 1
                if !(obj.object[path: ["metadata", "finalizers"]]?.array ?? []).isEmpty { finalizersLeft += 1 }
                ctx.delete(t, obj)
            }
        }
        let now = ctx.nowString
        if remaining > 0 {
            ctx.update(ctx.namespaces, ns) { o in
                ControllerContext.setCondition(&o, "NamespaceContentRemaining", "True", reason: "SomeResourcesRemain",
                                               message: "Some resources are remaining: \(remaining) objects", now: now)
                ControllerContext.setCondition(&o, "NamespaceFinalizersRemaining", finalizersLeft > 0 ? "True" : "False",
                                               reason: finalizersLeft > 0 ? "SomeFinalizersRemain" : "ContentHasNoFinalizers",
                                               message: finalizersLeft > 0 ? "Some content in the namespace has finalizers remaining" : "All content-preserving finalizers finished",
                                               now: now)
            }
            return
        }
        // Empty: drop the "kubernetes" finalizer, then the namespace goes once no other finalizers remain.
        let specFinalizers = (ns.object[path: ["spec", "finalizers"]]?.array ?? []).filter { $0 != "kubernetes" }
        let metaFinalizers = ns.object[path: ["metadata", "finalizers"]]?.array ?? []
        if specFinalizers.isEmpty && metaFinalizers.isEmpty {
            ctx.remove(ctx.namespaces, ns)
        } else {
            ctx.update(ctx.namespaces, ns) { $0[path: ["spec", "finalizers"]] = specFinalizers.isEmpty ? nil : .array(specFinalizers) }
        }
    }
}
