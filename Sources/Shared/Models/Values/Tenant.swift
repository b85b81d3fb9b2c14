/// A tenant: a team sharing the service. Owns namespaces, clusters and jobs.
public struct Tenant: Sendable, Hashable, Codable {
    public var uuid: String
    public var name: String
    public var id: Int64
    public var createdAt: Timestamp

    public init(uuid: String, name: String, id: Int64 = 0, createdAt: Timestamp) {
        self.uuid = uuid
        self.name = name
        self.id = id
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case uuid, name, id = "ID", createdAt = "CreatedAt"
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
