import Foundation
import KFModels

/// The chart store (`charts`): global charts (`tenant_uuid` NULL) and charts private to a tenant.
/// At most one live chart exists per name, version and scope; uploading again replaces it (the old
/// row is soft-deleted, the new one gets a new uuid, as KubeFATE did).
public struct ChartRepository: Sendable {
    public let pool: MariaDBPool

    public init(pool: MariaDBPool) { self.pool = pool }

    /// What `importChart` did.
    public enum ImportOutcome: Sendable, Hashable {
        /// No live chart of that name, version and scope existed.
        case inserted(ChartRecord)
        /// A live chart with other content was replaced.
        case replaced(ChartRecord)
        /// A live chart with the same digest exists; nothing was written.
        case unchanged(ChartRecord)
    }

    /// Stores `record` in its scope, replacing (soft-deleting) a live chart with the same name and
    /// version there, in one transaction. Returns the stored row.
    public func upload(_ record: ChartRecord) async throws -> ChartRecord {
        let columns = Self.columns
        return try await pool.transaction { conn in
            try Self.replace(record, on: conn)
            guard let row = try conn.query("SELECT \(columns) FROM charts c WHERE c.uuid = ?", [.text(record.uuid)], idempotent: false).first else {
                throw KubefateError(.internal, "chart \(record.name) \(record.version) vanished after insert")
            }
            return try Self.record(row, withFiles: true)
        }
    }

    /// Stores `record` unless a live chart with the same name, version, scope and digest exists
    /// (start-up import of `KUBEFATE_CHARTS_DIR`: importing twice writes nothing).
    public func importChart(_ record: ChartRecord) async throws -> ImportOutcome {
        let columns = Self.columns
        return try await pool.transaction { conn in
            let existing = try conn.query("""
                SELECT \(columns) FROM charts c WHERE c.name = ? AND c.version = ? AND c.tenant_key = ? AND c.live = 1 FOR UPDATE
                """, [.text(record.name), .text(record.version), .text(record.tenant ?? "")], idempotent: false).first
                .map { try Self.record($0, withFiles: false) }
            if let existing, existing.digest == record.digest { return .unchanged(existing) }
            try Self.replace(record, on: conn)
            return existing == nil ? .inserted(record) : .replaced(record)
        }
    }

    /// Live charts visible to a caller: every chart when `tenants` is nil (platform admin), else
    /// the global ones and those private to `tenants`. Ordered by id. `withFiles: false` leaves
    /// `files` empty (listing).
    public func charts(visibleTo tenants: [String]?, withFiles: Bool = false) async throws -> [ChartRecord] {
        let select = withFiles ? Self.columns : Self.listColumns
        let rows: [SQLRow]
        if let tenants {
            rows = try await pool.query("""
                SELECT \(select) FROM charts c WHERE c.live = 1 AND (c.tenant_uuid IS NULL\
                \(tenants.isEmpty ? "" : " OR c.tenant_uuid IN (\(Rows.placeholders(tenants.count)))")) ORDER BY c.id
                """, tenants.map { .text($0) })
        } else {
            rows = try await pool.query("SELECT \(select) FROM charts c WHERE c.live = 1 ORDER BY c.id")
        }
        return try rows.map { try Self.record($0, withFiles: withFiles) }
    }

    /// The live chart `uuid` (with its files), or nil.
    public func chart(uuid: String) async throws -> ChartRecord? {
        try await pool.query("SELECT \(Self.columns) FROM charts c WHERE c.uuid = ? AND c.live = 1", [.text(uuid)])
            .first.map { try Self.record($0, withFiles: true) }
    }

    /// The chart a cluster of `tenant` installs as (`name`, `version`): the tenant's private chart
    /// if it has one, else the global one; nil when neither exists.
    public func chart(name: String, version: String, tenant: String?) async throws -> ChartRecord? {
        let rows = try await pool.query("""
            SELECT \(Self.columns) FROM charts c WHERE c.name = ? AND c.version = ? AND c.live = 1 AND c.tenant_key IN ('', ?)
            ORDER BY c.tenant_key DESC LIMIT 1
            """, [.text(name), .text(version), .text(tenant ?? "")])
        return try rows.first.map { try Self.record($0, withFiles: true) }
    }

    /// Soft-deletes the live chart `uuid`; false when there is none.
    @discardableResult
    public func delete(uuid: String) async throws -> Bool {
        try await pool.execute("""
            UPDATE charts SET live = NULL, deleted_at = NOW(6), updated_at = NOW(6) WHERE uuid = ? AND live = 1
            """, [.text(uuid)], idempotent: true).affectedRows > 0
    }

    // MARK: Rows

    static let listColumns = """
        c.id, c.uuid, c.tenant_uuid, c.name, c.version, c.app_version, c.chart, c.`values`, c.values_template, \
        c.values_template_example, c.templates, c.digest, c.created_at, c.updated_at, c.deleted_at
        """
    static let columns = listColumns + ", c.files"

    private static func replace(_ record: ChartRecord, on conn: isolated MariaDBConnection) throws {
        try conn.execute("""
            UPDATE charts SET live = NULL, deleted_at = NOW(6), updated_at = NOW(6)
            WHERE name = ? AND version = ? AND tenant_key = ? AND live = 1
            """, [.text(record.name), .text(record.version), .text(record.tenant ?? "")])
        try conn.execute("""
            INSERT INTO charts (uuid, tenant_uuid, tenant_key, name, version, app_version, chart, `values`, values_template,
              values_template_example, templates, files, digest, live, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, NOW(6), NOW(6))
            """, [.text(record.uuid), .optional(record.tenant), .text(record.tenant ?? ""), .text(record.name), .text(record.version),
                  .text(record.appVersion), .text(record.chart), .text(record.values), .text(record.valuesTemplate),
                  .text(record.valuesTemplateExample), .bytes(try encodeTemplates(record.templates)),
                  .bytes(try encodeFiles(record.files)), .text(record.digest)])
    }

    static func record(_ r: SQLRow, withFiles: Bool) throws -> ChartRecord {
        ChartRecord(uuid: try r.string(1), tenant: try r.optionalString(2), name: try r.string(3), version: try r.string(4),
                    appVersion: try r.string(5), chart: try r.string(6), values: try r.string(7), valuesTemplate: try r.string(8),
                    valuesTemplateExample: try r.string(9), templates: try decodeTemplates(r.isNull(10) ? [] : r.bytes(10)),
                    files: withFiles && !r.isNull(15) ? try decodeFiles(r.bytes(15)) : [:], digest: try r.string(11),
                    id: try r.int(0), createdAt: try r.timestamp(12), updatedAt: try r.timestamp(13),
                    deletedAt: try r.optionalTimestamp(14))
    }

    /// Files as JSON `{"path": "<base64>"}`; templates as KubeFATE's `[{"name","data"}]`.
    private struct StoredFile: Codable {
        var name: String
        var data: String
    }

    static func encodeTemplates(_ templates: [ChartRecord.TemplateFile]) throws -> [UInt8] {
        Array(try JSONEncoder().encode(templates.map { StoredFile(name: $0.name, data: Data($0.data).base64EncodedString()) }))
    }

    static func decodeTemplates(_ bytes: [UInt8]) throws -> [ChartRecord.TemplateFile] {
        guard !bytes.isEmpty else { return [] }
        return try JSONDecoder().decode([StoredFile].self, from: Data(bytes)).map { file in
            guard let data = Data(base64Encoded: file.data) else { throw MariaDBError.usage("charts.templates: \(file.name) is not base64") }
            return ChartRecord.TemplateFile(name: file.name, data: Array(data))
        }
    }

    static func encodeFiles(_ files: [String: [UInt8]]) throws -> [UInt8] {
        Array(try JSONEncoder().encode(files.mapValues { Data($0).base64EncodedString() }))
    }

    static func decodeFiles(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        try JSONDecoder().decode([String: String].self, from: Data(bytes)).reduce(into: [:]) { out, entry in
            guard let data = Data(base64Encoded: entry.value) else { throw MariaDBError.usage("charts.files: \(entry.key) is not base64") }
            out[entry.key] = Array(data)
        }
    }
}
