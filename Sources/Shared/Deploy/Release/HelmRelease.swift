import KFKube

/// A Helm v3/v4 release as Helm stores it: the JSON body of a `sh.helm.release.v1.<name>.v<rev>`
/// Secret. Field names are Helm's, so `helm list/history/status/upgrade/uninstall` read what we
/// write, and we read what Helm wrote. Fields this type does not model (`labels`, `chart.lock`,
/// `chart.schema`, `modtime`, …) are kept in `extra`, so rewriting a record Helm wrote (e.g.
/// marking it superseded) loses nothing.
public struct HelmRelease: Sendable, Equatable {
    /// Helm's release statuses.
    public enum Status: String, Codable, Sendable {
        case unknown, deployed, uninstalled, superseded, failed, uninstalling
        case pendingInstall = "pending-install"
        case pendingUpgrade = "pending-upgrade"
        case pendingRollback = "pending-rollback"

        /// A pending state left behind by an attempt that died holds the release "locked" for Helm.
        public var isPending: Bool { self == .pendingInstall || self == .pendingUpgrade || self == .pendingRollback }
    }

    /// `release.Info`. Times are Go `time.Time` JSON (RFC 3339); an empty string stands for Go's
    /// zero time, which is what Helm reads when the field is absent.
    public struct Info: Sendable, Equatable {
        public var firstDeployed: String
        public var lastDeployed: String
        public var deleted: String
        public var description: String
        public var status: Status
        public var notes: String?
        public var extra: [String: KubeJSON]

        public init(firstDeployed: String, lastDeployed: String, deleted: String, description: String, status: Status,
                    notes: String?, extra: [String: KubeJSON] = [:]) {
            self.firstDeployed = firstDeployed
            self.lastDeployed = lastDeployed
            self.deleted = deleted
            self.description = description
            self.status = status
            self.notes = notes
            self.extra = extra
        }
    }

    /// One chart file as Helm stores it (`data` is base64 in JSON, like Go's []byte).
    public struct File: Sendable, Equatable {
        public var name: String
        public var data: String
        public var extra: [String: KubeJSON]

        public init(name: String, data: String, extra: [String: KubeJSON] = [:]) {
            self.name = name
            self.data = data
            self.extra = extra
        }
    }

    /// `chart.Chart`: metadata (Chart.yaml as Helm's `Metadata` struct), templates, default values
    /// and the other files.
    public struct Chart: Sendable, Equatable {
        public var metadata: KubeJSON
        public var templates: [File]
        public var values: KubeJSON
        public var files: [File]?
        public var extra: [String: KubeJSON]

        public init(metadata: KubeJSON, templates: [File], values: KubeJSON, files: [File]?, extra: [String: KubeJSON] = [:]) {
            self.metadata = metadata
            self.templates = templates
            self.values = values
            self.files = files
            self.extra = extra
        }
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
    /// How Helm 4 applied the release (`csa`/`ssa`); with `--server-side=auto` an upgrade keeps it.
    public var applyMethod: String?
    public var extra: [String: KubeJSON]

    /// A new release record. `applyMethod` defaults to `csa`: a later `helm upgrade` then patches
    /// (three-way merge from the stored manifest) and never trips over field ownership, whereas
    /// Helm's server-side apply without `--force-conflicts` refuses fields our manager owns.
    public init(name: String, namespace: String, version: Int, info: Info, chart: Chart, config: KubeJSON, manifest: String,
                hooks: KubeJSON? = nil, applyMethod: String? = "csa", extra: [String: KubeJSON] = [:]) {
        self.name = name
        self.namespace = namespace
        self.version = version
        self.info = info
        self.chart = chart
        self.config = config
        self.manifest = manifest
        self.hooks = hooks
        self.applyMethod = applyMethod
        self.extra = extra
    }
}
