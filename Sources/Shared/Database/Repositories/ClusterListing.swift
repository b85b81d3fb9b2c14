import KFModels

/// A cluster as a list answer needs it: the row with `spec` unparsed, as its stored JSON text
/// (`cluster.spec` is nil; `JobRepository.clusters` parses it instead).
public struct ClusterListing: Sendable, Hashable {
    public var cluster: Cluster
    /// The stored `clusters.spec` JSON, or nil.
    public var specJSON: String?

    public init(cluster: Cluster, specJSON: String?) {
        self.cluster = cluster
        self.specJSON = specJSON
    }
}
