import KFDatabase
import KFModels
import KFQueue
import Prometheus

/// What the routes use, built once at start.
struct APIDependencies: Sendable {
    let config: APIConfig
    let pool: MariaDBPool
    let jobs: JobRepository
    let users: UserRepository
    let publisher: JobPublisher
    let relay: OutboxRelay
    let signer: JWTSigner
    let passwords: PasswordService
    let registry: PrometheusCollectorRegistry
    /// Principals by token id (see `AuthMiddleware`); invalidate after changing users or tenancy.
    let principals: PrincipalCache
    /// Failed logins per username and address.
    let logins: LoginLimiter
    /// The Kubernetes API for logs and namespace details; nil when none is configured.
    let kube: KubeAccess
    /// Chart store, audit log and idempotency keys, and the chart settings (issue 6 extensions).
    let charts: ChartRepository
    let audit: AuditRepository
    let idempotency: IdempotencyRepository
    let chartStore: ChartStoreConfig
    /// Tenants' cluster lists in memory; nil when the database lacks the generation triggers.
    let clusterCache: ClusterListCache?
    /// The uuid of the `default` tenant, which receives namespaces a platform admin uses unowned.
    let defaultTenant: String
}
