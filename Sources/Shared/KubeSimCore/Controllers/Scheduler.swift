/// The scheduler: binds pending pods to the least-loaded node that matches their nodeSelector and has
/// room for their CPU, memory and pod count; otherwise marks them Unschedulable with the real message.
struct Scheduler {
    struct NodeLoad {
        var node: StoredObject
        var cpu: Double
        var memory: Double
        var pods: Int
    }

    static func requests(_ pod: JSON) -> (cpu: Double, memory: Double) {
        var cpu = 0.0, mem = 0.0
        for c in pod[path: ["spec", "containers"]]?.array ?? [] {
            cpu += Quantity.parse(c[path: ["resources", "requests", "cpu"]])
            mem += Quantity.parse(c[path: ["resources", "requests", "memory"]])
        }
        return (cpu, mem)
    }

    func run(_ ctx: ControllerContext) {
        let pods = ctx.list(ctx.pods)
        let pending = pods.filter {
            $0.object[path: ["spec", "nodeName"]] == nil && ControllerContext.isPodActive($0.object)
                && ($0.object[path: ["spec", "schedulerName"]]?.string ?? "default-scheduler") == "default-scheduler"
        }
        guard !pending.isEmpty else { return }
        var loads: [String: NodeLoad] = [:]
        for n in ctx.list(ctx.nodes) { loads[n.name] = NodeLoad(node: n, cpu: 0, memory: 0, pods: 0) }
        for p in pods where ControllerContext.isPodActive(p.object) {
            guard let n = p.object[path: ["spec", "nodeName"]]?.string, loads[n] != nil else { continue }
            let r = Scheduler.requests(p.object)
            loads[n]!.cpu += r.cpu
            loads[n]!.memory += r.memory
            loads[n]!.pods += 1
        }
        for pod in pending { schedule(ctx, pod, &loads) }
    }

    func schedule(_ ctx: ControllerContext, _ pod: StoredObject, _ loads: inout [String: NodeLoad]) {
        let total = loads.count
        var reasons: [String: Int] = [:]
        var fits: [NodeLoad] = []
        let selector = pod.object[path: ["spec", "nodeSelector"]]?.stringMap ?? [:]
        let req = Scheduler.requests(pod.object)
        let forced = ctx.cluster.faults.podEffects(pod.object).contains { $0.effect == .unschedulable }
        for (_, l) in loads {
            let alloc = l.node.object[path: ["status", "allocatable"]]
            if forced || l.node.object[path: ["spec", "unschedulable"]]?.bool == true {
                reasons["node(s) were unschedulable", default: 0] += 1
                continue
            }
            if !selector.allSatisfy({ l.node.labels[$0.key] == $0.value }) {
                reasons["node(s) didn't match Pod's node affinity/selector", default: 0] += 1
                continue
            }
            var ok = true
            if l.pods + 1 > Int(Quantity.parse(alloc?["pods"])) { reasons["Too many pods", default: 0] += 1; ok = false }
            if l.cpu + req.cpu > Quantity.parse(alloc?["cpu"]) + 1e-9 { reasons["Insufficient cpu", default: 0] += 1; ok = false }
            if l.memory + req.memory > Quantity.parse(alloc?["memory"]) { reasons["Insufficient memory", default: 0] += 1; ok = false }
            if ok { fits.append(l) }
        }
        let now = ctx.nowString
        guard let best = fits.min(by: { ($0.pods, $0.node.name) < ($1.pods, $1.node.name) }) else {
            let detail = reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            let message = "0/\(total) nodes are available: \(detail). preemption: 0/\(total) nodes are available: \(total) Preemption is not helpful for scheduling."
            if ControllerContext.condition(pod.object, "PodScheduled")?["message"]?.string != message {
                ctx.update(ctx.pods, pod) { o in
                    ControllerContext.setCondition(&o, "PodScheduled", "False", reason: "Unschedulable", message: message, now: now)
                    o[path: ["status", "phase"]] = "Pending"
                }
                ctx.event(ctx.pods, pod, "Warning", "FailedScheduling", message, component: "default-scheduler")
            }
            return
        }
        let node = best.node.name
        loads[node]!.pods += 1
        loads[node]!.cpu += req.cpu
        loads[node]!.memory += req.memory
        ctx.update(ctx.pods, pod) { o in
            o[path: ["spec", "nodeName"]] = .string(node)
            ControllerContext.setCondition(&o, "PodScheduled", "True", reason: "", message: "", now: now)
            Scheduler.cleanCondition(&o, "PodScheduled")
        }
        ctx.event(ctx.pods, pod, "Normal", "Scheduled", "Successfully assigned \(pod.namespace)/\(pod.name) to \(node)",
                  component: "default-scheduler")
    }

    /// Drops empty reason/message fields as the API omits them.
    static func cleanCondition(_ o: inout JSON, _ type: String) {
        guard var conds = o[path: ["status", "conditions"]]?.array, let i = conds.firstIndex(where: { $0["type"]?.string == type }) else { return }
        if conds[i]["reason"]?.string == "" { conds[i]["reason"] = nil }
        if conds[i]["message"]?.string == "" { conds[i]["message"] = nil }
        conds[i]["lastProbeTime"] = .null
        o[path: ["status", "conditions"]] = .array(conds)
    }
}
