import KFDatabase
import KFDeploy
import KFKube
import KFModels
import Logging
import ServiceLifecycle

/// Keeps every live cluster's `Info` fresh and its status truthful (Running ↔ Unavailable) after
/// its jobs ended, as `kubefate cluster describe` would recompute them. Every worker runs one; they
/// share the clusters through `ClusterRepository.claimHealthChecks` (`FOR UPDATE SKIP LOCKED` and
/// the `health_checked_at` stamp), so each cluster is checked about once per interval in all.
struct HealthRefresher: Service {
    let clusters: ClusterRepository
    let reader: ClusterInfoReader
    /// How often each cluster is re-checked (`KUBEFATE_WORKER_HEALTH_INTERVAL`, default 60s).
    let interval: Duration
    let logger: Logger
    /// Clusters claimed per transaction.
    var batchSize = 20

    /// What one check found.
    enum Outcome: Sendable, Equatable {
        /// The info was stored; `changed` is the new status when the check flipped it.
        case checked(clusterID: String, healthy: Bool, changed: ClusterStatus?)
        /// Kubernetes could not be read; nothing was changed.
        case unreachable(clusterID: String, reason: String)
    }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    _ = await refreshDue()
                    // Claims are stamped, so polling at half the interval keeps checks close to it.
                    try await Task.sleep(for: interval / 2)
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// Checks every cluster that is due, in claimed batches, and returns what each check found.
    /// A round checks each cluster at most once, even when the interval is shorter than the round.
    func refreshDue() async -> [Outcome] {
        var outcomes: [Outcome] = []
        var checked: Set<String> = []
        do {
            while true {
                let targets = try await clusters.claimHealthChecks(interval: interval, limit: batchSize)
                let fresh = targets.filter { checked.insert($0.clusterID).inserted }
                for target in fresh { outcomes.append(await check(target)) }
                if targets.count < batchSize || fresh.isEmpty { break }
            }
        } catch {
            logger.warning("health round failed", metadata: ["error": "\(error)"])
        }
        return outcomes
    }

    /// Reads one cluster's info and records it; a cluster Kubernetes cannot be asked about keeps its status.
    func check(_ target: HealthCheckTarget) async -> Outcome {
        let info: ClusterInfo
        do {
            info = try await reader.read(name: target.name, namespace: target.namespace)
        } catch {
            logger.warning("cluster health check could not read Kubernetes",
                           metadata: ["cluster.id": "\(target.clusterID)", "error": "\(error)"])
            return .unreachable(clusterID: target.clusterID, reason: "\(error)")
        }
        do {
            let changed = try await clusters.recordHealth(clusterID: target.clusterID, info: try info.jsonText(), healthy: info.isHealthy)
            if let changed {
                logger.notice("cluster health changed", metadata: [
                    "cluster.id": "\(target.clusterID)", "cluster.name": "\(target.name)", "status": "\(changed)",
                ])
            }
            return .checked(clusterID: target.clusterID, healthy: info.isHealthy, changed: changed)
        } catch {
            logger.warning("cluster health could not be stored", metadata: ["cluster.id": "\(target.clusterID)", "error": "\(error)"])
            return .unreachable(clusterID: target.clusterID, reason: "\(error)")
        }
    }
}
