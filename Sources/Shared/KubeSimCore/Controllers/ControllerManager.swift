import Synchronization

/// Runs the simulated kube-controller-manager, scheduler and kubelet in passes over the store.
public final class ControllerManager: Sendable {
    let cluster: Cluster
    /// Store version after the last garbage-collection pass (GC scans everything, so it only runs after changes).
    let lastCollected = Mutex<UInt64>(0)
    let lock = Mutex(())

    init(cluster: Cluster) { self.cluster = cluster }

    /// Runs every controller until a pass changes nothing.
    public func reconcile(maxPasses: Int = 20) {
        lock.withLock { _ in
            for _ in 0..<maxPasses {
                cluster.syncCustomResources()
                let ctx = ControllerContext(cluster: cluster, now: cluster.clock.now)
                NamespaceController().run(ctx)
                let rv = cluster.store.resourceVersion
                if lastCollected.withLock({ $0 }) != rv {
                    GarbageCollector().run(ctx)
                    lastCollected.withLock { $0 = rv }
                }
                DeploymentController().run(ctx)
                ReplicaSetController().run(ctx)
                StatefulSetController().run(ctx)
                DaemonSetController().run(ctx)
                JobController().run(ctx)
                VolumeController().run(ctx)
                Scheduler().run(ctx)
                Kubelet().run(ctx)
                EndpointsController().run(ctx)
                if !ctx.flag.changed { break }
            }
        }
    }
}

/// Kubernetes resource quantities (`100m`, `1.5`, `128Mi`, `1G`) as numbers.
enum Quantity {
    static func parse(_ v: JSON?) -> Double {
        if let i = v?.int { return Double(i) }
        guard var s = v?.string, !s.isEmpty else { return 0 }
        let suffixes: [(String, Double)] = [("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
                                            ("Pi", 1_125_899_906_842_624), ("m", 0.001), ("k", 1e3), ("K", 1e3), ("M", 1e6),
                                            ("G", 1e9), ("T", 1e12), ("P", 1e15)]
        var mult = 1.0
        for (suf, m) in suffixes where s.hasSuffix(suf) {
            s = String(s.dropLast(suf.count))
            mult = m
            break
        }
        return (Double(s) ?? 0) * mult
    }
}

/// The pod-template hash the Deployment controller uses (FNV-32a, encoded with the apiserver's safe alphabet).
enum TemplateHash {
    static func hash(_ template: JSON) -> String {
        var h: UInt32 = 2_166_136_261
        for b in template.bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(h).utf8.map { alphabet[Int($0) % alphabet.count] })
    }
}
