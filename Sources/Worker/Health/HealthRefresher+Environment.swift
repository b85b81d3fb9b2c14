import Foundation
import KFDatabase
import KFDeploy
import KFKube
import Logging

extension HealthRefresher {
    /// The refresher of a worker that deploys to Kubernetes (`KUBEFATE_WORKER_EXECUTOR=kubernetes`,
    /// the cluster of `KUBECONFIG` or the in-cluster service account), or nil for the simulated
    /// executor, which has no Kubernetes to ask. `KUBEFATE_WORKER_HEALTH_INTERVAL` (`60s`, `5m`, …)
    /// sets the interval.
    static func make(environment: [String: String], pool: MariaDBPool, logger: Logger) throws -> HealthRefresher? {
        guard environment["KUBEFATE_WORKER_EXECUTOR"] == "kubernetes" else { return nil }
        let interval = try Self.interval(environment)
        let client = KubeClient(config: try KubeConfig.fromEnvironment(environment))
        return HealthRefresher(clusters: ClusterRepository(pool: pool), reader: ClusterInfoReader(client: client),
                               interval: interval, logger: logger)
    }

    /// `KUBEFATE_WORKER_HEALTH_INTERVAL`, default 60 seconds; must be positive.
    static func interval(_ environment: [String: String]) throws -> Duration {
        guard let text = environment["KUBEFATE_WORKER_HEALTH_INTERVAL"] else { return .seconds(60) }
        guard let interval = DurationText.parse(text), interval > .zero else {
            throw WorkerError(message: "KUBEFATE_WORKER_HEALTH_INTERVAL must be a positive duration (e.g. 60s, 5m), not '\(text)'")
        }
        return interval
    }
}
