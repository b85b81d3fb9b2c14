import Foundation
import KFModels

/// Column lists and row decoders shared by the repositories.
enum Rows {
    static let jobColumns = """
        j.id, j.uuid, j.tenant_uuid, j.cluster_uuid, j.method, j.creator, j.status, j.attempt, j.time_limit_ns, \
        j.start_time, j.end_time, j.args_present, j.args_name, j.args_namespace, j.args_chart_name, \
        j.args_chart_version, j.args_cover, j.args_data, j.args_keep_upgrade_job, j.args_spec, j.states, j.reason, \
        j.lease_owner, j.lease_until, j.created_at, j.updated_at, j.deleted_at
        """

    /// `jobColumns` without the stored spec (`NULL` in its place, so `job(_:)` decodes it alike):
    /// answers do not show it, and a real spec is kilobytes per row.
    static let jobAnswerColumns = jobColumns.replacingOccurrences(of: "j.args_spec", with: "NULL")

    /// Decodes a row selected with `jobColumns` (sub-jobs are attached separately).
    static func job(_ r: SQLRow) throws -> Job {
        let methodName = try r.string(4)
        guard let method = JobMethod(rawValue: methodName) else { throw MariaDBError.usage("jobs.method: unknown \(methodName)") }
        let args: ClusterArgs? = try r.bool(11)
            ? ClusterArgs(name: r.string(12), namespace: r.string(13), chartName: r.string(14), chartVersion: r.string(15),
                          cover: r.bool(16), data: r.bytes(17), keepUpgradeJob: r.bool(18))
            : nil
        return Job(uuid: try r.string(1), startTime: try r.timestamp(9), endTime: try r.optionalTimestamp(10) ?? .zero,
                   method: method, clusterID: try r.string(3), creator: try r.string(5),
                   status: try enumValue(r, 6, JobStatus.self), timeLimit: .nanoseconds(try r.int(8)),
                   metadata: args, states: try decodeJSON([String].self, r.optionalString(20)) ?? [],
                   attempt: Int(try r.int(7)), reason: try r.optionalString(21), tenant: try r.optionalString(2),
                   leaseOwner: try r.optionalString(22), leaseUntil: try r.optionalTimestamp(23), id: try r.int(0),
                   createdAt: try r.timestamp(24), updatedAt: try r.timestamp(25), deletedAt: try r.optionalTimestamp(26))
    }

    /// The parsed spec stored with the job's arguments (column 19 of `jobColumns`).
    static func jobSpec(_ r: SQLRow) throws -> JSONValue? { try decodeJSON(JSONValue.self, r.optionalString(19)) }

    static let clusterColumns = """
        c.id, c.uuid, c.tenant_uuid, c.name, c.namespace, c.chart_name, c.chart_version, c.`values`, c.spec, \
        c.revision, c.helm_revision, c.status, c.created_at, c.updated_at, c.deleted_at
        """

    static func cluster(_ r: SQLRow) throws -> Cluster {
        let listing = try clusterListing(r)
        var cluster = listing.cluster
        cluster.spec = try decodeJSON(JSONValue.self, listing.specJSON)
        return cluster
    }

    /// Decodes a row selected with `clusterColumns`, leaving the spec as stored text.
    static func clusterListing(_ r: SQLRow) throws -> ClusterListing {
        let cluster = Cluster(uuid: try r.string(1), name: try r.string(3), namespace: try r.string(4), chartName: try r.string(5),
                              chartVersion: try r.string(6), values: try r.string(7), revision: Int(try r.int(9)),
                              helmRevision: Int(try r.int(10)), status: try enumValue(r, 11, ClusterStatus.self),
                              tenant: try r.optionalString(2), id: try r.int(0), createdAt: try r.timestamp(12),
                              updatedAt: try r.timestamp(13), deletedAt: try r.optionalTimestamp(14))
        return ClusterListing(cluster: cluster, specJSON: try r.optionalString(8))
    }

    /// How many columns `jobColumns` selects.
    static let jobColumnCount = 27

    static let subJobColumns = "s.job_uuid, s.name, s.status, s.modules_status, s.pod_status, s.reason, s.start_time, s.end_time"

    /// Decodes the `subJobColumns` that start at column `from` of `r`.
    static func subJob(_ r: SQLRow, from o: Int = 0) throws -> (jobID: String, subJob: SubJob) {
        let status = try r.string(o + 2), modules = try r.string(o + 3)
        guard let s = SubJobStatus(rawValue: status) else { throw MariaDBError.usage("sub_jobs.status: unknown \(status)") }
        guard let m = ModulesStatus(rawValue: modules) else { throw MariaDBError.usage("sub_jobs.modules_status: unknown \(modules)") }
        return (try r.string(o), SubJob(moduleName: try r.string(o + 1), status: s, modulesStatus: m, podStatus: try r.string(o + 4),
                                        reason: try r.optionalString(o + 5) ?? "", startTime: try r.optionalTimestamp(o + 6) ?? .zero,
                                        endTime: try r.optionalTimestamp(o + 7) ?? .zero))
    }

    static func enumValue<E: WireEnum>(_ r: SQLRow, _ i: Int, _ type: E.Type) throws -> E {
        let code = Int(try r.int(i))
        guard let v = E(rawValue: code) else { throw MariaDBError.usage("column \(r.columns[i]): unknown \(E.self) code \(code)") }
        return v
    }

    static func encodeJSON(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String?) throws -> T? {
        guard let text, !text.isEmpty else { return nil }
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// A stored free-form JSON document (`spec`, `info`), parsed without `Codable` (much faster).
    static func decodeJSON(_ type: JSONValue.Type, _ text: String?) throws -> JSONValue? {
        guard let text, !text.isEmpty else { return nil }
        return try JSONValue.parse(text)
    }

    /// `?, ?, …` for `count` parameters (placeholders only; values are always bound).
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
    }
}
