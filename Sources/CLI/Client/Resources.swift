import KFModels

/// A chart as `GET /v1/chart/` lists it (§2.4); the templates are not decoded.
struct ChartInfo: Decodable, Sendable, Equatable {
    var uuid: String
    var name: String
    var version: String
    var appVersion: String
    /// The Chart.yaml text.
    var chart: String
    /// The owning tenant's uuid for a private chart, nil for a global one.
    var tenant: String?

    enum CodingKeys: String, CodingKey {
        case uuid, name, version, appVersion = "app_version", chart, tenant
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        version = try c.decodeIfPresent(String.self, forKey: .version) ?? ""
        appVersion = try c.decodeIfPresent(String.self, forKey: .appVersion) ?? ""
        chart = try c.decodeIfPresent(String.self, forKey: .chart) ?? ""
        tenant = try c.decodeIfPresent(String.self, forKey: .tenant)
    }
}

/// `POST /v1/chart` answers `{"helmUUID": …}`.
struct ChartUploadResult: Decodable, Sendable {
    var helmUUID: String
}

/// A Kubernetes namespace as `GET /v1/namespace/` lists it (§2.6).
struct NamespaceInfo: Decodable, Sendable, Equatable {
    var name: String
    var status: String
    var age: String

    enum CodingKeys: String, CodingKey {
        case name = "Name", status = "Status", age = "Age"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        age = try c.decodeIfPresent(String.self, forKey: .age) ?? ""
    }
}

/// A tenant as the tenancy endpoints answer it: `{"uuid","name","ID","CreatedAt","clusterQuota","jobQuota"}`,
/// quotas null when unlimited.
struct TenantInfo: Decodable, Sendable, Equatable {
    var uuid: String
    var name: String
    var clusterQuota: Int?
    var jobQuota: Int?
    var createdAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case uuid, name, clusterQuota, jobQuota, createdAt = "CreatedAt"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = try c.decode(String.self, forKey: .name)
        clusterQuota = try c.decodeIfPresent(Int.self, forKey: .clusterQuota)
        jobQuota = try c.decodeIfPresent(Int.self, forKey: .jobQuota)
        createdAt = try c.decodeIfPresent(Timestamp.self, forKey: .createdAt) ?? .zero
    }
}

/// The answer to `POST/PUT /v1/cluster?dryRun=true`.
struct DryRunResult: Decodable, Sendable {
    var manifest: String
    var diff: String
    var values: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        manifest = try c.decodeIfPresent(String.self, forKey: .manifest) ?? ""
        diff = try c.decodeIfPresent(String.self, forKey: .diff) ?? ""
        values = try c.decodeIfPresent(String.self, forKey: .values) ?? ""
    }

    enum CodingKeys: String, CodingKey { case manifest, diff, values }
}
