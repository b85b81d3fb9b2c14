import KFKube

/// Builds a cluster's `ClusterInfo` from Kubernetes, with KubeFATE's selection: objects labelled
/// `name=<cluster name>` in the cluster's namespace, and every node for the IP.
public struct ClusterInfoReader: Sendable {
    public let client: KubeClient

    public init(client: KubeClient) {
        self.client = client
    }

    /// Reads the cluster `name` in `namespace`. Any failure but listing nodes is thrown.
    public func read(name: String, namespace: String) async throws -> ClusterInfo {
        let selector = "name=\(name)"
        let deployments = try await client.listAll(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, labelSelector: selector).items
        let statefulSets = try await client.listAll(apiVersion: "apps/v1", kind: "StatefulSet", namespace: namespace, labelSelector: selector).items
        let pods = try await client.listAll(apiVersion: "v1", kind: "Pod", namespace: namespace, labelSelector: selector).items
        let services = try await client.listAll(apiVersion: "v1", kind: "Service", namespace: namespace, labelSelector: selector).items
        let ingresses = try await ingressList(namespace: namespace, selector: selector)

        var status = ClusterInfo.Status()
        for deployment in deployments {
            if let name = deployment[path: "metadata", "name"]?.string { status.deployments[name] = Self.deploymentStatus(deployment) }
        }
        for statefulSet in statefulSets {
            if let name = statefulSet[path: "metadata", "name"]?.string { status.statefulSets[name] = Self.statefulSetStatus(statefulSet) }
        }
        for pod in pods {
            let phase = pod[path: "status", "phase"]?.string ?? ""
            for container in pod[path: "spec", "containers"]?.array ?? [] {
                if let name = container["name"]?.string { status.containers[name] = phase }
            }
        }
        let hosts = ingresses.flatMap { ($0[path: "spec", "rules"]?.array ?? []).compactMap { $0["host"]?.string } }
        return ClusterInfo(dashboard: hosts.isEmpty ? nil : hosts, ip: await nodeIP(), port: Self.rollsitePort(services), status: status,
                           pods: pods.map(Self.pod).sorted { $0.name < $1.name }, nodePorts: Self.nodePorts(services))
    }

    /// The last node's first address, or KubeFATE's error text when nodes cannot be listed.
    private func nodeIP() async -> String {
        do {
            let nodes = try await client.listAll(apiVersion: "v1", kind: "Node", namespace: nil).items
            return nodes.compactMap { $0[path: "status", "addresses"]?.array?.first?["address"]?.string }.last ?? ""
        } catch {
            return "Get node ip failed. Please check if user has the privilege to list resource \"nodes\" at the cluster scope: \(error)"
        }
    }

    /// Ingresses, or none when the server does not serve the kind.
    private func ingressList(namespace: String, selector: String) async throws -> [KubeJSON] {
        do {
            return try await client.listAll(apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: namespace, labelSelector: selector).items
        } catch let error as KubeError where error.code == .unknownKind {
            return []
        }
    }
}

extension ClusterInfoReader {
    /// KubeFATE's `GetDeployStatus`: the first true condition of Available, Progressing, ReplicaFailure.
    static func deploymentStatus(_ deployment: KubeJSON) -> String {
        let conditions = deployment[path: "status", "conditions"]?.array ?? []
        for type in ["Available", "Progressing", "ReplicaFailure"]
        where conditions.contains(where: { $0["type"]?.string == type && $0["status"]?.string == "True" }) {
            return type
        }
        return "Undefined"
    }

    /// KubeFATE's `GetStsStatus`: ready replicas ≥ replicas (both from status).
    static func statefulSetStatus(_ statefulSet: KubeJSON) -> String {
        let ready = statefulSet[path: "status", "readyReplicas"]?.int ?? 0
        let replicas = statefulSet[path: "status", "replicas"]?.int ?? 0
        return ready >= replicas ? "Available" : "Progressing"
    }

    static func pod(_ pod: KubeJSON) -> ClusterInfo.Pod {
        let statuses = pod[path: "status", "containerStatuses"]?.array ?? []
        let total = max(statuses.count, pod[path: "spec", "containers"]?.array?.count ?? 0)
        let ready = statuses.filter { $0["ready"] == .bool(true) }.count
        let restarts = statuses.reduce(0) { $0 + Int($1["restartCount"]?.int ?? 0) }
        // kubectl's STATUS: a container's waiting or terminated reason wins over the phase.
        var shown = pod[path: "status", "reason"]?.string ?? pod[path: "status", "phase"]?.string ?? "Unknown"
        for status in statuses {
            if let reason = status[path: "state", "waiting", "reason"]?.string ?? status[path: "state", "terminated", "reason"]?.string {
                shown = reason
            }
        }
        if pod[path: "metadata", "deletionTimestamp"] != nil { shown = "Terminating" }
        return ClusterInfo.Pod(name: pod[path: "metadata", "name"]?.string ?? "", status: shown, ready: "\(ready)/\(total)",
                               restarts: restarts, node: pod[path: "spec", "nodeName"]?.string)
    }

    /// The `rollsite` service's NodePort for port 9370 (KubeFATE's `port`).
    static func rollsitePort(_ services: [KubeJSON]) -> Int? {
        guard let rollsite = services.first(where: { $0[path: "metadata", "name"]?.string == "rollsite" }) else { return nil }
        let port = (rollsite[path: "spec", "ports"]?.array ?? []).first { $0["port"]?.int == 9370 }
        guard let nodePort = port?["nodePort"]?.int, nodePort != 0 else { return nil }
        return Int(nodePort)
    }

    static func nodePorts(_ services: [KubeJSON]) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for service in services {
            guard let name = service[path: "metadata", "name"]?.string else { continue }
            for port in service[path: "spec", "ports"]?.array ?? [] {
                guard let nodePort = port["nodePort"]?.int, nodePort != 0 else { continue }
                let key = port["name"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? (port["port"]?.int).map { String($0) } ?? "?"
                result[name, default: [:]][key] = Int(nodePort)
            }
        }
        return result
    }
}
