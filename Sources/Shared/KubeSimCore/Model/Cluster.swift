import Foundation
import Synchronization

/// Settings of a simulated cluster.
public struct ClusterConfig: Sendable {
    /// Number of nodes created at start.
    public var nodes: Int = 3
    /// Allocatable CPU per node (Kubernetes quantity).
    public var nodeCPU: String = "16"
    /// Allocatable memory per node.
    public var nodeMemory: String = "64Gi"
    /// Pods per node.
    public var nodePods: Int = 110
    /// The version `/version` reports (its minor picks the Cloud SDK kubectl).
    public var kubernetesVersion: String = "v1.32.0"
    /// Path of kubernetes-validate's `_definitions.json` (or its directory), or nil to serve without schemas.
    public var schemaPath: String?
    /// Seconds a container image takes to pull (virtual).
    public var pullSeconds: Double = 0.5
    /// Seconds a container takes from start to Ready (virtual).
    public var startSeconds: Double = 0.5
    /// Seconds a Job pod runs before it succeeds (virtual).
    public var jobRunSeconds: Double = 1
    /// Seconds a deleted pod takes to terminate (virtual, capped by its grace period). Short:
    /// as in Kubernetes, a rollout is complete while its last old pod still terminates (ReplicaSets
    /// count active pods only), and clients that list Running pods right after `kubectl rollout
    /// status` expect the old pods gone, as they are when containers stop at once on SIGTERM.
    public var podTerminationSeconds: Double = 0.1
    /// Seconds a terminating namespace waits before its controller sweeps it (virtual).
    public var namespaceSweepDelay: Double = 2
    /// Largest accepted request body in bytes.
    public var maxBodyBytes: Int = 3 * 1024 * 1024
    /// Largest number of stored objects.
    public var maxObjects: Int = 100_000
    /// When set, every request except health checks must carry `Authorization: Bearer <token>` (401 otherwise).
    public var bearerToken: String?
    /// Seed for the simulator's random choices (names, IPs, fault probabilities).
    public var seed: UInt64 = 0x5eed
    public init() {}
}

/// The simulated cluster: resource registry, store, clock, schemas, faults and allocators. The API
/// server, controllers and kubelet all operate on one `Cluster`.
public final class Cluster: Sendable {
    /// Served resource types (CRDs add to it).
    public let registryBox: Mutex<ResourceRegistry>
    /// Object storage.
    public let store: Store
    /// Virtual clock.
    public let clock: SimClock
    /// OpenAPI schemas, if loaded.
    public let schemas: SchemaSet?
    /// Fault rules.
    public let faults: FaultInjector
    /// Settings.
    public let config: ClusterConfig
    let allocator: Mutex<Allocator>
    let random: Mutex<SplitMix>
    /// Container logs written by the kubelet.
    public let logs: PodLogStore

    /// Creates a cluster; throws if a schema path is given but unreadable.
    public init(config: ClusterConfig = ClusterConfig(), clock: SimClock = .manual(), faults: FaultInjector = FaultInjector())
        throws(KubeError)
    {
        self.config = config
        self.clock = clock
        self.faults = faults
        self.store = Store(objectLimit: config.maxObjects)
        self.registryBox = Mutex(.builtin)
        self.schemas = try config.schemaPath.map { p throws(KubeError) in try SchemaSet(path: p) }
        self.allocator = Mutex(Allocator())
        self.random = Mutex(SplitMix(seed: config.seed))
        self.logs = PodLogStore()
        try bootstrap()
    }

    /// The current registry.
    public var registry: ResourceRegistry { registryBox.withLock { $0 } }

    /// The registered type for an apiVersion and kind.
    public func type(apiVersion: String, kind: String) -> ResourceType? {
        registryBox.withLock { $0.lookup(apiVersion: apiVersion, kind: kind) }
    }

    /// Random lowercase suffix from the apiserver's alphabet (`bcdfghjklmnpqrstvwxz2456789`).
    public func randomSuffix(_ n: Int = 5) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return random.withLock { r in String((0..<n).map { _ in alphabet[Int(r.next() % UInt64(alphabet.count))] }) }
    }

    /// A random v4 UUID string.
    public func newUID() -> String {
        random.withLock { r in
            let a = r.next(), b = r.next()
            let hex = String(format: "%016llx%016llx", a, b)
            let c = Array(hex)
            var s = String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-"
            s += String("89ab"[String.Index(utf16Offset: Int(b % 4), in: "89ab")]) + String(c[17..<20]) + "-" + String(c[20..<32])
            return s
        }
    }

    /// A uniform random number in [0, 1).
    public func randomUnit() -> Double {
        random.withLock { Double($0.next() >> 11) / Double(1 << 53) }
    }

    /// Lowercase hex of `n` random bytes.
    public func randomHex(_ n: Int) -> String {
        random.withLock { r in (0..<n).map { _ in String(format: "%02x", r.next() & 0xff) }.joined() }
    }

    /// Current virtual time formatted for objects.
    public var nowString: String { KubeTime.format(clock.now) }
}

/// A small deterministic PRNG.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Cluster IP, node port and pod IP allocation.
struct Allocator {
    var clusterIPs: Set<UInt32> = []
    var nextClusterIP: UInt32 = 10
    var nodePorts: Set<Int> = []
    var nextNodePort = 30000
    var nextPodIP: UInt32 = 2
    var nextLBIP: UInt32 = 10

    mutating func allocateClusterIP() -> String {
        // 10.96.0.0/12
        while clusterIPs.contains(nextClusterIP) { nextClusterIP = nextClusterIP % 0xFFFFE + 1 }
        let v = nextClusterIP
        clusterIPs.insert(v)
        nextClusterIP = nextClusterIP % 0xFFFFE + 1
        return Allocator.ip(0x0A60_0000 + v)
    }

    mutating func reserveClusterIP(_ s: String) -> Bool {
        guard let v = Allocator.parse(s), v >= 0x0A60_0000, v < 0x0A70_0000 else { return false }
        return clusterIPs.insert(v - 0x0A60_0000).inserted
    }

    mutating func releaseClusterIP(_ s: String) {
        if let v = Allocator.parse(s), v >= 0x0A60_0000 { clusterIPs.remove(v - 0x0A60_0000) }
    }

    mutating func allocateNodePort() -> Int {
        while nodePorts.contains(nextNodePort) { nextNodePort = nextNodePort >= 32767 ? 30000 : nextNodePort + 1 }
        let p = nextNodePort
        nodePorts.insert(p)
        nextNodePort = nextNodePort >= 32767 ? 30000 : nextNodePort + 1
        return p
    }

    mutating func podIP() -> String {
        let v = nextPodIP
        nextPodIP = nextPodIP % 0xFFFE + 1
        if nextPodIP % 256 == 0 || nextPodIP % 256 == 255 { nextPodIP += 2 }
        return Allocator.ip(0x0AF4_0000 + v)  // 10.244.0.0/16
    }

    mutating func loadBalancerIP() -> String {
        defer { nextLBIP = nextLBIP % 250 + 1 }
        return Allocator.ip(0xAC12_FF00 + nextLBIP)  // 172.18.255.x
    }

    static func ip(_ v: UInt32) -> String { "\(v >> 24).\((v >> 16) & 255).\((v >> 8) & 255).\(v & 255)" }
    static func parse(_ s: String) -> UInt32? {
        let p = s.split(separator: ".").compactMap { UInt32($0) }
        guard p.count == 4, p.allSatisfy({ $0 < 256 }) else { return nil }
        return p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]
    }
}

extension ResourceType {
    /// The store key of this resource (`group/plural`).
    public var storeKey: String { "\(group)/\(plural)" }
}
