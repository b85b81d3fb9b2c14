/// A tenant: a team sharing the service. Owns namespaces, clusters and jobs.
///
/// JSON: `{"uuid","name","ID","CreatedAt","clusterQuota","jobQuota"}`, the quotas `null` when unlimited.
public struct Tenant: Sendable, Hashable, Codable {
    public var uuid: String
    public var name: String
    public var id: Int64
    public var createdAt: Timestamp
    /// How many live clusters the tenant may have at once (nil: unlimited).
    public var clusterQuota: Int?
    /// How many jobs may be Pending, Running or Stopping at once (nil: unlimited).
    public var jobQuota: Int?

    public init(uuid: String, name: String, id: Int64 = 0, createdAt: Timestamp, clusterQuota: Int? = nil, jobQuota: Int? = nil) {
        self.uuid = uuid
        self.name = name
        self.id = id
        self.createdAt = createdAt
        self.clusterQuota = clusterQuota
        self.jobQuota = jobQuota
    }

    enum CodingKeys: String, CodingKey {
        case uuid, name, id = "ID", createdAt = "CreatedAt", clusterQuota, jobQuota
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decodeIfPresent(String.self, forKey: .uuid) ?? ""
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        id = try c.decodeIfPresent(Int64.self, forKey: .id) ?? 0
        createdAt = try c.decodeIfPresent(Timestamp.self, forKey: .createdAt) ?? .zero
        clusterQuota = try c.decodeIfPresent(Int.self, forKey: .clusterQuota)
        jobQuota = try c.decodeIfPresent(Int.self, forKey: .jobQuota)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(name, forKey: .name)
        try c.encode(id, forKey: .id)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(clusterQuota, forKey: .clusterQuota)
        try c.encode(jobQuota, forKey: .jobQuota)
    }
}

/// A user's role in one tenant.
public struct Membership: Sendable, Hashable, Codable {
    public var tenant: Tenant
    public var role: Role

    public init(tenant: Tenant, role: Role) {
        self.tenant = tenant
        self.role = role
    }
}
