import Foundation
import KFModels

/// A stored chart: KubeFATE's `HelmChart` row (kubefate-api.md §2.4) plus the tenant it is private
/// to and every file of the chart.
///
/// Encodes with KubeFATE's keys (`values_template`, `templates` as `[{"name","data"(base64)}]`,
/// the gorm keys) and our `tenant` (null for a global chart); `files` and `digest` stay internal.
public struct ChartRecord: Sendable, Hashable, Encodable {
    /// How a chart came into the store.
    public enum Origin: String, Sendable, Hashable {
        /// `POST /v1/chart`.
        case upload
        /// Loaded from `KUBEFATE_CHARTS_DIR` at start.
        case directory
    }

    /// One template file as KubeFATE's `templates` column holds it (Helm's `chart.File`).
    public struct TemplateFile: Sendable, Hashable, Encodable {
        public var name: String
        public var data: [UInt8]

        public init(name: String, data: [UInt8]) {
            self.name = name
            self.data = data
        }

        enum CodingKeys: String, CodingKey { case name, data }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(Data(data).base64EncodedString(), forKey: .data)
        }
    }

    public var uuid: String
    /// The tenant the chart is private to; nil for a global chart.
    public var tenant: String?
    public var name: String
    public var version: String
    public var appVersion: String
    /// The texts of Chart.yaml, values.yaml, values-template.yaml, values-template-example.yaml.
    public var chart: String
    public var values: String
    public var valuesTemplate: String
    public var valuesTemplateExample: String
    public var templates: [TemplateFile]
    /// Every file of the chart by path below the chart root (Chart.yaml, templates/…, files/…).
    public var files: [String: [UInt8]]
    /// Lower-case hex SHA-256 identifying the content (`ChartImport.digest` in the API).
    public var digest: String
    public var origin: Origin
    public var id: Int64
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var deletedAt: Timestamp?

    public init(uuid: String = UUID().uuidString.lowercased(), tenant: String?, name: String, version: String, appVersion: String,
                chart: String, values: String, valuesTemplate: String, valuesTemplateExample: String,
                templates: [TemplateFile], files: [String: [UInt8]], digest: String, origin: Origin = .upload, id: Int64 = 0,
                createdAt: Timestamp = .now(), updatedAt: Timestamp = .now(), deletedAt: Timestamp? = nil) {
        self.uuid = uuid
        self.tenant = tenant
        self.name = name
        self.version = version
        self.appVersion = appVersion
        self.chart = chart
        self.values = values
        self.valuesTemplate = valuesTemplate
        self.valuesTemplateExample = valuesTemplateExample
        self.templates = templates
        self.files = files
        self.digest = digest
        self.origin = origin
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    /// Whether the chart is global (visible to everyone, managed by platform admins).
    public var isGlobal: Bool { tenant == nil }

    enum CodingKeys: String, CodingKey {
        case uuid, name, chart, values, valuesTemplate = "values_template", valuesTemplateExample = "values_template_example"
        case templates, version, appVersion = "app_version", tenant
        case id = "ID", createdAt = "CreatedAt", updatedAt = "UpdatedAt", deletedAt = "DeletedAt"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(name, forKey: .name)
        try c.encode(chart, forKey: .chart)
        try c.encode(values, forKey: .values)
        try c.encode(valuesTemplate, forKey: .valuesTemplate)
        try c.encode(valuesTemplateExample, forKey: .valuesTemplateExample)
        try c.encode(templates, forKey: .templates)
        try c.encode(version, forKey: .version)
        try c.encode(appVersion, forKey: .appVersion)
        try c.encode(tenant, forKey: .tenant)
        try c.encode(id, forKey: .id)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(deletedAt, forKey: .deletedAt)
    }
}

extension ChartRecord {
    /// The chart's files by path, ready for `Chart.load(files:)`. Rows written by KubeFATE's schema
    /// (no `files`) are rebuilt from their texts and templates, as KubeFATE rebuilt them.
    public var chartFiles: [String: [UInt8]] {
        guard files.isEmpty else { return files }
        var rebuilt: [String: [UInt8]] = [
            "Chart.yaml": Array(chart.utf8),
            "values.yaml": Array(values.utf8),
            "values-template.yaml": Array(valuesTemplate.utf8),
        ]
        if !valuesTemplateExample.isEmpty { rebuilt["values-template-example.yaml"] = Array(valuesTemplateExample.utf8) }
        for template in templates { rebuilt[template.name] = template.data }
        return rebuilt
    }
}
