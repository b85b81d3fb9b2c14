/// Why a job run ends before its executor finishes.
enum JobInterruption: Error, Sendable, Equatable {
    /// The lease is gone (another worker may own the job now): write nothing more.
    case leaseLost
    /// The job's time limit passed: finish it as Timeout.
    case timedOut
    /// A user asked to stop the job (status Stopping): finish it as Canceled.
    case stopRequested
    /// This worker is shutting down: release the lease so another worker takes the job.
    case shuttingDown
}

/// The control state of one job run, fed by the heartbeat, the time limit and process shutdown.
///
/// A pure value: the runner keeps it behind a lock and asks it, at each step boundary, whether and
/// why to stop. Lease loss, the time limit and a stop request also cut the current step short (a
/// stopped install is uninstalled afterwards, so a half-done step does no harm); a shutdown waits
/// for the step to end.
struct RunControl: Sendable, Equatable {
    /// Something that happened to the run.
    enum Event: Sendable, Equatable {
        /// The database confirmed the lease and the job is not being stopped.
        case leaseHeld
        /// The database says the job's status is Stopping.
        case stopRequested
        /// The lease belongs to a later attempt, or a fenced write was refused.
        case leaseLost
        /// The time limit passed.
        case timeLimitReached
        /// The process got SIGTERM (graceful shutdown).
        case shutdownRequested
    }

    private(set) var leaseLost = false
    private(set) var timedOut = false
    private(set) var stopRequested = false
    private(set) var shuttingDown = false

    /// Applies `event`; returns true when the current step must be cut short now.
    mutating func apply(_ event: Event) -> Bool {
        switch event {
        case .leaseHeld:
            return false
        case .stopRequested:
            let first = !stopRequested && !timedOut && !leaseLost
            stopRequested = true
            return first
        case .leaseLost:
            let first = !leaseLost
            leaseLost = true
            return first
        case .timeLimitReached:
            let first = !timedOut && !leaseLost
            timedOut = true
            return first
        case .shutdownRequested:
            shuttingDown = true
            return false
        }
    }

    /// The reason to stop at the next step boundary, most severe first, or nil to go on.
    var interruption: JobInterruption? {
        if leaseLost { return .leaseLost }
        if timedOut { return .timedOut }
        if stopRequested { return .stopRequested }
        if shuttingDown { return .shuttingDown }
        return nil
    }
}
