import KFKube

/// A Helm v3/v4 release as Helm stores it: the JSON body of a `sh.helm.release.v1.<name>.v<rev>`
/// Secret. Field names are Helm's, so `helm list/history/status/upgrade/uninstall` read what we
/// write, and we read what Helm wrote.
public struct HelmRelease: Codable, Sendable, Equatable {
    /// Helm's release statuses.
    public enum Status: String, Codable, Sendable {
        case unknown, deployed, uninstalled, superseded, failed, uninstalling
        case pendingInstall = "pending-install"
        case pendingUpgrade = "pending-upgrade"
        case pendingRollback = "pending-rollback"

        /// A pending state left behind by an attempt that died holds the release "locked" for Helm.
        public var isPending: Bool { self == .pendingInstall || self == .pendingUpgrade || self == .pendingRollback }
    }

    public struct Info: Codable, Sendable, Equatable {
        public var firstDeployed: String
        public var lastDeployed: String
        public var deleted: String
        public var description: String
        public var status: Status
        public var notes: String?

        enum CodingKeys: String, CodingKey {
            case firstDeployed = "first_deployed", lastDeployed = "last_deployed", deleted, description, status, notes
        }
    }

    /// One chart file as Helm stores it (`data` is base64 in JSON, like Go's []byte).
    public struct File: Codable, Sendable, Equatable {
        public var name: String
        public var data: String
    }

    public struct Chart: Codable, Sendable, Equatable {
        public var metadata: KubeJSON
        public var templates: [File]
        public var values: KubeJSON
        public var files: [File]?
    }

    public var name: String
    public var namespace: String
    public var version: Int
    public var info: Info
    public var chart: Chart
    /// The user-supplied values (what `helm get values` prints).
    public var config: KubeJSON
    public var manifest: String
    public var hooks: KubeJSON?
    /// `ssa`: we apply server-side; Helm 4 keeps that method on upgrade.
    public var applyMethod: String?

    enum CodingKeys: String, CodingKey {
        case name, namespace, version, info, chart, config, manifest, hooks
        case applyMethod = "apply_method"
    }

    public init(name: String, namespace: String, version: Int, info: Info, chart: Chart, config: KubeJSON, manifest: String,
                hooks: KubeJSON? = nil, applyMethod: String? = "ssa") {
        self.name = name
        self.namespace = namespace
        self.version = version
        self.info = info
        self.chart = chart
        self.config = config
        self.manifest = manifest
        self.hooks = hooks
        self.applyMethod = applyMethod
    }
}
