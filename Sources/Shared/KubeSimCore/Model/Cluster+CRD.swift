extension Cluster {
    /// Serves the resources that CustomResourceDefinitions declare: registers their served versions,
    /// marks the CRDs Established, and forgets (and deletes the objects of) resources whose CRD is gone.
    func syncCustomResources() {
        let crdType = registry.lookup(group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions")!
        let crds = store.list(crdType.storeKey).items
        var wanted: [ResourceType] = []
        for crd in crds where crd.object[path: ["metadata", "deletionTimestamp"]] == nil {
            wanted.append(contentsOf: Cluster.customTypes(crd.object))
        }
        let builtin = Set(ResourceRegistry.builtin.types.map { "\($0.apiVersion)/\($0.plural)" })
        let (removed, changed) = registryBox.withLock { reg -> ([ResourceType], Bool) in
            let custom = reg.types.filter { !builtin.contains("\($0.apiVersion)/\($0.plural)") }
            let gone = custom.filter { c in !wanted.contains { $0.apiVersion == c.apiVersion && $0.plural == c.plural } }
            var changed = !gone.isEmpty
            for g in gone { reg.remove(group: g.group, version: g.version, plural: g.plural) }
            for w in wanted where reg.lookup(group: w.group, version: w.version, plural: w.plural) != w {
                reg.add(w)
                changed = true
            }
            return (gone, changed)
        }
        _ = changed
        for t in removed where registry.types.allSatisfy({ $0.storeKey != t.storeKey }) {
            _ = try? store.write { (tx: inout Transaction) throws(KubeError) in
                for o in tx.list(t.storeKey) { tx.remove(t.storeKey, ObjectKey(namespace: o.namespace, name: o.name)) }
            }
        }
        for crd in crds where crd.object[path: ["status", "acceptedNames"]] == nil && crd.object[path: ["metadata", "deletionTimestamp"]] == nil {
            _ = try? store.write { (tx: inout Transaction) throws(KubeError) in
                guard var o = tx.get(crdType.storeKey, ObjectKey(namespace: "", name: crd.name))?.object else { return }
                let now = KubeTime.format(clock.now)
                o[path: ["status", "acceptedNames"]] = o[path: ["spec", "names"]]
                o[path: ["status", "storedVersions"]] = .array((o[path: ["spec", "versions"]]?.array ?? [])
                    .filter { $0["storage"]?.bool == true }.compactMap { $0["name"] })
                o[path: ["status", "conditions"]] = [
                    ["type": "NamesAccepted", "status": "True", "reason": "NoConflicts", "message": "no conflicts found",
                     "lastTransitionTime": .string(now)],
                    ["type": "Established", "status": "True", "reason": "InitialNamesAccepted",
                     "message": "the initial names have been accepted", "lastTransitionTime": .string(now)],
                ]
                try tx.put(crdType.storeKey, o)
            }
        }
    }

    static func customTypes(_ crd: JSON) -> [ResourceType] {
        guard let group = crd[path: ["spec", "group"]]?.string, let names = crd[path: ["spec", "names"]],
              let plural = names["plural"]?.string, let kind = names["kind"]?.string else { return [] }
        return (crd[path: ["spec", "versions"]]?.array ?? []).filter { $0["served"]?.bool != false }.compactMap { v in
            guard let version = v["name"]?.string else { return nil }
            var subs: [String] = []
            if v[path: ["subresources", "status"]] != nil { subs.append("status") }
            if v[path: ["subresources", "scale"]] != nil { subs.append("scale") }
            return ResourceType(group: group, version: version, plural: plural, singular: names["singular"]?.string ?? kind.lowercased(),
                                kind: kind, namespaced: crd[path: ["spec", "scope"]]?.string != "Cluster",
                                shortNames: (names["shortNames"]?.array ?? []).compactMap(\.string),
                                categories: (names["categories"]?.array ?? []).compactMap(\.string), subresources: subs,
                                tracksGeneration: true, allowsUnconditionalUpdate: false)
        }
    }
}
