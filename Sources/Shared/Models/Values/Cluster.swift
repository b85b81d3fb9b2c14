/// A FATE cluster (kubefate-api.md §2.2). Encodes with KubeFATE's keys (the plural `namespaces`,
/// capitalised `Spec`/`Info`, omitted while nil), our `tenant`, then the gorm keys.
public struct Cluster: Sendable, Hashable, Codable {
    public var uuid: String
    public var name: String
    public var namespace: String
    public var chartName: String
    public var chartVersion: String
    /// The cluster configuration text exactly as submitted.
    public var values: String
    /// `values` parsed into a map, or nil.
    public var spec: JSONValue?
    /// 0 at creation, 1 after a successful install, +1 per successful update.
    public var revision: Int
    public var helmRevision: Int
    public var status: ClusterStatus
    /// Live information computed by describe; never stored.
    public var info: JSONValue?
    public var tenant: String?
    public var id: Int64
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var deletedAt: Timestamp?

    public init(uuid: String, name: String, namespace: String, chartName: String, chartVersion: String,
                values: String, spec: JSONValue? = nil, revision: Int = 0, helmRevision: Int = 0,
                status: ClusterStatus = .pending, info: JSONValue? = nil, tenant: String? = nil, id: Int64 = 0,
                createdAt: Timestamp, updatedAt: Timestamp, deletedAt: Timestamp? = nil) {
        self.uuid = uuid
        self.name = name
        self.namespace = namespace
        self.chartName = chartName
        self.chartVersion = chartVersion
        self.values = values
        self.spec = spec
        self.revision = revision
        self.helmRevision = helmRevision
        self.status = status
        self.info = info
        self.tenant = tenant
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    enum CodingKeys: String, GormModelCodingKey {
        case uuid, name, namespace = "namespaces", chartName = "chart_name", chartVersion = "chart_version"
        case values, spec = "Spec", revision, helmRevision = "helm_revision", chartValues = "chart_values"
        case status, info = "Info", tenant
        case id = "ID", createdAt = "CreatedAt", updatedAt = "UpdatedAt", deletedAt = "DeletedAt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = try c.decode(String.self, forKey: .name)
        namespace = try c.decode(String.self, forKey: .namespace)
        chartName = try c.decodeIfPresent(String.self, forKey: .chartName) ?? ""
        chartVersion = try c.decodeIfPresent(String.self, forKey: .chartVersion) ?? ""
        values = try c.decodeIfPresent(String.self, forKey: .values) ?? ""
        spec = try c.decodeIfPresent(JSONValue.self, forKey: .spec)
        revision = try c.decodeIfPresent(Int.self, forKey: .revision) ?? 0
        helmRevision = try c.decodeIfPresent(Int.self, forKey: .helmRevision) ?? 0
        status = try c.decode(ClusterStatus.self, forKey: .status)
        info = try c.decodeIfPresent(JSONValue.self, forKey: .info)
        tenant = try c.decodeIfPresent(String.self, forKey: .tenant)
        (id, createdAt, updatedAt, deletedAt) = try c.decodeGormModel()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(name, forKey: .name)
        try c.encode(namespace, forKey: .namespace)
        try c.encode(chartName, forKey: .chartName)
        try c.encode(chartVersion, forKey: .chartVersion)
        try c.encode(values, forKey: .values)
        try c.encodeIfPresent(spec, forKey: .spec)
        try c.encode(revision, forKey: .revision)
        try c.encode(helmRevision, forKey: .helmRevision)
        try c.encodeNil(forKey: .chartValues)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(info, forKey: .info)
        try c.encode(tenant, forKey: .tenant)
        try c.encodeGormModel((id, createdAt, updatedAt, deletedAt))
    }
}
