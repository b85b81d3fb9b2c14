extension Migration {
    /// Version 2 (issue 6): per-tenant quotas (NULL = unlimited) and revoked tokens (a logged-out
    /// token's `jti`, kept until the token would have expired anyway), and the indexes
    /// that tenant-filtered, paged lists use.
    static let tenancy = Migration(version: 2, name: "tenancy", statements: [
        "ALTER TABLE tenants ADD COLUMN IF NOT EXISTS cluster_quota INT NULL",
        "ALTER TABLE tenants ADD COLUMN IF NOT EXISTS job_quota INT NULL",
        """
        CREATE TABLE IF NOT EXISTS revoked_tokens (
          jti VARCHAR(64) NOT NULL PRIMARY KEY,
          expires_at DATETIME(6) NOT NULL,
          KEY ix_revoked_expires (expires_at)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        "ALTER TABLE clusters ADD INDEX IF NOT EXISTS ix_clusters_live (live, id)",
        "ALTER TABLE jobs ADD INDEX IF NOT EXISTS ix_jobs_tenant_status (tenant_uuid, status)",
    ])
}
