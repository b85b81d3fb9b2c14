extension Migration {
    /// Version 5: the covering index a tenant's cluster pages are chosen on (`tenant_uuid, live, id`),
    /// so `?limit=&offset=` scans index entries only. Version 2 meant to add it but reused the name
    /// of version 1's `ix_clusters_tenant (tenant_uuid)`, so `IF NOT EXISTS` skipped it.
    static let clusterPages = Migration(version: 5, name: "cluster page index", statements: [
        "ALTER TABLE clusters ADD INDEX IF NOT EXISTS ix_clusters_tenant_page (tenant_uuid, live, id)",
    ])
}
