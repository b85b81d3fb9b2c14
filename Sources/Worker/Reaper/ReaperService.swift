import KFDatabase
import KFModels
import KFQueue
import Logging
import ServiceLifecycle

/// Finds jobs whose lease expired (their worker died or hung) and hands them back: Pending with a
/// new outbox row while attempts remain, Failed when they are exhausted. Every worker runs one;
/// the repository makes concurrent reapers safe (`FOR UPDATE SKIP LOCKED`).
struct ReaperService: Service {
    let repository: JobRepository
    let relay: OutboxRelay?
    let config: WorkerConfig
    let metrics: WorkerMetrics
    let logger: Logger
    /// Jobs handled per round.
    var batchSize = 100

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: config.reaperInterval)
                    await reapOnce()
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// One round: reaps up to `batchSize` expired leases, then wakes the relay for requeued jobs.
    func reapOnce() async {
        do {
            let outcomes = try await repository.reapExpired(maxAttempts: config.maxAttempts, limit: batchSize)
            guard !outcomes.isEmpty else { return }
            var requeued = 0
            for outcome in outcomes {
                switch outcome {
                case .requeued(let jobID, let attempt):
                    logger.notice("lease expired; job requeued", metadata: ["job.id": "\(jobID)", "job.attempt": "\(attempt)"])
                    metrics.leaseExpired("requeued")
                    requeued += 1
                case .failed(let jobID, let attempts):
                    logger.warning("lease expired too often; job failed", metadata: ["job.id": "\(jobID)", "job.attempts": "\(attempts)"])
                    metrics.leaseExpired("failed")
                }
            }
            if requeued > 0 { relay?.wake() }
        } catch {
            logger.warning("reaper round failed", metadata: ["error": "\(error)"])
        }
    }
}
