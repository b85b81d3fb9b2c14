import Foundation

extension APIServer {
    /// The `autoscaling/v1 Scale` view of a workload.
    func scale(_ t: ResourceType, _ ns: String, _ name: String) throws(KubeError) -> JSON {
        guard let s = cluster.store.get(t.storeKey, ObjectKey(namespace: ns, name: name)) else { throw KubeError.notFound(t, name) }
        return APIServer.scaleObject(s)
    }

    static func scaleObject(_ s: StoredObject) -> JSON {
        let o = s.object
        var meta: JSON = .emptyObject
        for k in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] { meta[k] = o[path: ["metadata", k]] }
        let selector = LabelSelector(object: o[path: ["spec", "selector"]]).description
        return ["kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": meta,
                "spec": ["replicas": o[path: ["spec", "replicas"]] ?? 0],
                "status": ["replicas": o[path: ["status", "replicas"]] ?? 0, "selector": .string(selector)]]
    }

    func setScale(_ t: ResourceType, _ ns: String, _ name: String, _ replicas: Int64?, _ opts: WriteOptions) throws(KubeError) -> JSON {
        guard let replicas else { throw KubeError.badRequest("spec.replicas is required") }
        guard let cur = cluster.store.get(t.storeKey, ObjectKey(namespace: ns, name: name)) else { throw KubeError.notFound(t, name) }
        let (s, _) = try cluster.patch(t, namespace: ns, name: name, patchType: "merge",
                                       ["spec": ["replicas": .int(replicas)]], opts)
        _ = cur
        return APIServer.scaleObject(s)
    }

    /// `pods/log`: the kubelet's lines for one container, with tailLines, sinceSeconds, timestamps,
    /// previous and follow.
    func podLog(_ ns: String, _ name: String, _ req: APIRequest) throws(KubeError) -> APIResponse {
        let podType = cluster.registry.lookup(group: "", version: "v1", plural: "pods")!
        guard let pod = cluster.store.get(podType.storeKey, ObjectKey(namespace: ns, name: name)) else {
            throw KubeError.notFound(podType, name)
        }
        let containers = (pod.object[path: ["spec", "containers"]]?.array ?? []).compactMap { $0["name"]?.string }
        var container = req.query["container"] ?? ""
        if container.isEmpty {
            if let def = pod.object[path: ["metadata", "annotations", "kubectl.kubernetes.io/default-container"]]?.string {
                container = def
            } else if containers.count == 1 {
                container = containers[0]
            } else {
                throw KubeError.badRequest("a container name must be specified for pod \(name), choose one of: [\(containers.joined(separator: " "))]")
            }
        }
        guard containers.contains(container) || (pod.object[path: ["spec", "initContainers"]]?.array ?? []).contains(where: { $0["name"]?.string == container }) else {
            throw KubeError.badRequest("container \(container) is not valid for pod \(name)")
        }
        let running = (pod.object[path: ["status", "containerStatuses"]]?.array ?? []).first { $0["name"]?.string == container }
        if running?["state"]?["waiting"] != nil, running?["lastState"]?["terminated"] == nil, req.query["previous"] != "true" {
            let reason = running?[path: ["state", "waiting", "reason"]]?.string ?? "ContainerCreating"
            throw KubeError.badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: \(reason == "ContainerCreating" ? "ContainerCreating" : "trying and failing to pull image")")
        }
        let previous = req.query["previous"] == "true"
        var lines = cluster.logs.read(uid: pod.uid, container: container, previous: previous)
        if let since = Double(req.query["sinceSeconds"] ?? "") {
            let from = cluster.clock.now - since
            lines.removeAll { $0.time < from }
        }
        if let tail = Int(req.query["tailLines"] ?? ""), tail >= 0, lines.count > tail { lines = Array(lines.suffix(tail)) }
        let stamps = req.query["timestamps"] == "true"
        func render(_ ls: [PodLogStore.Line]) -> [UInt8] {
            var out: [UInt8] = []
            for l in ls {
                if stamps { out.append(contentsOf: (KubeTime.formatMicro(l.time).replacingOccurrences(of: "Z", with: "000Z") + " ").utf8) }
                out.append(contentsOf: l.text.utf8)
                out.append(0x0A)
            }
            return out
        }
        let headers = [("Content-Type", "text/plain")]
        guard req.query["follow"] == "true" else { return APIResponse(status: 200, headers: headers, body: .bytes(render(lines))) }
        let (stream, cont) = AsyncStream<[UInt8]>.makeStream()
        cont.yield(render(lines))
        let logs = cluster.logs, store = cluster.store, uid = pod.uid
        let total = cluster.logs.read(uid: uid, container: container).count
        let task = Task {
            var seen = total
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                let all = logs.read(uid: uid, container: container)
                if all.count > seen { cont.yield(render(Array(all[seen...]))); seen = all.count }
                if store.get(podType.storeKey, ObjectKey(namespace: ns, name: name))?.uid != uid { break }
            }
            cont.finish()
        }
        cont.onTermination = { _ in task.cancel() }
        return APIResponse(status: 200, headers: headers, body: .stream(stream))
    }
}
