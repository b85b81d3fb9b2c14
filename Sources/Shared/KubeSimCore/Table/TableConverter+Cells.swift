extension TableConverter {
    func age(_ o: JSON, _ field: [String] = ["metadata", "creationTimestamp"]) -> JSON {
        guard let s = o[path: field]?.string, let t = KubeTime.parse(s) else { return "<unknown>" }
        return .string(KubeTime.age(now - t))
    }

    func podContainers(_ spec: JSON?) -> (names: JSON, images: JSON) {
        let cs = spec?["containers"]?.array ?? []
        return (.string(cs.compactMap { $0["name"]?.string }.joined(separator: ",")),
                .string(cs.compactMap { $0["image"]?.string }.joined(separator: ",")))
    }

    func selector(_ o: JSON?) -> JSON {
        let s = LabelSelector(object: o).description
        return .string(s.isEmpty ? "<none>" : s)
    }

    func int(_ v: JSON?) -> JSON { .int(v?.int ?? 0) }

    func cells(_ kind: String, _ o: JSON) -> [JSON] {
        let name: JSON = o[path: ["metadata", "name"]] ?? ""
        let spec = o["spec"], status = o["status"]
        switch kind {
        case "Pod": return podCells(o)
        case "Deployment":
            let (n, i) = podContainers(spec?[path: ["template", "spec"]])
            return [name, .string("\(status?["readyReplicas"]?.int ?? 0)/\(spec?["replicas"]?.int ?? 0)"), int(status?["updatedReplicas"]),
                    int(status?["availableReplicas"]), age(o), n, i, selector(spec?["selector"])]
        case "ReplicaSet", "ReplicationController":
            let (n, i) = podContainers(spec?[path: ["template", "spec"]])
            return [name, int(spec?["replicas"]), int(status?["replicas"]), int(status?["readyReplicas"]), age(o), n, i,
                    selector(spec?["selector"])]
        case "StatefulSet":
            let (n, i) = podContainers(spec?[path: ["template", "spec"]])
            return [name, .string("\(status?["readyReplicas"]?.int ?? 0)/\(spec?["replicas"]?.int ?? 0)"), age(o), n, i]
        case "DaemonSet":
            let (n, i) = podContainers(spec?[path: ["template", "spec"]])
            let ns = spec?[path: ["template", "spec", "nodeSelector"]]?.stringMap ?? [:]
            return [name, int(status?["desiredNumberScheduled"]), int(status?["currentNumberScheduled"]), int(status?["numberReady"]),
                    int(status?["updatedNumberScheduled"]), int(status?["numberAvailable"]),
                    .string(ns.isEmpty ? "<none>" : ns.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")),
                    age(o), n, i, selector(spec?["selector"])]
        case "Job":
            let (n, i) = podContainers(spec?[path: ["template", "spec"]])
            let conds = status?["conditions"]?.array ?? []
            func has(_ t: String) -> Bool { conds.contains { $0["type"]?.string == t && $0["status"]?.string == "True" } }
            let st = has("Complete") ? "Complete" : has("Failed") ? "Failed" : spec?["suspend"]?.bool == true ? "Suspended" : "Running"
            var duration: JSON = ""
            if let s = status?["startTime"]?.string, let start = KubeTime.parse(s) {
                let end = status?["completionTime"]?.string.flatMap(KubeTime.parse) ?? now
                duration = .string(KubeTime.age(end - start))
            }
            return [name, .string(st), .string("\(status?["succeeded"]?.int ?? 0)/\(spec?["completions"]?.int ?? 1)"), duration, age(o),
                    n, i, selector(spec?["selector"])]
        case "CronJob":
            let (n, i) = podContainers(spec?[path: ["jobTemplate", "spec", "template", "spec"]])
            return [name, spec?["schedule"] ?? "", spec?["timeZone"] ?? "<none>", .bool(spec?["suspend"]?.bool ?? false),
                    .num(status?["active"]?.array?.count ?? 0),
                    status?["lastScheduleTime"] != nil ? age(o, ["status", "lastScheduleTime"]) : "<none>", age(o), n, i,
                    selector(spec?[path: ["jobTemplate", "spec", "selector"]])]
        case "Service": return serviceCells(o)
        case "Namespace": return [name, status?["phase"] ?? "", age(o)]
        case "ConfigMap": return [name, .num((o["data"]?.object?.count ?? 0) + (o["binaryData"]?.object?.count ?? 0)), age(o)]
        case "Secret": return [name, o["type"] ?? "Opaque", .num(o["data"]?.object?.count ?? 0), age(o)]
        case "ServiceAccount": return [name, .num(o["secrets"]?.array?.count ?? 0), age(o)]
        case "Node":
            let ready = (status?["conditions"]?.array ?? []).first { $0["type"]?.string == "Ready" }
            var st = ready?["status"]?.string == "True" ? "Ready" : ready == nil ? "Unknown" : "NotReady"
            if spec?["unschedulable"]?.bool == true { st += ",SchedulingDisabled" }
            let roles = (o[path: ["metadata", "labels"]]?.stringMap ?? [:]).keys
                .filter { $0.hasPrefix("node-role.kubernetes.io/") }.map { String($0.dropFirst(24)) }.sorted()
            let addr = status?["addresses"]?.array ?? []
            func ip(_ t: String) -> JSON { addr.first { $0["type"]?.string == t }?["address"] ?? "<none>" }
            let info = status?["nodeInfo"]
            return [name, .string(st), .string(roles.isEmpty ? "<none>" : roles.joined(separator: ",")), age(o),
                    info?["kubeletVersion"] ?? "", ip("InternalIP"), ip("ExternalIP"), info?["osImage"] ?? "",
                    info?["kernelVersion"] ?? "", info?["containerRuntimeVersion"] ?? ""]
        case "Endpoints":
            var eps: [String] = []
            for s in o["subsets"]?.array ?? [] {
                let ports = (s["ports"]?.array ?? []).compactMap { $0["port"]?.int }
                for a in s["addresses"]?.array ?? [] {
                    let ip = a["ip"]?.string ?? ""
                    if ports.isEmpty { eps.append(ip) } else { for p in ports { eps.append("\(ip):\(p)") } }
                }
            }
            let shown = eps.count > 3 ? eps.prefix(3).joined(separator: ",") + " + \(eps.count - 3) more..." : eps.joined(separator: ",")
            return [name, .string(eps.isEmpty ? "<none>" : shown), age(o)]
        case "EndpointSlice":
            let ports = (o["ports"]?.array ?? []).compactMap { $0["port"]?.int }.map(String.init)
            let addrs = (o["endpoints"]?.array ?? []).flatMap { ($0["addresses"]?.array ?? []).compactMap(\.string) }
            return [name, o["addressType"] ?? "", .string(ports.isEmpty ? "<unset>" : ports.joined(separator: ",")),
                    .string(addrs.isEmpty ? "<unset>" : addrs.joined(separator: ",")), age(o)]
        case "PersistentVolumeClaim":
            return [name, status?["phase"] ?? "", spec?["volumeName"] ?? "", status?[path: ["capacity", "storage"]] ?? "",
                    .string(accessModes(status?["accessModes"] ?? spec?["accessModes"])), spec?["storageClassName"] ?? "",
                    "<unset>", age(o), spec?["volumeMode"] ?? "Filesystem"]
        case "PersistentVolume":
            let claim = spec?["claimRef"].map { "\($0["namespace"]?.string ?? "")/\($0["name"]?.string ?? "")" } ?? ""
            return [name, spec?[path: ["capacity", "storage"]] ?? "", .string(accessModes(spec?["accessModes"])),
                    spec?["persistentVolumeReclaimPolicy"] ?? "", status?["phase"] ?? "", .string(claim),
                    spec?["storageClassName"] ?? "", "<unset>", status?["reason"] ?? "", age(o), spec?["volumeMode"] ?? "Filesystem"]
        case "Event":
            let io = o["involvedObject"]
            let obj = "\((io?["kind"]?.string ?? "").lowercased())/\(io?["name"]?.string ?? "")"
            let last = o["lastTimestamp"]?.string != nil ? age(o, ["lastTimestamp"]) : age(o, ["eventTime"])
            return [last, o["type"] ?? "", o["reason"] ?? "", .string(obj), io?["fieldPath"] ?? "",
                    .string(o[path: ["source", "component"]]?.string ?? o["reportingComponent"]?.string ?? ""),
                    o["message"] ?? "", age(o, ["firstTimestamp"]), int(o["count"]), name]
        case "StorageClass":
            return [name, o["provisioner"] ?? "", o["reclaimPolicy"] ?? "Delete", o["volumeBindingMode"] ?? "Immediate",
                    .string(o["allowVolumeExpansion"]?.bool == true ? "true" : "false"), age(o)]
        case "ControllerRevision":
            let owner = (o[path: ["metadata", "ownerReferences"]]?.array ?? []).first
            let ctrl = owner.map { "\(($0["kind"]?.string ?? "").lowercased()).apps/\($0["name"]?.string ?? "")" } ?? "<none>"
            return [name, .string(ctrl), int(o["revision"]), age(o)]
        case "Lease": return [name, spec?["holderIdentity"] ?? "", age(o)]
        case "Ingress":
            let hosts = (spec?["rules"]?.array ?? []).compactMap { $0["host"]?.string }
            return [name, spec?["ingressClassName"] ?? "<none>", .string(hosts.isEmpty ? "*" : hosts.joined(separator: ",")),
                    "", "80", age(o)]
        case "PodDisruptionBudget":
            return [name, .string(spec?["minAvailable"].map { $0.string ?? "\($0.int ?? 0)" } ?? "N/A"),
                    .string(spec?["maxUnavailable"].map { $0.string ?? "\($0.int ?? 0)" } ?? "N/A"),
                    int(status?["disruptionsAllowed"]), age(o)]
        case "Role", "ClusterRole": return [name, o[path: ["metadata", "creationTimestamp"]] ?? ""]
        case "RoleBinding", "ClusterRoleBinding":
            let subjects = o["subjects"]?.array ?? []
            func list(_ k: String) -> JSON {
                .string(subjects.filter { $0["kind"]?.string == k }.compactMap { s in
                    k == "ServiceAccount" ? "\(s["namespace"]?.string ?? "")/\(s["name"]?.string ?? "")" : s["name"]?.string
                }.joined(separator: ","))
            }
            return [name, .string("\(o[path: ["roleRef", "kind"]]?.string ?? "")/\(o[path: ["roleRef", "name"]]?.string ?? "")"), age(o),
                    list("User"), list("Group"), list("ServiceAccount")]
        default: return [name, age(o)]
        }
    }

    func accessModes(_ v: JSON?) -> String {
        (v?.array ?? []).compactMap(\.string).map { m -> String in
            switch m {
            case "ReadWriteOnce": return "RWO"
            case "ReadOnlyMany": return "ROX"
            case "ReadWriteMany": return "RWX"
            case "ReadWriteOncePod": return "RWOP"
            default: return m
            }
        }.joined(separator: ",")
    }

    func podCells(_ o: JSON) -> [JSON] {
        let status = o["status"]
        var reason = status?["phase"]?.string ?? ""
        if let r = status?["reason"]?.string, !r.isEmpty { reason = r }
        var restarts: Int64 = 0
        var ready = 0
        var lastRestart: Double?
        var hasRunning = false
        for c in (status?["containerStatuses"]?.array ?? []).reversed() {
            restarts += c["restartCount"]?.int ?? 0
            if let f = c[path: ["lastState", "terminated", "finishedAt"]]?.string, let t = KubeTime.parse(f) { lastRestart = max(lastRestart ?? 0, t) }
            if let w = c[path: ["state", "waiting", "reason"]]?.string, !w.isEmpty {
                reason = w
            } else if let term = c[path: ["state", "terminated"]] {
                if let r = term["reason"]?.string, !r.isEmpty { reason = r } else { reason = "ExitCode:\(term["exitCode"]?.int ?? 0)" }
            } else if c["ready"]?.bool == true, c[path: ["state", "running"]] != nil {
                hasRunning = true
                ready += 1
            }
        }
        if reason == "Completed" && hasRunning { reason = "Running" }
        let phase = status?["phase"]?.string
        if o[path: ["metadata", "deletionTimestamp"]] != nil && phase != "Succeeded" && phase != "Failed" { reason = "Terminating" }
        var restartStr = String(restarts)
        if restarts != 0, let lr = lastRestart { restartStr = "\(restarts) (\(KubeTime.age(now - lr)) ago)" }
        let total = o[path: ["spec", "containers"]]?.array?.count ?? 0
        let ip = status?["podIPs"]?.array?.first?["ip"]?.string ?? status?["podIP"]?.string ?? "<none>"
        return [o[path: ["metadata", "name"]] ?? "", .string("\(ready)/\(total)"), .string(reason), .string(restartStr), age(o),
                .string(ip), .string(o[path: ["spec", "nodeName"]]?.string ?? "<none>"),
                .string(status?["nominatedNodeName"]?.string ?? "<none>"), "<none>"]
    }

    func serviceCells(_ o: JSON) -> [JSON] {
        let spec = o["spec"]
        let type = spec?["type"]?.string ?? "ClusterIP"
        var external = "<none>"
        let ingress = (o[path: ["status", "loadBalancer", "ingress"]]?.array ?? []).compactMap { $0["ip"]?.string ?? $0["hostname"]?.string }
        let eips = (spec?["externalIPs"]?.array ?? []).compactMap(\.string)
        switch type {
        case "LoadBalancer":
            let all = ingress + eips
            external = all.isEmpty ? "<pending>" : all.joined(separator: ",")
        case "ExternalName": external = spec?["externalName"]?.string ?? "<none>"
        default: if !eips.isEmpty { external = eips.joined(separator: ",") }
        }
        let ports = (spec?["ports"]?.array ?? []).map { p -> String in
            let port = p["port"]?.int ?? 0
            let proto = p["protocol"]?.string ?? "TCP"
            if let np = p["nodePort"]?.int { return "\(port):\(np)/\(proto)" }
            return "\(port)/\(proto)"
        }
        let sel = spec?["selector"]?.stringMap ?? [:]
        return [o[path: ["metadata", "name"]] ?? "", .string(type), spec?["clusterIP"] ?? "<none>", .string(external),
                .string(ports.isEmpty ? "<none>" : ports.joined(separator: ",")), age(o),
                .string(sel.isEmpty ? "<none>" : sel.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))]
    }
}
