import Foundation
import Logging
import KFDatabase
import KFQueue
import Prometheus
@testable import API

/// Dependencies whose connections are never opened (pool and publisher connect lazily), enough
/// to build the router and list its routes.
enum OfflineDependencies {
    static func make(environment: [String: String] = [:]) throws -> APIDependencies {
        var env = environment
        env["KUBEFATE_JWT_KEY"] = env["KUBEFATE_JWT_KEY"] ?? "offline-test-key-0123456789abcdef0123"
        let environment = Environment(env)
        let config = try APIConfig(environment: environment)
        let pool = MariaDBPool(config: try MariaDBConfig.fromEnvironment(env))
        let publisher = JobPublisher(config: try AMQPConfig(environment: env))
        let relay = OutboxRelay(source: DatabaseOutboxSource(repository: OutboxRepository(pool: pool)), publisher: publisher)
        return APIDependencies(config: config, pool: pool, jobs: JobRepository(pool: pool), users: UserRepository(pool: pool),
                               publisher: publisher, relay: relay, signer: JWTSigner(key: config.jwtKey, lifetime: config.jwtLifetime),
                               passwords: PasswordService(), registry: PrometheusCollectorRegistry(), principals: PrincipalCache(),
                               logins: LoginLimiter(), kube: KubeAccess(environment: [:], logger: Logger(label: "offline")),
                               charts: ChartRepository(pool: pool), audit: AuditRepository(pool: pool),
                               idempotency: IdempotencyRepository(pool: pool), chartStore: try ChartStoreConfig(environment: environment),
                               clusterCache: nil,
                               defaultTenant: "00000000-0000-0000-0000-000000000000")
    }
}
