import Foundation
import KFModels

/// A request for a new job, written by `JobRepository.submit` in one transaction.
public struct JobSubmission: Sendable, Hashable {
    /// What the job does and to which cluster.
    public enum Target: Sendable, Hashable {
        /// Create the cluster `args.namespace`/`args.name`. `spec` is `args.data` parsed into a map.
        case install(ClusterArgs, spec: JSONValue?)
        /// Change the live cluster `args.namespace`/`args.name` to `args`.
        case update(ClusterArgs, spec: JSONValue?)
        /// Delete the live cluster with this uuid.
        case delete(clusterID: String)
    }

    public var target: Target
    /// The new job's uuid (a fresh v4 uuid by default).
    public var jobID: String
    /// The requesting username (`creator`).
    public var creator: String
    /// The tenant the cluster and job belong to, or nil.
    public var tenant: String?
    public var timeLimit: Duration

    public init(_ target: Target, creator: String, tenant: String? = nil, timeLimit: Duration = Job.defaultTimeLimit,
                jobID: String = UUID().uuidString.lowercased()) {
        self.target = target
        self.creator = creator
        self.tenant = tenant
        self.timeLimit = timeLimit
        self.jobID = jobID
    }

    public var method: JobMethod {
        switch target {
        case .install: .clusterInstall
        case .update: .clusterUpdate
        case .delete: .clusterDelete
        }
    }

    var args: ClusterArgs? {
        switch target {
        case .install(let a, _), .update(let a, _): a
        case .delete: nil
        }
    }

    var spec: JSONValue? {
        switch target {
        case .install(_, let s), .update(_, let s): s
        case .delete: nil
        }
    }
}

/// A worker's claim on a job: the fencing token (`attempt`) and everything needed to run it.
/// Every write a worker makes passes its claim; a stale claim's writes are rejected.
public struct JobClaim: Sendable, Hashable {
    public var jobID: String
    /// The fencing token: the job's attempt counter after this claim.
    public var attempt: Int
    /// The worker id that holds the lease.
    public var owner: String
    public var method: JobMethod
    /// `.running`, or `.stopping` when a stop was requested (before or after the claim).
    public var status: JobStatus
    /// The cluster as it was when claimed (status already moved to Creating/Updating/Deleting).
    public var cluster: Cluster
    /// The request arguments (nil for delete jobs).
    public var args: ClusterArgs?
    /// The parsed configuration submitted with the arguments, if any.
    public var spec: JSONValue?
    public var creator: String
    public var tenant: String?
    public var startTime: Timestamp
    public var timeLimit: Duration
    /// Database time when the lease expires unless renewed.
    public var leaseUntil: Timestamp

    /// Whether a stop was requested (the job is Stopping).
    public var stopRequested: Bool { status == .stopping }
    /// When the job's time limit runs out.
    public var deadline: Timestamp { startTime.adding(timeLimit) }
}

/// What a heartbeat found.
public enum LeaseState: Sendable, Hashable {
    /// The lease is renewed.
    case held
    /// The claim is stale (reaped, reclaimed by another worker, or the job ended): stop working.
    case lost
    /// The lease is renewed and a stop was requested: cancel at the next step.
    case stopRequested
}

/// What the reaper did with one job whose lease expired.
public enum ReapOutcome: Sendable, Hashable {
    /// Back to Pending (or still Stopping) with a new outbox row; `attempt` claims so far.
    case requeued(jobID: String, attempt: Int)
    /// Given up after `attempts` expired leases: Failed with the reason "lease expired N times".
    case failed(jobID: String, attempts: Int)

    public var jobID: String {
        switch self {
        case .requeued(let id, _), .failed(let id, _): id
        }
    }
}

/// Filters for listing jobs (all optional; newest first).
public struct JobFilter: Sendable, Hashable {
    /// Only jobs of these tenants (nil: any tenant).
    public var tenants: [String]?
    public var creator: String?
    public var statuses: [JobStatus]?
    public var clusterID: String?
    /// Only jobs with a smaller `ID` (paging).
    public var beforeID: Int64?
    public var limit: Int
    /// Rows skipped before the first one returned (paging).
    public var offset: Int

    public init(tenants: [String]? = nil, creator: String? = nil, statuses: [JobStatus]? = nil, clusterID: String? = nil,
                beforeID: Int64? = nil, limit: Int = 100, offset: Int = 0) {
        self.offset = offset
        self.tenants = tenants
        self.creator = creator
        self.statuses = statuses
        self.clusterID = clusterID
        self.beforeID = beforeID
        self.limit = limit
    }
}

/// Filters for listing clusters.
public struct ClusterFilter: Sendable, Hashable {
    public var tenants: [String]?
    /// Include deleted clusters (KubeFATE's `all=true`).
    public var includeDeleted: Bool
    public var limit: Int
    /// Rows skipped before the first one returned (paging).
    public var offset: Int
    /// Only clusters with a larger `ID` (keyset paging; ignores `offset`).
    public var afterID: Int64?

    public init(tenants: [String]? = nil, includeDeleted: Bool = false, limit: Int = 1000, offset: Int = 0, afterID: Int64? = nil) {
        self.offset = offset
        self.afterID = afterID
        self.tenants = tenants
        self.includeDeleted = includeDeleted
        self.limit = limit
    }
}
