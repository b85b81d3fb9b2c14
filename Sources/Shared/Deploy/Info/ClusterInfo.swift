import KFKube

/// What `kubefate cluster describe` shows under `Info` (KubeFATE's `GetClusterInfo`), plus the
/// pod list and every NodePort: KubeFATE's keys (`dashboard`, `ip`, `port`, `status.containers`,
/// `status.deployments`, `status.statefulSets`) keep their names and meaning, so its CLI prints ours.
public struct ClusterInfo: Sendable, Equatable, Codable {
    /// Module status by component name, as KubeFATE computes it.
    public struct Status: Sendable, Equatable, Codable {
        /// Container name → phase of the pod it runs in (same names overwrite, as KubeFATE does).
        public var containers: [String: String]
        /// Deployment name → `Available`, `Progressing`, `ReplicaFailure` or `Undefined`.
        public var deployments: [String: String]
        /// StatefulSet name → `Available` or `Progressing`.
        public var statefulSets: [String: String]

        public init(containers: [String: String] = [:], deployments: [String: String] = [:], statefulSets: [String: String] = [:]) {
            self.containers = containers
            self.deployments = deployments
            self.statefulSets = statefulSets
        }
    }

    /// One pod of the cluster, as `kubectl get pods` summarises it.
    public struct Pod: Sendable, Equatable, Codable {
        public var name: String
        /// The phase, or the waiting/terminated reason of a container that is not running
        /// (`CrashLoopBackOff`, `ImagePullBackOff`, …), as kubectl's STATUS column.
        public var status: String
        /// Ready containers / all containers, e.g. `1/1`.
        public var ready: String
        public var restarts: Int
        public var node: String?

        public init(name: String, status: String, ready: String, restarts: Int, node: String?) {
            self.name = name
            self.status = status
            self.ready = ready
            self.restarts = restarts
            self.node = node
        }
    }

    /// Ingress hosts (`spec.rules[].host`); nil (JSON `null`) when there are none, as KubeFATE.
    public var dashboard: [String]?
    /// The first address of the last node, or the error text when nodes cannot be listed.
    public var ip: String
    /// The NodePort of the `rollsite` service's port 9370, when it has one.
    public var port: Int?
    public var status: Status
    /// Every pod of the cluster, by name.
    public var pods: [Pod]
    /// Service name → port name (or number) → NodePort, for every port that has one.
    public var nodePorts: [String: [String: Int]]

    public init(dashboard: [String]?, ip: String, port: Int?, status: Status, pods: [Pod], nodePorts: [String: [String: Int]]) {
        self.dashboard = dashboard
        self.ip = ip
        self.port = port
        self.status = status
        self.pods = pods
        self.nodePorts = nodePorts
    }

    enum CodingKeys: String, CodingKey {
        case dashboard, ip, port, status, pods, nodePorts
    }

    /// `dashboard` is always present (`null` when empty); `port` is omitted when unset, as KubeFATE.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dashboard, forKey: .dashboard)
        try c.encode(ip, forKey: .ip)
        try c.encodeIfPresent(port, forKey: .port)
        try c.encode(status, forKey: .status)
        try c.encode(pods, forKey: .pods)
        try c.encode(nodePorts, forKey: .nodePorts)
    }

    /// Healthy when the cluster has at least one Deployment or StatefulSet and every one is
    /// `Available` (KubeFATE's describe looks at Deployments only; a FATE party whose MySQL
    /// StatefulSet is down is not usable either).
    public var isHealthy: Bool {
        let modules = Array(status.deployments.values) + Array(status.statefulSets.values)
        return !modules.isEmpty && modules.allSatisfy { $0 == "Available" }
    }
}
