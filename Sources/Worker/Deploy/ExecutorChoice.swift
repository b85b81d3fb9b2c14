import Foundation
import KFDeploy
import KFKube

/// Which executor runs jobs: `KUBEFATE_WORKER_EXECUTOR=kubernetes` deploys charts (found in the
/// folders of `KUBEFATE_CHARTS_DIR`, colon-separated, default `charts`) into the cluster of
/// `KUBECONFIG` (or the in-cluster service account); `simulated` (the default until the shipped
/// FATE charts exist) runs the spec's `simulate:` section without Kubernetes.
enum ExecutorChoice {
    static func make(environment: [String: String], simulationLog: ExecutionLog?) throws -> any JobExecutor {
        switch environment["KUBEFATE_WORKER_EXECUTOR"] ?? "simulated" {
        case "simulated":
            return SimulatedExecutor(log: simulationLog)
        case "kubernetes":
            let client = KubeClient(config: try KubeConfig.fromEnvironment(environment))
            let folders = (environment["KUBEFATE_CHARTS_DIR"] ?? "charts").split(separator: ":").map(String.init)
            return DeployExecutor(client: client, charts: DirectoryChartSource(folders: folders), deployer: ReleaseDeployer(client: client))
        case let other:
            throw WorkerError(message: "KUBEFATE_WORKER_EXECUTOR must be simulated or kubernetes, not \(other)")
        }
    }
}
