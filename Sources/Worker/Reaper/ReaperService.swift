import KFDatabase
import KFModels
import KFQueue
import Logging
import ServiceLifecycle

/// Finds jobs whose lease expired (their worker died or hung) and hands them back: Pending with a
/// new outbox row while attempts remain, Failed when they are exhausted. Every worker runs one;
/// the repository makes concurrent reapers safe (`FOR UPDATE SKIP LOCKED`). It also republishes
/// jobs left Pending past `republishAfter` whose queue message was lost.
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

    /// One round: reaps up to `batchSize` expired leases and republishes stale Pending jobs, then
    /// wakes the relay for what it queued.
    func reapOnce() async {
        let requeued = await reapExpired()
        let republished = await republishStale()
        if requeued + republished > 0 { relay?.wake() }
    }

    /// Requeues or fails jobs whose lease expired; returns how many were requeued.
    private func reapExpired() async -> Int {
        do {
            let outcomes = try await repository.reapExpired(maxAttempts: config.maxAttempts, limit: batchSize)
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
            return requeued
        } catch {
            logger.warning("reaper round failed", metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// Republishes Pending jobs whose message was lost; returns how many.
    private func republishStale() async -> Int {
        do {
            let jobs = try await repository.republishStalePending(olderThan: config.republishAfter, limit: batchSize)
            for jobID in jobs {
                logger.notice("job waited Pending with no message in flight; republished", metadata: ["job.id": "\(jobID)"])
            }
            return jobs.count
        } catch {
            logger.warning("republish round failed", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
