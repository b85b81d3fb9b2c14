/// Something that happens to a job.
public enum JobEvent: Sendable, Hashable {
    /// A worker claims the job. `leaseExpired` says whether the previous holder's lease ran out
    /// (or was released), which makes a Running/Stopping job claimable again.
    case claim(leaseExpired: Bool)
    /// The holding worker ends the job with a terminal status.
    case finish(JobStatus)
    /// A user asks to stop the job. `started` says whether any worker claimed it before (a
    /// requeued job may have changed the cluster already, so only a worker can cancel it cleanly).
    case requestStop(method: JobMethod, started: Bool)
    /// The reaper found the job's lease expired, for the `expiries`-th time (this one included).
    /// Graceful releases by stopping workers do not count.
    case leaseExpired(expiries: Int, maxAttempts: Int)
}

/// The job state machine (kubefate-api.md §3, without its races):
///
/// ```
/// Pending ──claim──> Running ──finish──> Success | Failed | Timeout | Rollback
///    │                  │ └──stop (installs only)──> Stopping ──finish──> Canceled | Failed | Timeout
///    └──stop──> Canceled (never claimed) | Stopping (requeued install: a worker cleans up)
/// Running ──lease expired──> Pending (expiries < max) | Failed (attempts exhausted)
/// Stopping ──lease expired──> Stopping, claimable again (expiries < max) | Failed
/// ```
/// A stop request always wins over success: a Stopping job can no longer finish `Success`.
public enum JobLifecycle {
    /// The status after `event`, or `.invalidState` when the event is not allowed in `status`.
    public static func next(_ status: JobStatus, on event: JobEvent) throws(KubefateError) -> JobStatus {
        switch (event, status) {
        case (.claim, .pending):
            return .running
        case (.claim(let expired), .running), (.claim(let expired), .stopping):
            guard expired else { throw refused(status, "claim", "it is held by a live lease") }
            return status
        case (.claim, .success), (.claim, .failed), (.claim, .rollback), (.claim, .timeout), (.claim, .canceled):
            throw refused(status, "claim", "it has ended")

        case (.finish(let target), _):
            guard target.isTerminal else {
                throw KubefateError(.invalidArgument, "\(target) is not a terminal job status", context: [.status: target.name])
            }
            guard finishSources(target).contains(status) else { throw refused(status, "finish as \(target)", nil) }
            return target

        case (.requestStop(let method, let started), .pending):
            guard started else { return .canceled }
            guard method == .clusterInstall else {
                throw KubefateError(.invalidState, "\(method) type jobs do not support stop", context: [.status: status.name])
            }
            return .stopping
        case (.requestStop(let method, _), .running):
            guard method == .clusterInstall else {
                throw KubefateError(.invalidState, "\(method) type jobs do not support stop", context: [.status: status.name])
            }
            return .stopping
        case (.requestStop, .stopping):
            return .stopping
        case (.requestStop, .success), (.requestStop, .failed), (.requestStop, .rollback),
             (.requestStop, .timeout), (.requestStop, .canceled):
            throw KubefateError(.invalidState, "job status is \(status), not support stop", context: [.status: status.name])

        case (.leaseExpired(let expiries, let max), .running):
            return expiries < max ? .pending : .failed
        case (.leaseExpired(let expiries, let max), .stopping):
            return expiries < max ? .stopping : .failed
        case (.leaseExpired, .pending), (.leaseExpired, .success), (.leaseExpired, .failed),
             (.leaseExpired, .rollback), (.leaseExpired, .timeout), (.leaseExpired, .canceled):
            throw refused(status, "expire a lease of", "no lease is held")
        }
    }

    /// The statuses from which a worker may finish a job as `target` (empty for non-terminal targets).
    public static func finishSources(_ target: JobStatus) -> [JobStatus] {
        switch target {
        case .success, .rollback: [.running]
        case .failed, .timeout: [.running, .stopping]
        case .canceled: [.stopping]
        case .pending, .running, .stopping: []
        }
    }

    /// The reason recorded when the reaper gives up on a job.
    public static func exhaustedReason(expiries: Int) -> String { "lease expired \(expiries) times" }

    private static func refused(_ status: JobStatus, _ action: String, _ why: String?) -> KubefateError {
        let tail = why.map { ": \($0)" } ?? ""
        return KubefateError(.invalidState, "cannot \(action) a job in status \(status)\(tail)", context: [.status: status.name])
    }
}
