/// What a job does to its cluster (kubefate-api.md §2.3). Stored by name (`varchar(16)`).
public enum JobMethod: String, Codable, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case clusterInstall = "ClusterInstall"
    case clusterUpdate = "ClusterUpdate"
    case clusterDelete = "ClusterDelete"

    public var description: String { rawValue }
}
