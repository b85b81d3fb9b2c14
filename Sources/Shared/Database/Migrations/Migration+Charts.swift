extension Migration {
    /// Version 4 (issue 6): tenant-private charts and complete chart storage.
    ///
    /// - `charts.tenant_uuid`: NULL for a global chart (uploaded by a platform admin or loaded from
    ///   `KUBEFATE_CHARTS_DIR`), else the tenant the chart is private to. `tenant_key` mirrors it
    ///   (`''` for global; written by `ChartRepository`) so one unique key keeps one live chart per name, version and scope.
    /// - `charts.files`: every file of the chart (JSON `{path: base64}`), so a stored chart renders
    ///   exactly as the uploaded archive (KubeFATE kept only the templates and four texts).
    /// - `charts.digest`: SHA-256 over the files, to skip re-importing an unchanged chart.
    /// - `idempotency_keys.status_code` / `response`: the answer replayed for a retried request
    ///   (NULL while the first request is still running).
    static let charts = Migration(version: 4, name: "charts and idempotent responses", statements: [
        "ALTER TABLE charts ADD COLUMN IF NOT EXISTS tenant_uuid CHAR(36) NULL",
        "ALTER TABLE charts ADD COLUMN IF NOT EXISTS tenant_key CHAR(36) NOT NULL DEFAULT ''",
        "ALTER TABLE charts ADD COLUMN IF NOT EXISTS files LONGBLOB NULL",
        "ALTER TABLE charts ADD COLUMN IF NOT EXISTS digest CHAR(64) NOT NULL DEFAULT ''",
        "ALTER TABLE charts ADD UNIQUE KEY IF NOT EXISTS uk_charts_scope_live (name, version, tenant_key, live)",
        "ALTER TABLE charts DROP INDEX IF EXISTS uk_charts_live",
        "ALTER TABLE charts ADD INDEX IF NOT EXISTS ix_charts_tenant (tenant_uuid)",
        "ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS status_code INT NULL",
        "ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS response MEDIUMBLOB NULL",
    ])
}
