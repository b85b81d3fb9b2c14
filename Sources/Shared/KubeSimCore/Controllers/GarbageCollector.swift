/// Garbage collection by ownerReferences: deletes dependents whose owners are all gone (background),
/// deletes blocking dependents of owners in foreground deletion and then releases the owner, and strips
/// ownerReferences from dependents of owners deleted with the orphan policy.
struct GarbageCollector {
    func run(_ ctx: ControllerContext) {
        let registry = ctx.cluster.registry
        var live: [String: (ResourceType, StoredObject)] = [:]
        var all: [(ResourceType, StoredObject)] = []
        // Events expire after an hour, as the apiserver's event TTL does.
        let events = ctx.events
        for e in ctx.list(events) {
            let last = e.object["lastTimestamp"]?.string ?? e.object[path: ["metadata", "creationTimestamp"]]?.string
            if let t = last.flatMap(KubeTime.parse), ctx.now - t > 3600 { ctx.remove(events, e) }
        }
        for t in registry.types where t.kind != "Event" {
            for o in ctx.list(t) {
                live[o.uid] = (t, o)
                all.append((t, o))
            }
        }
        var dependents: [String: [(ResourceType, StoredObject)]] = [:]
        for (t, o) in all {
            let refs = o.object[path: ["metadata", "ownerReferences"]]?.array ?? []
            guard !refs.isEmpty else { continue }
            for r in refs { if let uid = r["uid"]?.string { dependents[uid, default: []].append((t, o)) } }
            // Background: every owner is gone.
            let owners = refs.compactMap { $0["uid"]?.string }
            if owners.allSatisfy({ live[$0] == nil }) && !ControllerContext.isDeleting(o.object) {
                ctx.delete(t, o)
            }
        }
        for (t, o) in all where ControllerContext.isDeleting(o.object) {
            let finalizers = (o.object[path: ["metadata", "finalizers"]]?.array ?? []).compactMap(\.string)
            let deps = dependents[o.uid] ?? []
            if finalizers.contains("orphan") {
                for (dt, d) in deps {
                    ctx.update(dt, d) { obj in
                        let rest = (obj[path: ["metadata", "ownerReferences"]]?.array ?? []).filter { $0["uid"]?.string != o.uid }
                        obj[path: ["metadata", "ownerReferences"]] = rest.isEmpty ? nil : .array(rest)
                    }
                }
                removeFinalizer(ctx, t, o, "orphan")
            } else if finalizers.contains("foregroundDeletion") {
                let blocking = deps.filter { _, d in
                    (d.object[path: ["metadata", "ownerReferences"]]?.array ?? []).contains {
                        $0["uid"]?.string == o.uid && $0["blockOwnerDeletion"]?.bool == true
                    }
                }
                for (dt, d) in deps where !ControllerContext.isDeleting(d.object) {
                    ctx.delete(dt, d, policy: "Foreground")
                }
                if blocking.isEmpty { removeFinalizer(ctx, t, o, "foregroundDeletion") }
            }
        }
    }

    func removeFinalizer(_ ctx: ControllerContext, _ t: ResourceType, _ o: StoredObject, _ name: String) {
        ctx.update(t, o) { obj in
            let rest = (obj[path: ["metadata", "finalizers"]]?.array ?? []).filter { $0.string != name }
            obj[path: ["metadata", "finalizers"]] = rest.isEmpty ? nil : .array(rest)
        }
    }
}
