/// Services → Endpoints and EndpointSlices from the pods their selector matches (ready addresses and
/// notReadyAddresses), plus a LoadBalancer ingress IP for `type: LoadBalancer`. Endpoints whose
/// Service is gone are deleted, as kube-controller-manager's endpoints controller does.
struct EndpointsController {
    /// Deletes Endpoints without a Service of the same name (the apiserver's own
    /// `default/kubernetes` and leader-election records in kube-system are left alone).
    func removeLeftovers(_ ctx: ControllerContext, _ services: [StoredObject]) {
        let names = Set(services.map { "\($0.namespace)/\($0.name)" })
        for ep in ctx.list(ctx.endpoints) where !names.contains("\(ep.namespace)/\(ep.name)") && !ControllerContext.isDeleting(ep.object) {
            if ep.namespace == "kube-system" || (ep.namespace == "default" && ep.name == "kubernetes") { continue }
            if ep.object[path: ["metadata", "annotations", "control-plane.alpha.kubernetes.io/leader"]] != nil { continue }
            ctx.delete(ctx.endpoints, ep)
        }
    }

    func run(_ ctx: ControllerContext) {
        let services = ctx.list(ctx.services)
        removeLeftovers(ctx, services)
        guard !services.isEmpty else { return }
        var podsByNS: [String: [StoredObject]] = [:]
        for p in ctx.list(ctx.pods) where ControllerContext.isPodActive(p.object) && p.object[path: ["status", "podIP"]] != nil {
            podsByNS[p.namespace, default: []].append(p)
        }
        for svc in services where !ControllerContext.isDeleting(svc.object) {
            let spec = svc.object["spec"]
            if spec?["type"]?.string == "LoadBalancer", (svc.object[path: ["status", "loadBalancer", "ingress"]]?.array ?? []).isEmpty {
                let ip = ctx.cluster.allocator.withLock { $0.loadBalancerIP() }
                ctx.update(ctx.services, svc) { $0[path: ["status", "loadBalancer"]] = ["ingress": [["ip": .string(ip), "ipMode": "VIP"]]] }
            }
            guard let selector = spec?["selector"]?.stringMap, !selector.isEmpty else { continue }
            let pods = (podsByNS[svc.namespace] ?? []).filter { p in selector.allSatisfy { p.labels[$0.key] == $0.value } }
                .sorted { $0.name < $1.name }
            syncEndpoints(ctx, svc, pods)
            syncSlice(ctx, svc, pods)
        }
    }

    func ports(_ svc: StoredObject, _ pod: StoredObject?) -> [JSON] {
        (svc.object[path: ["spec", "ports"]]?.array ?? []).map { p in
            var port = p["targetPort"] ?? p["port"] ?? 0
            if let named = port.string, let pod {
                let cp = (pod.object[path: ["spec", "containers"]]?.array ?? []).flatMap { $0["ports"]?.array ?? [] }
                    .first { $0["name"]?.string == named }?["containerPort"]
                port = cp ?? 0
            }
            var e: JSON = ["port": port, "protocol": p["protocol"] ?? "TCP"]
            if let n = p["name"]?.string, !n.isEmpty { e["name"] = .string(n) }
            return e
        }
    }

    func address(_ p: StoredObject) -> JSON {
        ["ip": p.object[path: ["status", "podIP"]] ?? "", "nodeName": p.object[path: ["spec", "nodeName"]] ?? "",
         "targetRef": ["kind": "Pod", "namespace": .string(p.namespace), "name": .string(p.name), "uid": .string(p.uid)]]
    }

    func syncEndpoints(_ ctx: ControllerContext, _ svc: StoredObject, _ pods: [StoredObject]) {
        let ready = pods.filter { ControllerContext.isPodReady($0.object) }
        let notReady = pods.filter { !ControllerContext.isPodReady($0.object) }
        var subsets: [JSON] = []
        if !pods.isEmpty {
            var s: JSON = ["ports": .array(ports(svc, pods.first))]
            if !ready.isEmpty { s["addresses"] = .array(ready.map(address)) }
            if !notReady.isEmpty { s["notReadyAddresses"] = .array(notReady.map(address)) }
            subsets.append(s)
        }
        let labels = svc.object[path: ["metadata", "labels"]] ?? .emptyObject
        if let ep = ctx.get(ctx.endpoints, svc.namespace, svc.name) {
            ctx.update(ctx.endpoints, ep) { o in
                if subsets.isEmpty { o["subsets"] = nil } else { o["subsets"] = .array(subsets) }
                o[path: ["metadata", "labels"]] = labels.object?.isEmpty == true ? nil : labels
            }
        } else {
            var ep: JSON = ["metadata": ["name": .string(svc.name), "namespace": .string(svc.namespace)]]
            if labels.object?.isEmpty == false { ep[path: ["metadata", "labels"]] = labels }
            if !subsets.isEmpty { ep["subsets"] = .array(subsets) }
            ctx.create(ctx.endpoints, ep)
        }
    }

    func syncSlice(_ ctx: ControllerContext, _ svc: StoredObject, _ pods: [StoredObject]) {
        let endpoints: [JSON] = pods.map { p in
            let ready = ControllerContext.isPodReady(p.object)
            return ["addresses": [p.object[path: ["status", "podIP"]] ?? ""],
                    "conditions": ["ready": .bool(ready), "serving": .bool(ready), "terminating": false],
                    "nodeName": p.object[path: ["spec", "nodeName"]] ?? "",
                    "targetRef": ["kind": "Pod", "namespace": .string(p.namespace), "name": .string(p.name), "uid": .string(p.uid)]]
        }
        let existing = ctx.list(ctx.slices, namespace: svc.namespace).first {
            $0.labels["kubernetes.io/service-name"] == svc.name && ControllerContext.controllerUID($0.object) == svc.uid
        }
        let ps = ports(svc, pods.first)
        if let existing {
            ctx.update(ctx.slices, existing) { o in
                o["endpoints"] = endpoints.isEmpty ? nil : .array(endpoints)
                o["ports"] = .array(ps)
            }
        } else {
            var slice: JSON = ["metadata": ["generateName": .string("\(svc.name)-"), "namespace": .string(svc.namespace),
                                            "labels": ["kubernetes.io/service-name": .string(svc.name),
                                                       "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"],
                                            "ownerReferences": [ControllerContext.ownerRef(ctx.services, svc)]],
                               "addressType": "IPv4", "ports": .array(ps)]
            if !endpoints.isEmpty { slice["endpoints"] = .array(endpoints) }
            ctx.create(ctx.slices, slice)
        }
    }
}
