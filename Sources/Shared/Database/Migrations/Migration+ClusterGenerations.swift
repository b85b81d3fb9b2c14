extension Migration {
    /// Version 6: `cluster_generations`, one counter per tenant (`''` for clusters without one)
    /// that triggers on `clusters` bump inside every transaction changing what a cluster list shows
    /// (a new or removed row, or a change of a listed column; `info` and `health_checked_at`
    /// writes do not count). Generations grow in commit order per tenant, because the bump locks
    /// the tenant's row until commit, so a reader that sees the same generation before and after
    /// reading a tenant's clusters has read exactly that generation's rows. The API's cluster list
    /// cache relies on it (`ClusterListCache`).
    ///
    /// On a server with binary logging, creating triggers needs `SUPER` or
    /// `log_bin_trust_function_creators=1` (docs/architecture.md, "Cluster list cache").
    static let clusterGenerations = Migration(version: 6, name: "cluster generations", statements: [
        """
        CREATE TABLE IF NOT EXISTS cluster_generations (
          tenant_key CHAR(36) NOT NULL PRIMARY KEY,
          generation BIGINT NOT NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """,
        """
        CREATE TRIGGER IF NOT EXISTS clusters_generation_insert AFTER INSERT ON clusters FOR EACH ROW
          INSERT INTO cluster_generations (tenant_key, generation) VALUES (COALESCE(NEW.tenant_uuid, ''), 1)
          ON DUPLICATE KEY UPDATE generation = generation + 1
        """,
        """
        CREATE TRIGGER IF NOT EXISTS clusters_generation_update AFTER UPDATE ON clusters FOR EACH ROW
          INSERT INTO cluster_generations (tenant_key, generation)
          SELECT COALESCE(NEW.tenant_uuid, ''), 1 FROM DUAL
          WHERE NOT (OLD.id <=> NEW.id AND OLD.uuid <=> NEW.uuid AND OLD.tenant_uuid <=> NEW.tenant_uuid
                     AND OLD.name <=> NEW.name AND OLD.namespace <=> NEW.namespace
                     AND OLD.chart_name <=> NEW.chart_name AND OLD.chart_version <=> NEW.chart_version
                     AND OLD.`values` <=> NEW.`values` AND OLD.spec <=> NEW.spec AND OLD.revision <=> NEW.revision
                     AND OLD.helm_revision <=> NEW.helm_revision AND OLD.status <=> NEW.status AND OLD.live <=> NEW.live
                     AND OLD.created_at <=> NEW.created_at AND OLD.updated_at <=> NEW.updated_at
                     AND OLD.deleted_at <=> NEW.deleted_at)
          ON DUPLICATE KEY UPDATE generation = generation + 1
        """,
        """
        CREATE TRIGGER IF NOT EXISTS clusters_generation_delete AFTER DELETE ON clusters FOR EACH ROW
          INSERT INTO cluster_generations (tenant_key, generation) VALUES (COALESCE(OLD.tenant_uuid, ''), 1)
          ON DUPLICATE KEY UPDATE generation = generation + 1
        """,
    ], serverWide: true)
}
