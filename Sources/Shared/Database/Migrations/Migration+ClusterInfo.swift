extension Migration {
    /// Version 3: the cluster info the workers keep fresh (`kubefate cluster describe`'s `Info`, as
    /// JSON) and when a worker last checked the cluster's health (claims rows among workers).
    static let clusterInfo = Migration(version: 3, name: "cluster info", statements: [
        "ALTER TABLE clusters ADD COLUMN IF NOT EXISTS info MEDIUMTEXT NULL",
        "ALTER TABLE clusters ADD COLUMN IF NOT EXISTS health_checked_at DATETIME(6) NULL",
        "CREATE INDEX IF NOT EXISTS ix_clusters_health ON clusters (live, status, health_checked_at)",
    ])
}
