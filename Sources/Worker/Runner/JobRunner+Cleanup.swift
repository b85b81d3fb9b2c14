import KFModels
import Logging

/// The cleanups that follow a run before its job is finished: uninstalling an install that did
/// not succeed, rolling back an update past its time limit. Both keep heartbeating the lease and
/// only a lost lease interrupts them (the stop or time limit that caused them already happened).
extension JobRunner {
    /// Uninstalls what an install that ended `outcome` (not Success) applied, and returns what to
    /// record: the same outcome with the cleanup's note (or failure) added to its reason,
    /// `.abandoned` when the lease was lost, `.released` when the worker is being torn down.
    func undoInstall(_ outcome: RunOutcome, context: JobContext, logger: Logger) async -> RunOutcome {
        guard case .finished(let status, let reason, let state) = outcome else { return outcome }
        let executor = self.executor
        switch await cleanUp(context: context, logger: logger, { try await executor.undoInstall(context) }) {
        case .abandoned: return .abandoned
        case .released: return .released
        case .done(let note):
            let combined = [reason, note].compactMap { $0 }.joined(separator: "; ")
            return .finished(status: status, reason: combined.isEmpty ? nil : combined, state: state)
        case .failed(let error):
            logger.warning("undoing the install failed", metadata: ["error": "\(error)"])
            let failure = "uninstalling the release failed: \(error)"
            return .finished(status: status, reason: [reason, failure].compactMap { $0 }.joined(separator: "; "), state: state)
        }
    }

    /// Rolls an update past its time limit back to the previous revision, as KubeFATE does
    /// (`Checkout Cluster status timeOut!`, then `Cluster run rollback Success` and job `Rollback`;
    /// a failed rollback leaves the job `Failed` with the error as its last state).
    func rollBackTimedOutUpdate(_ outcome: RunOutcome, context: JobContext, logger: Logger) async throws -> RunOutcome {
        guard case .finished(_, let reason, let state) = outcome else { return outcome }
        do {
            try await context.appendState(state)
        } catch JobInterruption.leaseLost {
            return .abandoned
        }
        let executor = self.executor
        let limit = reason ?? "time limit exceeded"
        switch await cleanUp(context: context, logger: logger, { try await executor.rollBackUpdate(context) }) {
        case .abandoned: return .abandoned
        case .released: return .released
        case .done(let note):
            return .finished(status: .rollback, reason: [limit, note].compactMap { $0 }.joined(separator: "; "),
                             state: "Cluster run rollback Success")
        case .failed(let error):
            logger.warning("rolling back the timed-out update failed", metadata: ["error": "\(error)"])
            return .finished(status: .failed, reason: "\(limit); rolling back failed: \(error)", state: "\(error)")
        }
    }

    /// How a cleanup ended.
    private enum CleanupResult {
        case done(String?)
        case failed(any Error)
        case abandoned
        case released
    }

    /// Runs `work` while heartbeating the lease; a lost lease cancels it.
    private func cleanUp(context: JobContext, logger: Logger, _ work: @escaping @Sendable () async throws -> String?) async -> CleanupResult {
        let claim = context.claim, monitor = context.monitor
        let beat = Task { await heartbeat(claim, monitor: monitor, logger: logger) }
        defer { beat.cancel() }
        let cleanup = Task { try await work() }
        monitor.onLeaseLoss { cleanup.cancel() }
        let result = await withTaskCancellationHandler {
            await cleanup.result
        } onCancel: {
            cleanup.cancel()
        }
        if monitor.interruption == .leaseLost { return .abandoned }
        switch result {
        case .success(let note):
            return .done(note)
        case .failure(let error) where error is CancellationError || error is JobInterruption || cleanup.isCancelled:
            // The worker is being torn down: the next claimant runs the cleanup again.
            return .released
        case .failure(let error):
            return .failed(error)
        }
    }
}
