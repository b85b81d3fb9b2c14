import KFDatabase
import KFModels
import Logging

/// Runs one claimed job to its end: executor, heartbeat, time limit, and the final fenced write.
struct JobRunner: Sendable {
    let repository: JobRepository
    let executor: any JobExecutor
    let config: WorkerConfig
    let metrics: WorkerMetrics
    let logger: Logger

    /// Runs `claim` until the executor ends or the run is interrupted, then records the outcome:
    /// Success / Failed / Timeout / Canceled through `finish`, a released lease on shutdown, and
    /// nothing at all once the lease is lost.
    func run(_ claim: JobClaim, monitor: RunMonitor) async {
        var logger = logger
        logger[metadataKey: "job.id"] = "\(claim.jobID)"
        logger[metadataKey: "job.attempt"] = "\(claim.attempt)"
        logger[metadataKey: "cluster.name"] = "\(claim.cluster.namespace)/\(claim.cluster.name)"
        let writer = FencedWriter(repository: repository, claim: claim, monitor: monitor, logger: logger)
        let context = JobContext(claim: claim, workerID: config.workerID, logger: logger, monitor: monitor, writer: writer)
        let executor = self.executor
        let execution = Task { try await executor.execute(context) }
        monitor.onAbort { execution.cancel() }
        let supervision = Task { await supervise(claim, monitor: monitor, logger: logger) }
        let result = await withTaskCancellationHandler {
            await execution.result
        } onCancel: {
            monitor.record(.shutdownRequested)
            execution.cancel()
        }
        supervision.cancel()
        if case .success(.succeeded) = result, monitor.interruption == nil {
            // A stop requested since the last heartbeat still wins over success.
            if (try? await repository.heartbeat(claim, lease: config.lease)) == .stopRequested {
                monitor.record(.stopRequested)
            }
        }
        await conclude(claim, result: result, monitor: monitor, writer: writer, logger: logger)
    }

    /// Heartbeats the lease and fires the time limit until cancelled.
    private func supervise(_ claim: JobClaim, monitor: RunMonitor, logger: Logger) async {
        let deadline = ContinuousClock.now + remainingTime(claim)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await Task.sleep(until: deadline)
                    monitor.record(.timeLimitReached)
                } catch {}
            }
            group.addTask { await heartbeat(claim, monitor: monitor, logger: logger) }
            await group.waitForAll()
        }
    }

    private func heartbeat(_ claim: JobClaim, monitor: RunMonitor, logger: Logger) async {
        while true {
            do {
                try await Task.sleep(for: config.heartbeatInterval)
            } catch {
                return
            }
            do {
                switch try await repository.heartbeat(claim, lease: config.lease) {
                case .held:
                    monitor.record(.leaseHeld)
                case .stopRequested:
                    monitor.record(.stopRequested)
                case .lost:
                    logger.warning("lease lost: another worker owns the job now")
                    monitor.record(.leaseLost)
                    return
                }
            } catch {
                metrics.heartbeatFailures.increment()
                logger.warning("heartbeat failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The time the job may still run: its time limit (capped by the worker's) counted from the
    /// job's creation, as KubeFATE counts it.
    private func remainingTime(_ claim: JobClaim) -> Duration {
        let limit = claim.timeLimit > .zero ? min(claim.timeLimit, config.maxTimeLimit) : config.maxTimeLimit
        return claim.startTime.adding(limit).since(.now())
    }

    /// Writes the outcome of a run.
    private func conclude(
        _ claim: JobClaim, result: Result<JobResult, any Error>, monitor: RunMonitor, writer: FencedWriter,
        logger: Logger
    ) async {
        let outcome = RunOutcome(result: result, interruption: monitor.interruption)
        metrics.finished(outcome)
        do {
            switch outcome {
            case .abandoned:
                logger.warning("lease lost; leaving the job to its new owner")
                return
            case .released:
                try await writer.perform("release lease") { repository, claim in
                    _ = try await repository.release(claim)
                }
                logger.notice("worker shutting down: lease released")
                return
            case .finished(let status, let reason, let state):
                if try await finish(status: status, reason: reason, state: state, writer: writer) {
                    logger.info("job finished", metadata: ["status": "\(status.name)", "reason": "\(reason ?? "")"])
                } else if status == .success,
                    try await finish(status: .canceled, reason: "stopped by user", state: "job stopped", writer: writer)
                {
                    // A stop requested after the last checkpoint wins over success (JobLifecycle).
                    logger.info("job finished", metadata: ["status": "Canceled", "reason": "stopped by user"])
                } else {
                    logger.warning("finish refused: the lease is no longer ours")
                }
            }
        } catch {
            logger.warning("could not record the job's outcome", metadata: ["error": "\(error)"])
        }
    }

    /// Appends `state` and finishes the job with `status`; false when the job's current status or
    /// attempt does not allow it.
    private func finish(status: JobStatus, reason: String?, state: String, writer: FencedWriter) async throws -> Bool {
        do {
            try await writer.perform("append state") { repository, claim in
                try await repository.appendState(claim, state)
            }
        } catch JobInterruption.leaseLost {
            return false
        }
        return try await writer.perform("finish job") { repository, claim in
            try await repository.finish(claim, status: status, reason: reason)
        }
    }
}
