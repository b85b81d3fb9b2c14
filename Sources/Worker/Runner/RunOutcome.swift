import KFModels

/// What the runner writes at the end of a run, decided from the executor's result and the run's
/// control state.
enum RunOutcome: Sendable, Equatable {
    /// The lease is lost: write nothing, the job belongs to a later attempt.
    case abandoned
    /// The worker is shutting down mid-job: release the lease so another worker takes over.
    case released
    /// Finish the job with `status`, storing `reason` and appending `state` to its `states`.
    case finished(status: JobStatus, reason: String?, state: String)

    init(result: Result<JobResult, any Error>, interruption: JobInterruption?) {
        if interruption == .leaseLost {
            self = .abandoned
            return
        }
        switch result {
        case .success(.succeeded) where interruption == .stopRequested:
            // A stop request always wins over success (JobLifecycle).
            self = RunOutcome(.stopRequested)
        case .success(.succeeded):
            self = .finished(status: .success, reason: nil, state: "job run Success")
        case .success(.rolledBack(let reason)):
            self = .finished(status: .rollback, reason: reason, state: "job run Rollback, \(reason)")
        case .success(.failed(let reason)):
            self = .finished(status: .failed, reason: reason, state: "job run Failed, \(reason)")
        case .failure(let error):
            if error is JobInterruption || error is CancellationError {
                // The monitor knows the most severe reason; a bare cancellation means shutdown.
                self = RunOutcome(interruption ?? (error as? JobInterruption) ?? .shuttingDown)
            } else {
                let reason = "\(error)"
                self = .finished(status: .failed, reason: reason, state: "job run Failed, \(reason)")
            }
        }
    }

    private init(_ interruption: JobInterruption) {
        switch interruption {
        case .leaseLost:
            self = .abandoned
        case .timedOut:
            self = .finished(status: .timeout, reason: "time limit exceeded", state: "checkout Cluster status timeOut!")
        case .stopRequested:
            self = .finished(status: .canceled, reason: "stopped by user", state: "job stopped")
        case .shuttingDown:
            self = .released
        }
    }
}
