import Foundation
import KFDatabase
import KFDeploy
import KFKube

/// Which executor runs jobs: `KUBEFATE_WORKER_EXECUTOR=kubernetes` deploys charts from the chart
/// store into the cluster of `KUBECONFIG` (or the in-cluster service account); `simulated` (the
/// default) runs the spec's `simulate:` section without Kubernetes.
///
/// `KUBEFATE_WORKER_FAILURE_GRACE` (default 2m) is how long a component may stay blocked (image
/// pull, crash loop, unschedulable, …) before the job fails with that reason.
/// `KUBEFATE_WORKER_CRASH_AT` is a test hook only (see ``CrashPoint``).
enum ExecutorChoice {
    static func make(environment: [String: String], charts: ChartRepository, simulationLog: ExecutionLog?) throws -> any JobExecutor {
        switch environment["KUBEFATE_WORKER_EXECUTOR"] ?? "simulated" {
        case "simulated":
            return SimulatedExecutor(log: simulationLog)
        case "kubernetes":
            let client = KubeClient(config: try KubeConfig.fromEnvironment(environment))
            let graceText = environment["KUBEFATE_WORKER_FAILURE_GRACE"] ?? "2m"
            guard let grace = DurationText.parse(graceText) else {
                throw WorkerError(message: "KUBEFATE_WORKER_FAILURE_GRACE=\"\(graceText)\": not a duration (e.g. 30s, 2m)")
            }
            let deployer = ReleaseDeployer(client: client, watcher: ReleaseWatcher(client: client, failureGrace: grace))
            return DeployExecutor(client: client, charts: StoreChartSource(repository: charts), deployer: deployer,
                                  crashPoint: try CrashPoint.fromEnvironment(environment))
        case let other:
            throw WorkerError(message: "KUBEFATE_WORKER_EXECUTOR must be simulated or kubernetes, not \(other)")
        }
    }
}
