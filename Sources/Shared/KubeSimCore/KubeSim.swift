/// A simulated Kubernetes cluster: API server, controllers, scheduler and kubelet over one store.
///
/// Tests create one with a manual clock and drive it with ``advance(by:step:)``; `kubesim serve` runs
/// it behind HTTP with a wall clock (see ``KubeSimServer``).
public final class KubeSim: Sendable {
    /// Cluster state.
    public let cluster: Cluster
    /// The API front end.
    public let api: APIServer
    /// The controllers, scheduler and kubelet.
    public let controllers: ControllerManager

    /// Creates a simulator.
    public init(config: ClusterConfig = ClusterConfig(), clock: SimClock = .manual(), faults: FaultInjector = FaultInjector())
        throws(KubeError)
    {
        cluster = try Cluster(config: config, clock: clock, faults: faults)
        api = APIServer(cluster: cluster)
        controllers = ControllerManager(cluster: cluster)
    }

    /// Runs every controller until nothing changes (at most `maxPasses` passes).
    public func reconcile(maxPasses: Int = 20) {
        controllers.reconcile(maxPasses: maxPasses)
    }

    /// Advances the virtual clock by `seconds` in steps of `step`, reconciling after each.
    public func advance(by seconds: Double, step: Double = 0.1) {
        var left = seconds
        reconcile()
        while left > 1e-9 {
            let d = min(step, left)
            cluster.clock.advance(by: d)
            left -= d
            reconcile()
        }
    }

    /// Handles one API request in-process (no HTTP).
    public func handle(_ req: APIRequest) async -> APIResponse { await api.handle(req) }
}
