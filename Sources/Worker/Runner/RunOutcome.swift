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

    /// The outcome of a `method` job whose executor ended with `result` while the run's control
    /// state said `interruption`.
    ///
    /// A stop or the time limit cut the executor short, so whatever it returned or threw then
    /// (typically a cancelled request) is a consequence of the interruption, which decides.
    init(result: Result<JobResult, any Error>, interruption: JobInterruption?, method: JobMethod) {
        if interruption == .leaseLost {
            self = .abandoned
            return
        }
        let cutShort = interruption == .stopRequested || interruption == .timedOut
        switch result {
        case .success(.succeeded) where interruption == .stopRequested:
            // A stop request always wins over success (JobLifecycle).
            self = RunOutcome(.stopRequested, method: method)
        case .success(.succeeded):
            self = .finished(status: .success, reason: nil, state: "job run Success")
        case .success(.rolledBack(let reason)):
            self = .finished(status: .rollback, reason: reason, state: "job run Rollback, \(reason)")
        case .success(.failed) where cutShort:
            self = RunOutcome(interruption ?? .timedOut, method: method)
        case .success(.failed(let reason)):
            self = .finished(status: .failed, reason: reason, state: "job run Failed, \(reason)")
        case .failure(let error):
            if error is JobInterruption || error is CancellationError || cutShort {
                // The monitor knows the most severe reason; a bare cancellation means shutdown.
                self = RunOutcome(interruption ?? (error as? JobInterruption) ?? .shuttingDown, method: method)
            } else {
                let reason = "\(error)"
                self = .finished(status: .failed, reason: reason, state: "job run Failed, \(reason)")
            }
        }
    }

    private init(_ interruption: JobInterruption, method: JobMethod) {
        switch interruption {
        case .leaseLost:
            self = .abandoned
        case .timedOut where method == .clusterInstall:
            // KubeFATE fails a timed-out install (and cleans it up); `Timeout` is never written for it.
            self = .finished(status: .failed, reason: "time limit exceeded", state: "checkout Cluster status timeOut!")
        case .timedOut where method == .clusterUpdate:
            // KubeFATE's update wording; the runner rolls the update back before finishing the job.
            self = .finished(status: .failed, reason: "time limit exceeded", state: "Checkout Cluster status timeOut!")
        case .timedOut:
            self = .finished(status: .timeout, reason: "time limit exceeded", state: "checkout Cluster status timeOut!")
        case .stopRequested:
            self = .finished(status: .canceled, reason: "stopped by user", state: "job stopped")
        case .shuttingDown:
            self = .released
        }
    }
}
