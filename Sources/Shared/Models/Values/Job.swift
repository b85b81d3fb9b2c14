/// A job: one install, update or delete of a cluster (kubefate-api.md §2.3).
///
/// Encodes with KubeFATE's keys in Go's field order, then our additions (`attempt`, `reason`,
/// `tenant`, `lease_owner`, `lease_until`), then the gorm keys `ID`, `CreatedAt`, `UpdatedAt`,
/// `DeletedAt`. `sub_jobs` and `states` are `null` while empty, as in KubeFATE.
public struct Job: Sendable, Hashable, Codable {
    public var uuid: String
    public var startTime: Timestamp
    /// Zero until the job ends.
    public var endTime: Timestamp
    public var method: JobMethod
    /// The cluster's uuid (set at submission, also for installs).
    public var clusterID: String
    public var creator: String
    /// Sub-jobs keyed by component name.
    public var subJobs: [String: SubJob]
    public var status: JobStatus
    public var timeLimit: Duration
    /// The request arguments; nil for delete jobs.
    public var metadata: ClusterArgs?
    /// The ordered event log.
    public var states: [String]
    /// Claims so far; the current claim's fencing token.
    public var attempt: Int
    /// Why the job failed, timed out or was canceled, or nil.
    public var reason: String?
    /// The owning tenant's uuid, or nil for jobs outside any tenant.
    public var tenant: String?
    /// The worker holding the lease, or nil.
    public var leaseOwner: String?
    /// When the lease expires, or nil when no lease is held.
    public var leaseUntil: Timestamp?
    public var id: Int64
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var deletedAt: Timestamp?

    /// The default time limit, 1 h, as in KubeFATE.
    public static let defaultTimeLimit: Duration = .seconds(3600)

    public init(uuid: String, startTime: Timestamp, endTime: Timestamp = .zero, method: JobMethod, clusterID: String,
                creator: String, subJobs: [String: SubJob] = [:], status: JobStatus = .pending,
                timeLimit: Duration = Job.defaultTimeLimit, metadata: ClusterArgs?, states: [String] = [],
                attempt: Int = 0, reason: String? = nil, tenant: String? = nil, leaseOwner: String? = nil,
                leaseUntil: Timestamp? = nil, id: Int64 = 0, createdAt: Timestamp, updatedAt: Timestamp,
                deletedAt: Timestamp? = nil) {
        self.uuid = uuid
        self.startTime = startTime
        self.endTime = endTime
        self.method = method
        self.clusterID = clusterID
        self.creator = creator
        self.subJobs = subJobs
        self.status = status
        self.timeLimit = timeLimit
        self.metadata = metadata
        self.states = states
        self.attempt = attempt
        self.reason = reason
        self.tenant = tenant
        self.leaseOwner = leaseOwner
        self.leaseUntil = leaseUntil
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    /// When the time limit runs out (`start_time + time_limit`).
    public var deadline: Timestamp { startTime.adding(timeLimit) }

    enum CodingKeys: String, GormModelCodingKey {
        case uuid, startTime = "start_time", endTime = "end_time", method, clusterID = "cluster_id", creator
        case subJobs = "sub_jobs", status, timeLimit = "time_limit", metadata = "meta_data", states
        case attempt, reason, tenant, leaseOwner = "lease_owner", leaseUntil = "lease_until"
        case id = "ID", createdAt = "CreatedAt", updatedAt = "UpdatedAt", deletedAt = "DeletedAt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        startTime = try c.decodeIfPresent(Timestamp.self, forKey: .startTime) ?? .zero
        endTime = try c.decodeIfPresent(Timestamp.self, forKey: .endTime) ?? .zero
        method = try c.decode(JobMethod.self, forKey: .method)
        clusterID = try c.decodeIfPresent(String.self, forKey: .clusterID) ?? ""
        creator = try c.decodeIfPresent(String.self, forKey: .creator) ?? ""
        subJobs = try c.decodeIfPresent([String: SubJob].self, forKey: .subJobs) ?? [:]
        status = try c.decode(JobStatus.self, forKey: .status)
        timeLimit = .nanoseconds(try c.decodeIfPresent(Int64.self, forKey: .timeLimit) ?? 0)
        metadata = try c.decodeIfPresent(ClusterArgs.self, forKey: .metadata)
        states = try c.decodeIfPresent([String].self, forKey: .states) ?? []
        attempt = try c.decodeIfPresent(Int.self, forKey: .attempt) ?? 0
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        tenant = try c.decodeIfPresent(String.self, forKey: .tenant)
        leaseOwner = try c.decodeIfPresent(String.self, forKey: .leaseOwner)
        leaseUntil = try c.decodeIfPresent(Timestamp.self, forKey: .leaseUntil)
        (id, createdAt, updatedAt, deletedAt) = try c.decodeGormModel()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(startTime, forKey: .startTime)
        try c.encode(endTime, forKey: .endTime)
        try c.encode(method, forKey: .method)
        try c.encode(clusterID, forKey: .clusterID)
        try c.encode(creator, forKey: .creator)
        if subJobs.isEmpty { try c.encodeNil(forKey: .subJobs) } else { try c.encode(subJobs, forKey: .subJobs) }
        try c.encode(status, forKey: .status)
        try c.encode(timeLimit.nanoseconds, forKey: .timeLimit)
        try c.encode(metadata, forKey: .metadata)
        if states.isEmpty { try c.encodeNil(forKey: .states) } else { try c.encode(states, forKey: .states) }
        try c.encode(attempt, forKey: .attempt)
        try c.encode(reason, forKey: .reason)
        try c.encode(tenant, forKey: .tenant)
        try c.encode(leaseOwner, forKey: .leaseOwner)
        try c.encode(leaseUntil, forKey: .leaseUntil)
        try c.encodeGormModel((id, createdAt, updatedAt, deletedAt))
    }
}
