extension Migration {
    /// Every migration of the service, in version order.
    public static let all: [Migration] = [
        initialSchema,
        tenancy,
        clusterInfo,
        charts,
        clusterPages,
        clusterGenerations,
    ]

    /// Version 1: tenants, users, memberships, namespaces, clusters, jobs, sub_jobs, charts, outbox,
    /// audit_log, idempotency_keys. Times are `DATETIME(6)` in UTC; statuses are KubeFATE's integer codes.
    static let initialSchema = Migration(version: 1, name: "initial schema", statements: [
        """
        CREATE TABLE IF NOT EXISTS tenants (
          id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          uuid CHAR(36) NOT NULL,
          name VARCHAR(255) NOT NULL,
          created_at DATETIME(6) NOT NULL,
          UNIQUE KEY uk_tenants_uuid (uuid),
          UNIQUE KEY uk_tenants_name (name)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS users (
          id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          uuid CHAR(36) NOT NULL,
          username VARCHAR(255) NOT NULL,
          password_hash VARCHAR(512) NOT NULL,
          salt VARCHAR(256) NOT NULL,
          email VARCHAR(255) NOT NULL DEFAULT '',
          status TINYINT NOT NULL DEFAULT 2,
          is_admin TINYINT NOT NULL DEFAULT 0,
          created_at DATETIME(6) NOT NULL,
          updated_at DATETIME(6) NOT NULL,
          deleted_at DATETIME(6) NULL,
          UNIQUE KEY uk_users_uuid (uuid),
          UNIQUE KEY uk_users_username (username)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS memberships (
          user_id BIGINT NOT NULL,
          tenant_id BIGINT NOT NULL,
          role VARCHAR(16) NOT NULL,
          created_at DATETIME(6) NOT NULL,
          PRIMARY KEY (user_id, tenant_id),
          KEY ix_memberships_tenant (tenant_id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS namespaces (
          name VARCHAR(253) NOT NULL PRIMARY KEY,
          tenant_id BIGINT NOT NULL,
          created_at DATETIME(6) NOT NULL,
          KEY ix_namespaces_tenant (tenant_id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS clusters (
          id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          uuid CHAR(36) NOT NULL,
          tenant_uuid CHAR(36) NULL,
          name VARCHAR(255) NOT NULL,
          namespace VARCHAR(255) NOT NULL,
          chart_name VARCHAR(255) NOT NULL,
          chart_version VARCHAR(255) NOT NULL,
          `values` MEDIUMTEXT NOT NULL,
          spec MEDIUMTEXT NULL,
          revision INT NOT NULL DEFAULT 0,
          helm_revision INT NOT NULL DEFAULT 0,
          status TINYINT NOT NULL,
          live TINYINT NULL DEFAULT 1,
          created_at DATETIME(6) NOT NULL,
          updated_at DATETIME(6) NOT NULL,
          deleted_at DATETIME(6) NULL,
          UNIQUE KEY uk_clusters_uuid (uuid),
          UNIQUE KEY uk_clusters_live (namespace, name, live),
          KEY ix_clusters_tenant (tenant_uuid)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS jobs (
          id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          uuid CHAR(36) NOT NULL,
          tenant_uuid CHAR(36) NULL,
          cluster_uuid CHAR(36) NOT NULL,
          method VARCHAR(16) NOT NULL,
          creator VARCHAR(255) NOT NULL,
          status TINYINT NOT NULL,
          attempt INT NOT NULL DEFAULT 0,
          lease_expiries INT NOT NULL DEFAULT 0,
          time_limit_ns BIGINT NOT NULL,
          start_time DATETIME(6) NOT NULL,
          end_time DATETIME(6) NULL,
          args_present TINYINT NOT NULL DEFAULT 0,
          args_name VARCHAR(255) NOT NULL DEFAULT '',
          args_namespace VARCHAR(255) NOT NULL DEFAULT '',
          args_chart_name VARCHAR(255) NOT NULL DEFAULT '',
          args_chart_version VARCHAR(255) NOT NULL DEFAULT '',
          args_cover TINYINT NOT NULL DEFAULT 0,
          args_data MEDIUMBLOB NULL,
          args_keep_upgrade_job TINYINT NOT NULL DEFAULT 0,
          args_spec MEDIUMTEXT NULL,
          states MEDIUMTEXT NULL,
          reason TEXT NULL,
          lease_owner VARCHAR(255) NULL,
          lease_until DATETIME(6) NULL,
          active_key CHAR(36) NULL,
          created_at DATETIME(6) NOT NULL,
          updated_at DATETIME(6) NOT NULL,
          deleted_at DATETIME(6) NULL,
          UNIQUE KEY uk_jobs_uuid (uuid),
          UNIQUE KEY uk_jobs_active (active_key),
          KEY ix_jobs_lease (status, lease_until),
          KEY ix_jobs_cluster (cluster_uuid),
          KEY ix_jobs_tenant (tenant_uuid, id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS sub_jobs (
          job_uuid CHAR(36) NOT NULL,
          name VARCHAR(255) NOT NULL,
          status VARCHAR(16) NOT NULL,
          modules_status VARCHAR(32) NOT NULL,
          pod_status VARCHAR(255) NOT NULL DEFAULT '',
          reason TEXT NULL,
          start_time DATETIME(6) NULL,
          end_time DATETIME(6) NULL,
          updated_at DATETIME(6) NOT NULL,
          PRIMARY KEY (job_uuid, name)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS charts (
          id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          uuid CHAR(36) NOT NULL,
          name VARCHAR(255) NOT NULL,
          version VARCHAR(64) NOT NULL,
          app_version VARCHAR(64) NOT NULL DEFAULT '',
          chart MEDIUMTEXT NOT NULL,
          `values` MEDIUMTEXT NOT NULL,
          values_template MEDIUMTEXT NOT NULL,
          values_template_example MEDIUMTEXT NOT NULL,
          templates LONGBLOB NULL,
          live TINYINT NULL DEFAULT 1,
          created_at DATETIME(6) NOT NULL,
          updated_at DATETIME(6) NOT NULL,
          deleted_at DATETIME(6) NULL,
          UNIQUE KEY uk_charts_uuid (uuid),
          UNIQUE KEY uk_charts_live (name, version, live)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS outbox (
          id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          job_uuid CHAR(36) NOT NULL,
          created_at DATETIME(6) NOT NULL,
          published_at DATETIME(6) NULL,
          KEY ix_outbox_pending (published_at, id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS audit_log (
          id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          at DATETIME(6) NOT NULL,
          actor VARCHAR(255) NOT NULL,
          tenant_uuid CHAR(36) NULL,
          action VARCHAR(64) NOT NULL,
          target VARCHAR(255) NOT NULL DEFAULT '',
          outcome VARCHAR(32) NOT NULL DEFAULT '',
          detail TEXT NULL,
          KEY ix_audit_at (at),
          KEY ix_audit_actor (actor, id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TABLE IF NOT EXISTS idempotency_keys (
          actor VARCHAR(255) NOT NULL,
          idem_key VARCHAR(255) NOT NULL,
          request_hash CHAR(64) NOT NULL,
          job_uuid CHAR(36) NULL,
          created_at DATETIME(6) NOT NULL,
          PRIMARY KEY (actor, idem_key),
          KEY ix_idempotency_created (created_at)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
    ])
}
