/// The simulated kubelet (kwok's "general" pod stages on the virtual clock): ContainerCreating → image pull
/// → Running → Ready, with faults (ErrImagePull/ImagePullBackOff, CrashLoopBackOff, OOMKilled, readiness that
/// never comes, slow starts), Job pods that complete, container logs, Events and graceful termination.
struct Kubelet {
    func run(_ ctx: ControllerContext) {
        for pod in ctx.list(ctx.pods) where pod.object[path: ["spec", "nodeName"]] != nil {
            if ControllerContext.isDeleting(pod.object) {
                terminate(ctx, pod)
                continue
            }
            let phase = pod.object[path: ["status", "phase"]]?.string
            if phase == "Succeeded" || phase == "Failed" { continue }
            sync(ctx, pod)
        }
    }

    func terminate(_ ctx: ControllerContext, _ pod: StoredObject) {
        let o = pod.object
        guard let ts = o[path: ["metadata", "deletionTimestamp"]]?.string.flatMap(KubeTime.parse) else { return }
        let grace = Double(o[path: ["metadata", "deletionGracePeriodSeconds"]]?.int ?? 0)
        let requested = ts - grace
        guard ctx.now >= requested + min(grace, ctx.cluster.config.podTerminationSeconds) else { return }
        if (o[path: ["metadata", "finalizers"]]?.array ?? []).isEmpty {
            ctx.remove(ctx.pods, pod)
        }
    }

    struct Effects {
        var crash: FaultRule?
        var readinessNever = false
        var slow = 0.0
        var pullFails = false
    }

    func sync(_ ctx: ControllerContext, _ pod: StoredObject) {
        let cfg = ctx.cluster.config
        let rules = ctx.cluster.faults.podEffects(pod.object)
        var fx = Effects()
        for r in rules {
            switch r.effect {
            case .crashLoop, .oomKilled: fx.crash = r
            case .readinessNever: fx.readinessNever = true
            case .slowStart: fx.slow += r.seconds ?? 10
            case .imagePullFailure: fx.pullFails = true
            default: break
            }
        }
        let containers = pod.object[path: ["spec", "containers"]]?.array ?? []
        let now = ctx.now, nowS = ctx.nowString
        guard let startS = pod.object[path: ["status", "startTime"]]?.string, let start = KubeTime.parse(startS),
              let statuses = pod.object[path: ["status", "containerStatuses"]]?.array, statuses.count == containers.count
        else {
            let ip = ctx.cluster.allocator.withLock { $0.podIP() }
            let node = ctx.get(ctx.nodes, "", pod.object[path: ["spec", "nodeName"]]?.string ?? "")
            let hostIP = node?.object[path: ["status", "addresses"]]?.array?.first?["address"] ?? "172.18.0.2"
            ctx.update(ctx.pods, pod) { o in
                o[path: ["status", "phase"]] = "Pending"
                o[path: ["status", "hostIP"]] = hostIP
                o[path: ["status", "hostIPs"]] = [["ip": hostIP]]
                o[path: ["status", "podIP"]] = .string(ip)
                o[path: ["status", "podIPs"]] = [["ip": .string(ip)]]
                o[path: ["status", "startTime"]] = .string(nowS)
                o[path: ["status", "containerStatuses"]] = .array(containers.map { c in
                    ["name": c["name"] ?? "", "image": c["image"] ?? "", "imageID": "", "ready": false, "restartCount": 0,
                     "started": false, "state": ["waiting": ["reason": "ContainerCreating"]], "lastState": .emptyObject]
                })
                Kubelet.setConditions(&o, now: nowS)
            }
            for c in containers {
                ctx.event(ctx.pods, pod, "Normal", "Pulling", "Pulling image \"\(c["image"]?.string ?? "")\"", component: "kubelet",
                          fieldPath: "spec.containers{\(c["name"]?.string ?? "")}")
            }
            return
        }
        let pulled = start + cfg.pullSeconds + fx.slow
        let restartPolicy = pod.object[path: ["spec", "restartPolicy"]]?.string ?? "Always"
        let isJob = (pod.object[path: ["metadata", "ownerReferences"]]?.array ?? []).contains { $0["kind"]?.string == "Job" }
        var newStatuses = statuses
        var events: [(String, String, String, String)] = []
        for (i, c) in containers.enumerated() {
            let name = c["name"]?.string ?? ""
            let image = c["image"]?.string ?? ""
            var s = statuses[i]
            let waiting = s[path: ["state", "waiting", "reason"]]?.string
            let field = "spec.containers{\(name)}"
            if waiting == "ContainerCreating", now >= pulled {
                if fx.pullFails || FaultInjector.isUnpullable(image) {
                    let msg = Kubelet.pullError(image)
                    s["state"] = ["waiting": ["reason": "ErrImagePull", "message": .string(msg)]]
                    events.append(("Warning", "Failed", "Failed to pull image \"\(image)\": \(msg)", field))
                    events.append(("Warning", "Failed", "Error: ErrImagePull", field))
                } else {
                    s = startContainer(ctx, pod, s, name: name, image: image, now: nowS)
                    events.append(("Normal", "Pulled", "Successfully pulled image \"\(image)\" in \(Int(cfg.pullSeconds * 1000))ms", field))
                    events.append(("Normal", "Created", "Created container \(name)", field))
                    events.append(("Normal", "Started", "Started container \(name)", field))
                }
            } else if waiting == "ErrImagePull", now >= pulled + 1 {
                s["state"] = ["waiting": ["reason": "ImagePullBackOff", "message": .string("Back-off pulling image \"\(image)\"")]]
                events.append(("Normal", "BackOff", "Back-off pulling image \"\(image)\"", field))
                events.append(("Warning", "Failed", "Error: ImagePullBackOff", field))
            } else if waiting == "CrashLoopBackOff" {
                let restarts = s["restartCount"]?.int ?? 0
                let finished = s[path: ["lastState", "terminated", "finishedAt"]]?.string.flatMap(KubeTime.parse) ?? now
                let backoff = min(300, 10 * pow2(restarts - 1))
                if now >= finished + backoff {
                    ctx.cluster.logs.rotate(uid: pod.uid, container: name)
                    s = startContainer(ctx, pod, s, name: name, image: image, now: nowS)
                    events.append(("Normal", "Started", "Started container \(name)", field))
                }
            } else if let started = s[path: ["state", "running", "startedAt"]]?.string.flatMap(KubeTime.parse) {
                if let crash = fx.crash, now >= started + (crash.seconds ?? 1) {
                    let oom = crash.effect == .oomKilled
                    let term: JSON = ["exitCode": oom ? 137 : 1, "reason": oom ? "OOMKilled" : "Error",
                                      "startedAt": s[path: ["state", "running", "startedAt"]] ?? .string(nowS), "finishedAt": .string(nowS),
                                      "containerID": s["containerID"] ?? ""]
                    ctx.cluster.logs.append(uid: pod.uid, container: name, time: now, oom ? "fatal error: runtime: out of memory" : "panic: simulated crash")
                    s["ready"] = false
                    s["started"] = false
                    if restartPolicy == "Never" {
                        s["state"] = ["terminated": term]
                    } else {
                        let restarts = (s["restartCount"]?.int ?? 0) + 1
                        s["restartCount"] = .int(restarts)
                        s["lastState"] = ["terminated": term]
                        let backoff = Int(min(300, 10 * pow2(restarts - 1)))
                        s["state"] = ["waiting": ["reason": "CrashLoopBackOff",
                                                  "message": .string("back-off \(backoff)s restarting failed container=\(name) pod=\(pod.name)_\(pod.namespace)(\(pod.uid))")]]
                        events.append(("Warning", "BackOff", "Back-off restarting failed container \(name) in pod \(pod.name)_\(pod.namespace)(\(pod.uid))", field))
                    }
                } else if isJob && restartPolicy != "Always" && now >= started + cfg.jobRunSeconds {
                    ctx.cluster.logs.append(uid: pod.uid, container: name, time: now, "[kubesim] \(name) completed")
                    s["ready"] = false
                    s["started"] = false
                    s["state"] = ["terminated": ["exitCode": 0, "reason": "Completed", "startedAt": s[path: ["state", "running", "startedAt"]] ?? "",
                                                 "finishedAt": .string(nowS), "containerID": s["containerID"] ?? ""]]
                } else if !fx.readinessNever, now >= started + cfg.startSeconds, s["ready"]?.bool != true {
                    s["ready"] = true
                }
            }
            newStatuses[i] = s
        }
        guard newStatuses != statuses else { return }
        ctx.update(ctx.pods, pod) { o in
            o[path: ["status", "containerStatuses"]] = .array(newStatuses)
            let terminated = newStatuses.compactMap { $0[path: ["state", "terminated"]] }
            if terminated.count == newStatuses.count {
                o[path: ["status", "phase"]] = terminated.allSatisfy { $0["exitCode"]?.int == 0 } ? "Succeeded" : "Failed"
            } else if newStatuses.contains(where: { $0[path: ["state", "running"]] != nil || ($0["restartCount"]?.int ?? 0) > 0 }) {
                o[path: ["status", "phase"]] = "Running"
            }
            Kubelet.setConditions(&o, now: nowS)
        }
        for e in events { ctx.event(ctx.pods, pod, e.0, e.1, e.2, component: "kubelet", fieldPath: e.3) }
    }

    func pow2(_ n: Int64) -> Double { Double(1 << max(0, min(n, 10))) }

    func startContainer(_ ctx: ControllerContext, _ pod: StoredObject, _ s0: JSON, name: String, image: String, now: String) -> JSON {
        var s = s0
        let digest = ctx.cluster.randomHex(32)
        s["state"] = ["running": ["startedAt": .string(now)]]
        s["started"] = true
        s["imageID"] = .string("\(image.contains("/") ? image : "docker.io/library/\(image)")@sha256:\(digest)")
        s["containerID"] = .string("containerd://\(ctx.cluster.randomHex(32))")
        let t = ctx.now
        let logs = ctx.cluster.logs
        logs.append(uid: pod.uid, container: name, time: t, "[kubesim] starting container \(name) (image \(image))")
        for p in (pod.object[path: ["spec", "containers"]]?.array ?? []).first(where: { $0["name"]?.string == name })?["ports"]?.array ?? [] {
            logs.append(uid: pod.uid, container: name, time: t, "[kubesim] listening on port \(p["containerPort"]?.int ?? 0)/\(p["protocol"]?.string ?? "TCP")")
        }
        logs.append(uid: pod.uid, container: name, time: t, "[kubesim] \(name) is running")
        return s
    }

    static func pullError(_ image: String) -> String {
        var ref = image
        if !ref.contains(":") && !ref.contains("@") { ref += ":latest" }
        let host = String(image.split(separator: "/").first ?? "")
        var repoPath = image.split(separator: "/").dropFirst().joined(separator: "/")
        var tag = "latest"
        if let colon = repoPath.lastIndex(of: ":") { tag = String(repoPath[repoPath.index(after: colon)...]); repoPath = String(repoPath[..<colon]) }
        return "failed to pull and unpack image \"\(ref)\": failed to resolve reference \"\(ref)\": failed to do request: Head \"https://\(host)/v2/\(repoPath)/manifests/\(tag)\": dial tcp: lookup \(host): no such host"
    }

    static func setConditions(_ o: inout JSON, now: String) {
        let statuses = o[path: ["status", "containerStatuses"]]?.array ?? []
        let unready = statuses.filter { $0["ready"]?.bool != true }.compactMap { $0["name"]?.string }
        let sandbox = statuses.contains { $0[path: ["state", "waiting", "reason"]]?.string != "ContainerCreating" }
        ControllerContext.setCondition(&o, "PodReadyToStartContainers", sandbox ? "True" : "False", reason: "", message: "", now: now)
        ControllerContext.setCondition(&o, "Initialized", "True", reason: "", message: "", now: now)
        let phase = o[path: ["status", "phase"]]?.string
        if unready.isEmpty {
            ControllerContext.setCondition(&o, "Ready", "True", reason: "", message: "", now: now)
            ControllerContext.setCondition(&o, "ContainersReady", "True", reason: "", message: "", now: now)
        } else if phase == "Succeeded" || phase == "Failed" {
            ControllerContext.setCondition(&o, "Ready", "False", reason: "PodCompleted", message: "", now: now)
            ControllerContext.setCondition(&o, "ContainersReady", "False", reason: "PodCompleted", message: "", now: now)
        } else {
            let msg = "containers with unready status: [\(unready.joined(separator: " "))]"
            ControllerContext.setCondition(&o, "Ready", "False", reason: "ContainersNotReady", message: msg, now: now)
            ControllerContext.setCondition(&o, "ContainersReady", "False", reason: "ContainersNotReady", message: msg, now: now)
        }
        for t in ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"] { Scheduler.cleanCondition(&o, t) }
    }
}
