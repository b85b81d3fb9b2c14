import Foundation

/// The body of install/update requests and a job's `meta_data` (kubefate-api.md §2.3.1).
///
/// `data` is the cluster configuration text (YAML or JSON), base64 on the wire like Go's `[]byte`.
/// Keys decode case-insensitively, as Go's `encoding/json` matches them (`keep_upgrade_job` binds).
public struct ClusterArgs: Sendable, Hashable, Codable {
    public var name: String
    public var namespace: String
    public var chartName: String
    public var chartVersion: String
    public var cover: Bool
    public var data: [UInt8]
    public var keepUpgradeJob: Bool

    public init(name: String, namespace: String, chartName: String, chartVersion: String,
                cover: Bool = false, data: [UInt8] = [], keepUpgradeJob: Bool = false) {
        self.name = name
        self.namespace = namespace
        self.chartName = chartName
        self.chartVersion = chartVersion
        self.cover = cover
        self.data = data
        self.keepUpgradeJob = keepUpgradeJob
    }

    /// `data` as UTF-8 text (invalid sequences replaced).
    public var dataText: String { String(decoding: data, as: UTF8.self) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, namespace, chartName = "chart_name", chartVersion = "chart_version", cover, data
        case keepUpgradeJob = "Keep_upgrade_job"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        func key(_ k: CodingKeys) -> AnyKey? {
            c.allKeys.first { $0.stringValue.lowercased() == k.rawValue.lowercased() }
        }
        func string(_ k: CodingKeys) throws -> String {
            guard let key = key(k) else { return "" }
            return try c.decodeIfPresent(String.self, forKey: key) ?? ""
        }
        func bool(_ k: CodingKeys) throws -> Bool {
            guard let key = key(k) else { return false }
            return try c.decodeIfPresent(Bool.self, forKey: key) ?? false
        }
        name = try string(.name)
        namespace = try string(.namespace)
        chartName = try string(.chartName)
        chartVersion = try string(.chartVersion)
        cover = try bool(.cover)
        keepUpgradeJob = try bool(.keepUpgradeJob)
        let text = try string(.data)
        guard let bytes = Data(base64Encoded: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [AnyKey("data")],
                                                    debugDescription: "data is not base64"))
        }
        data = [UInt8](bytes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(namespace, forKey: .namespace)
        try c.encode(chartName, forKey: .chartName)
        try c.encode(chartVersion, forKey: .chartVersion)
        try c.encode(cover, forKey: .cover)
        try c.encode(Data(data).base64EncodedString(), forKey: .data)
        try c.encode(keepUpgradeJob, forKey: .keepUpgradeJob)
    }
}

/// A coding key for any string, used for case-insensitive decoding.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
