extension Cluster {
    /// Creates an object from a client request (POST): admission, defaulting, validation, storage.
    public func create(_ t: ResourceType, namespace: String, _ body: JSON, _ opts: WriteOptions) throws(KubeError)
        -> (object: StoredObject, warnings: [String])
    {
        var obj = body
        try checkTypeMeta(t, &obj)
        let warnings = try validateFields(t, obj, opts)
        if t.namespaced {
            if let ns = obj[path: ["metadata", "namespace"]]?.string, !ns.isEmpty, ns != namespace {
                throw KubeError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            obj[path: ["metadata", "namespace"]] = .string(namespace)
        } else {
            obj[path: ["metadata", "namespace"]] = nil
        }
        var name = obj[path: ["metadata", "name"]]?.string ?? ""
        if name.isEmpty, let gen = obj[path: ["metadata", "generateName"]]?.string, !gen.isEmpty {
            name = gen + randomSuffix()
            obj[path: ["metadata", "name"]] = .string(name)
        }
        if name.isEmpty {
            throw KubeError.invalid(t, "", [("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")])
        }
        try validateObject(t, obj)
        let manager = opts.fieldManager
        let stored = try store.write { (tx: inout Transaction) throws(KubeError) -> StoredObject in
            if t.namespaced { try self.admitNamespace(&tx, t, namespace: namespace, name: name) }
            if tx.get(t.storeKey, ObjectKey(namespace: t.namespaced ? namespace : "", name: name)) != nil {
                throw KubeError.alreadyExists(t, name)
            }
            var o = obj
            try self.prepareNew(&tx, t, &o)
            if !manager.isEmpty { ManagedFields.recordUpdate(&o, old: nil, manager: manager, apiVersion: t.apiVersion, time: self.nowString, schemas: self.schemas, kind: t.kind) }
            if opts.dryRun { return StoredObject(object: o, resourceVersion: tx.resourceVersion) }
            return try tx.put(t.storeKey, o)
        }
        return (stored, warnings)
    }

    /// Checks `kind`/`apiVersion` of a request body against the URL, then strips them for storage.
    func checkTypeMeta(_ t: ResourceType, _ obj: inout JSON) throws(KubeError) {
        guard obj.object != nil else { throw KubeError.badRequest("the body of the request must be an object") }
        if let k = obj["kind"]?.string, !k.isEmpty, k != t.kind {
            throw KubeError.badRequest("the API version in the data (\(obj["apiVersion"]?.string ?? "")) does not match the expected API version (\(t.apiVersion))")
        }
        if let av = obj["apiVersion"]?.string, !av.isEmpty, av != t.apiVersion {
            throw KubeError.badRequest("the API version in the data (\(av)) does not match the expected API version (\(t.apiVersion))")
        }
        obj["kind"] = nil
        obj["apiVersion"] = nil
    }

    /// Strict/Warn field validation against the schemas; returns warnings.
    func validateFields(_ t: ResourceType, _ obj: JSON, _ opts: WriteOptions) throws(KubeError) -> [String] {
        guard opts.fieldValidation != "Ignore", let schemas else { return [] }
        var full = obj
        full["kind"] = nil
        full["apiVersion"] = nil
        let unknown = schemas.unknownFields(full, apiVersion: t.apiVersion, kind: t.kind).sorted()
        guard !unknown.isEmpty else { return [] }
        if opts.fieldValidation == "Strict" {
            let list = unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
            throw KubeError.badRequest("\(t.kind) in version \"\(t.version)\" cannot be handled as a \(t.kind): strict decoding error: \(list)")
        }
        return unknown.map { "unknown field \"\($0)\"" }
    }

    /// Minimal semantic validation the clients rely on.
    func validateObject(_ t: ResourceType, _ obj: JSON) throws(KubeError) {
        let name = obj[path: ["metadata", "name"]]?.string ?? ""
        if name.count > 253 || name.contains("/") || name.contains("%") {
            throw KubeError.invalid(t, name, [("FieldValueInvalid", "metadata.name", "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")])
        }
        switch t.kind {
        case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet":
            let sel = LabelSelector(object: obj[path: ["spec", "selector"]])
            if sel.requirements.isEmpty {
                throw KubeError.invalid(t, name, [("FieldValueRequired", "spec.selector", "Required value")])
            }
            let labels = obj[path: ["spec", "template", "metadata", "labels"]]?.stringMap ?? [:]
            if !sel.matches(labels) {
                throw KubeError.invalid(t, name, [("FieldValueInvalid", "spec.template.metadata.labels",
                    "Invalid value: \(JSON.stringMap(labels).text): `selector` does not match template `labels`")])
            }
            if (obj[path: ["spec", "template", "spec", "containers"]]?.array ?? []).isEmpty {
                throw KubeError.invalid(t, name, [("FieldValueRequired", "spec.template.spec.containers", "Required value")])
            }
        case "Pod":
            if (obj[path: ["spec", "containers"]]?.array ?? []).isEmpty {
                throw KubeError.invalid(t, name, [("FieldValueRequired", "spec.containers", "Required value")])
            }
        default: break
        }
    }

    /// Namespace lifecycle admission: the namespace must exist and must not be terminating.
    func admitNamespace(_ tx: inout Transaction, _ t: ResourceType, namespace: String, name: String) throws(KubeError) {
        guard let ns = tx.get("/namespaces", ObjectKey(namespace: "", name: namespace)) else {
            throw KubeError.notFound(namespaceType, namespace)
        }
        if ns.object[path: ["metadata", "deletionTimestamp"]] != nil || ns.object[path: ["status", "phase"]]?.string == "Terminating" {
            throw KubeError.namespaceTerminating(t, name, namespace: namespace)
        }
    }

    var namespaceType: ResourceType { registry.lookup(group: "", version: "v1", plural: "namespaces")! }

    /// Server-set metadata and defaults for a new object (also used by controllers).
    func prepareNew(_ tx: inout Transaction, _ t: ResourceType, _ o: inout JSON) throws(KubeError) {
        o[path: ["metadata", "uid"]] = .string(newUID())
        o[path: ["metadata", "creationTimestamp"]] = .string(nowString)
        o[path: ["metadata", "resourceVersion"]] = nil
        o[path: ["metadata", "deletionTimestamp"]] = nil
        o[path: ["metadata", "deletionGracePeriodSeconds"]] = nil
        o[path: ["metadata", "selfLink"]] = nil
        if t.tracksGeneration { o[path: ["metadata", "generation"]] = 1 } else { o[path: ["metadata", "generation"]] = nil }
        if t.hasStatusSubresource && t.kind != "Namespace" && t.kind != "Pod" && t.kind != "PersistentVolumeClaim" {
            o["status"] = nil
        }
        if t.kind == "Job" {
            let uid = o[path: ["metadata", "uid"]]!
            if o[path: ["spec", "selector"]] == nil {
                o[path: ["spec", "selector", "matchLabels", "batch.kubernetes.io/controller-uid"]] = uid
            }
            let name = o[path: ["metadata", "name"]] ?? ""
            for (k, v) in [("batch.kubernetes.io/controller-uid", uid), ("batch.kubernetes.io/job-name", name),
                           ("controller-uid", uid), ("job-name", name)]
            {
                o[path: ["spec", "template", "metadata", "labels", k]] = v
            }
        }
        if t.kind == "PersistentVolumeClaim", o[path: ["spec", "storageClassName"]] == nil {
            o[path: ["spec", "storageClassName"]] = "standard"
        }
        Defaulting.apply(t.kind, &o)
        if t.kind == "Service" { try allocateServiceAddresses(&o, old: nil) }
    }

    /// Allocates `clusterIP(s)` and node ports for a Service.
    func allocateServiceAddresses(_ o: inout JSON, old: JSON?) throws(KubeError) {
        let type = o[path: ["spec", "type"]]?.string ?? "ClusterIP"
        if type == "ExternalName" { return }
        if let oldIP = old?[path: ["spec", "clusterIP"]], o[path: ["spec", "clusterIP"]] == nil || o[path: ["spec", "clusterIP"]]?.string == "" {
            o[path: ["spec", "clusterIP"]] = oldIP
        }
        let requested = o[path: ["spec", "clusterIP"]]?.string ?? ""
        if requested.isEmpty {
            let ip = allocator.withLock { $0.allocateClusterIP() }
            o[path: ["spec", "clusterIP"]] = .string(ip)
        } else if requested != "None", old == nil {
            let ok = allocator.withLock { $0.reserveClusterIP(requested) }
            if !ok, Allocator.parse(requested) != nil, requested != "10.96.0.1" {
                throw KubeError.invalid(serviceType, o[path: ["metadata", "name"]]?.string ?? "", [("FieldValueInvalid", "spec.clusterIPs",
                    "Invalid value: []string{\"\(requested)\"}: failed to allocate IP \(requested): provided IP is already allocated")])
            }
        }
        o[path: ["spec", "clusterIPs"]] = [o[path: ["spec", "clusterIP"]] ?? "None"]
        if type == "NodePort" || type == "LoadBalancer", var ports = o[path: ["spec", "ports"]]?.array {
            let oldPorts = old?[path: ["spec", "ports"]]?.array ?? []
            for i in ports.indices where ports[i]["nodePort"] == nil {
                if let prev = oldPorts.first(where: { $0["port"] == ports[i]["port"] })?["nodePort"] {
                    ports[i]["nodePort"] = prev
                } else {
                    ports[i]["nodePort"] = .num(allocator.withLock { $0.allocateNodePort() })
                }
            }
            o[path: ["spec", "ports"]] = .array(ports)
        }
    }

    var serviceType: ResourceType { registry.lookup(group: "", version: "v1", plural: "services")! }
}
