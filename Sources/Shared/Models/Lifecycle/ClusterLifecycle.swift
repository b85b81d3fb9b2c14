/// Something that happens to a cluster.
public enum ClusterEvent: Sendable, Hashable {
    /// A worker claimed a job of this method on the cluster.
    case jobClaimed(JobMethod)
    /// The job ended with the given terminal status.
    case jobFinished(JobMethod, JobStatus)
    /// The reaper gave up on the job (leases expired too often); nobody cleaned up.
    case jobAbandoned(JobMethod)
    /// The job was canceled before any worker started it.
    case jobCanceledBeforeStart(JobMethod)
    /// A health check saw all components ready (`true`) or not.
    case health(ready: Bool)
}

/// The cluster state machine (kubefate-api.md §2.7, made explicit):
///
/// ```
/// install: Pending ─claim─> Creating ─Success─> Running
///                                     └─Failed/Timeout/Canceled─> Deleted (worker cleaned up)
///          Pending ─canceled before start─> Deleted
/// update:  <live> ─claim─> Updating ─Success─> Running | ─Rollback─> Rollback | ─other─> Failed
/// delete:  <live> ─claim─> Deleting ─Success─> Deleted | ─other─> Failed
/// any job abandoned by the reaper ─> Failed (resources may remain; a delete cleans up)
/// health:  Running <──> Unavailable
/// ```
public enum ClusterLifecycle {
    /// The status after `event`, or `.invalidState` when not allowed in `status`.
    public static func next(_ status: ClusterStatus, on event: ClusterEvent) throws(KubefateError) -> ClusterStatus {
        if status == .deleted {
            throw KubefateError(.invalidState, "cluster is deleted", context: [.status: status.name])
        }
        switch event {
        case .jobClaimed(.clusterInstall):
            guard status == .pending || status == .creating else { throw refused(status, "install") }
            return .creating
        case .jobClaimed(.clusterUpdate):
            return .updating
        case .jobClaimed(.clusterDelete):
            return .deleting

        case .jobFinished(let method, let jobStatus):
            guard jobStatus.isTerminal else {
                throw KubefateError(.invalidArgument, "\(jobStatus) is not a terminal job status", context: [.status: jobStatus.name])
            }
            return Self.status(after: method, endedWith: jobStatus)

        case .jobAbandoned(let method):
            return Self.status(abandonedBy: method)

        case .jobCanceledBeforeStart(.clusterInstall):
            return .deleted
        case .jobCanceledBeforeStart(.clusterUpdate), .jobCanceledBeforeStart(.clusterDelete):
            return status

        case .health(let ready):
            switch status {
            case .running, .unavailable: return ready ? .running : .unavailable
            case .pending, .creating, .deleting, .updating, .deleted, .rollback, .failed, .unknown:
                throw refused(status, "refresh the health of")
            }
        }
    }

    /// The cluster's status once the reaper gave up on a `method` job: nobody cleaned up, so it
    /// stays live as Failed (a delete job removes what is left).
    public static func status(abandonedBy method: JobMethod) -> ClusterStatus {
        switch method {
        case .clusterInstall, .clusterUpdate, .clusterDelete: .failed
        }
    }

    /// The cluster's status once a `method` job ended with `job` (a terminal status).
    public static func status(after method: JobMethod, endedWith job: JobStatus) -> ClusterStatus {
        switch (method, job) {
        case (.clusterInstall, .success): .running
        case (.clusterInstall, _): .deleted
        case (.clusterUpdate, .success): .running
        case (.clusterUpdate, .rollback): .rollback
        case (.clusterUpdate, _): .failed
        case (.clusterDelete, .success): .deleted
        case (.clusterDelete, _): .failed
        }
    }

    private static func refused(_ status: ClusterStatus, _ action: String) -> KubefateError {
        KubefateError(.invalidState, "cannot \(action) a cluster in status \(status)", context: [.status: status.name])
    }
}
