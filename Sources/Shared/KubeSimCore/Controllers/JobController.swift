/// Job → Pods: runs up to `parallelism` pods until `completions` succeed, counts failures against
/// `backoffLimit`, and sets the Complete/SuccessCriteriaMet or Failed/FailureTarget conditions.
struct JobController {
    func run(_ ctx: ControllerContext) {
        var podsByOwner: [String: [StoredObject]] = [:]
        for p in ctx.list(ctx.pods) { if let uid = ControllerContext.controllerUID(p.object) { podsByOwner[uid, default: []].append(p) } }
        for job in ctx.list(ctx.jobs) where !ControllerContext.isDeleting(job.object) {
            sync(ctx, job, podsByOwner[job.uid] ?? [])
        }
    }

    func sync(_ ctx: ControllerContext, _ job: StoredObject, _ owned: [StoredObject]) {
        let o = job.object
        let finished = (o[path: ["status", "conditions"]]?.array ?? []).contains {
            ($0["type"]?.string == "Complete" || $0["type"]?.string == "Failed") && $0["status"]?.string == "True"
        }
        let completions = o[path: ["spec", "completions"]]?.int ?? 1
        let parallelism = o[path: ["spec", "parallelism"]]?.int ?? 1
        let backoffLimit = o[path: ["spec", "backoffLimit"]]?.int ?? 6
        let suspended = o[path: ["spec", "suspend"]]?.bool == true
        let phase = { (p: StoredObject) in p.object[path: ["status", "phase"]]?.string ?? "" }
        let succeeded = Int64(owned.filter { phase($0) == "Succeeded" }.count)
        let restarts = owned.reduce(Int64(0)) { n, p in
            n + (p.object[path: ["status", "containerStatuses"]]?.array ?? []).reduce(0) { $0 + ($1["restartCount"]?.int ?? 0) }
        }
        let failed = Int64(owned.filter { phase($0) == "Failed" }.count) + restarts
        let active = owned.filter { ControllerContext.isPodActive($0.object) }
        let failedNow = failed > backoffLimit
        if !finished && !suspended && !failedNow {
            let want = min(parallelism, completions - succeeded) - Int64(active.count)
            if want > 0 {
                for _ in 0..<want {
                    var pod = ReplicaSetController.podFromTemplate(o[path: ["spec", "template"]], namespace: job.namespace,
                                                                   generateName: "\(job.name)-", owner: ControllerContext.ownerRef(ctx.jobs, job))
                    pod[path: ["metadata", "labels", "batch.kubernetes.io/job-completion-index"]] = nil
                    if let p = ctx.create(ctx.pods, pod) {
                        ctx.event(ctx.jobs, job, "Normal", "SuccessfulCreate", "Created pod: \(p.name)", component: "job-controller")
                    }
                }
            }
        }
        if (failedNow || suspended) && !finished { for p in active { ctx.delete(ctx.pods, p) } }
        let now = ctx.nowString
        ctx.update(ctx.jobs, job) { o in
            var st = o["status"] ?? .emptyObject
            if st["startTime"] == nil && !suspended { st["startTime"] = .string(now) }
            st["active"] = active.isEmpty ? nil : .num(active.count)
            st["succeeded"] = succeeded == 0 ? nil : .int(succeeded)
            st["failed"] = failed == 0 ? nil : .int(failed)
            st["ready"] = .num(active.filter { ControllerContext.isPodReady($0.object) }.count)
            st["terminating"] = 0
            st["uncountedTerminatedPods"] = .emptyObject
            o["status"] = st
            guard !finished else { return }
            if succeeded >= completions {
                ControllerContext.setCondition(&o, "SuccessCriteriaMet", "True", reason: "CompletionsReached",
                                               message: "Reached expected number of succeeded pods", now: now)
                ControllerContext.setCondition(&o, "Complete", "True", reason: "CompletionsReached",
                                               message: "Reached expected number of succeeded pods", now: now)
                o[path: ["status", "completionTime"]] = .string(now)
                o[path: ["status", "active"]] = nil
            } else if failedNow {
                ControllerContext.setCondition(&o, "FailureTarget", "True", reason: "BackoffLimitExceeded",
                                               message: "Job has reached the specified backoff limit", now: now)
                ControllerContext.setCondition(&o, "Failed", "True", reason: "BackoffLimitExceeded",
                                               message: "Job has reached the specified backoff limit", now: now)
            }
        }
        if succeeded >= completions && !finished {
            ctx.event(ctx.jobs, job, "Normal", "Completed", "Job completed", component: "job-controller")
        }
    }
}
