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
    /// nothing at all once the lease is lost. An install that does not succeed is undone first
    /// (`JobExecutor.undoInstall`); an update past its time limit is rolled back first
    /// (`JobExecutor.rollBackUpdate`), as KubeFATE does.
    func run(_ claim: JobClaim, monitor: RunMonitor) async {
        var logger = logger
        logger[metadataKey: "job.id"] = "\(claim.jobID)"
        logger[metadataKey: "job.attempt"] = "\(claim.attempt)"
        logger[metadataKey: "cluster.name"] = "\(claim.cluster.namespace)/\(claim.cluster.name)"
        let writer = FencedWriter(repository: repository, claim: claim, monitor: monitor, logger: logger)
        let context = JobContext(claim: claim, workerID: config.workerID, logger: logger, monitor: monitor, writer: writer)
        let executor = self.executor
        // A job taken over after its time limit (its previous worker died) goes straight to cleanup.
        if remainingTime(claim) <= .zero { monitor.record(.timeLimitReached) }
        let execution = Task {
            try context.checkpoint()
            return try await executor.execute(context)
        }
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
        let outcome = RunOutcome(result: result, interruption: monitor.interruption, method: claim.method)
        await conclude(outcome, context: context, logger: logger)
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

    /// Renews the lease every heartbeat interval and records what the database says, until cancelled.
    func heartbeat(_ claim: JobClaim, monitor: RunMonitor, logger: Logger) async {
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

    /// Writes the outcome of a run, undoing an install that did not succeed or rolling back a
    /// timed-out update first (unless `undone`).
    private func conclude(_ outcome: RunOutcome, context: JobContext, logger: Logger, undone: Bool = false) async {
        let writer = context.writer
        do {
            switch outcome {
            case .abandoned:
                metrics.finished(outcome)
                logger.warning("lease lost; leaving the job to its new owner")
            case .released:
                metrics.finished(outcome)
                try await writer.perform("release lease") { repository, claim in
                    _ = try await repository.release(claim)
                }
                logger.notice("worker shutting down: lease released")
            case .finished(let status, _, _) where status != .success && context.claim.method == .clusterInstall && !undone:
                await conclude(await undoInstall(outcome, context: context, logger: logger), context: context, logger: logger, undone: true)
            case .finished(.failed, _, _) where context.claim.method == .clusterUpdate && context.monitor.interruption == .timedOut && !undone:
                await conclude(try await rollBackTimedOutUpdate(outcome, context: context, logger: logger), context: context, logger: logger,
                               undone: true)
            case .finished(let status, let reason, let state):
                if try await finish(status: status, reason: reason, state: state, writer: writer) {
                    metrics.finished(outcome)
                    logger.info("job finished", metadata: ["status": "\(status.name)", "reason": "\(reason ?? "")"])
                } else if status == .success, try await writer.perform("check for a stop", { repository, claim in
                    try await repository.heartbeat(claim, lease: config.lease)
                }) == .stopRequested {
                    // A stop requested after the last checkpoint wins over success (JobLifecycle).
                    await conclude(RunOutcome(result: .success(.succeeded), interruption: .stopRequested, method: context.claim.method),
                                   context: context, logger: logger)
                } else {
                    metrics.finished(.abandoned)
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
