import Foundation
import Hummingbird
import KFDatabase
import KFModels
import KFQueue
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// Builds and runs `kubefate-api`: one service group with the HTTP server, the outbox relay and
/// the database gauges; SIGTERM/SIGINT shut it down gracefully (the server stops accepting and
/// finishes requests in flight, the relay finishes its batch; unpublished outbox rows stay in the
/// database for the next relay).
enum APIServer {
    static func run(config: APIConfig, environment: Environment, logger: Logger) async throws {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let dbConfig = try MariaDBConfig.fromEnvironment(environment.all)
        let amqpConfig = try AMQPConfig(environment: environment.all)
        if config.migrate { try await migrate(dbConfig, logger: logger) }
        let pool = MariaDBPool(config: dbConfig, logger: logger)
        let users = UserRepository(pool: pool)
        let passwords = PasswordService()
        let tenant = try await bootstrap(users: users, passwords: passwords, config: config, logger: logger)
        let publisher = JobPublisher(config: amqpConfig.named("kubefate-api"), logger: logger)
        let relay = OutboxRelay(source: DatabaseOutboxSource(repository: OutboxRepository(pool: pool)),
                                publisher: publisher, logger: logger)
        let jobs = JobRepository(pool: pool)
        let clusterCache = try await clusterListCache(jobs, logger: logger)
        let deps = APIDependencies(config: config, pool: pool, jobs: jobs, users: users,
                                   publisher: publisher, relay: relay,
                                   signer: JWTSigner(key: config.jwtKey, lifetime: config.jwtLifetime),
                                   passwords: passwords, registry: registry, principals: PrincipalCache(),
                                   logins: LoginLimiter(), kube: KubeAccess(environment: environment.all, logger: logger),
                                   charts: ChartRepository(pool: pool), audit: AuditRepository(pool: pool),
                                   idempotency: IdempotencyRepository(pool: pool),
                                   chartStore: try ChartStoreConfig(environment: environment), clusterCache: clusterCache,
                                   defaultTenant: tenant)
        _ = try await retrying("chart import", logger: logger) {
            try await ChartImport.importDirectories(deps.chartStore.directories, into: deps.charts, logger: logger)
        }
        let readyFile = environment["KUBEFATE_API_READY_FILE"]
        let app = Application(
            router: buildRouter(deps),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.port
                logger.info("kubefate-api listening", metadata: ["address": "\(config.host):\(port)"])
                if let readyFile {
                    try? "\(config.host):\(port)\n".write(toFile: readyFile, atomically: true, encoding: .utf8)
                }
            },
            logger: logger
        )
        let gauges = DatabaseGauges(jobs: deps.jobs, interval: config.metricsRefresh, logger: logger)
        // Services shut down in reverse order: the server first, the relay last.
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: relay), .init(service: gauges), .init(service: app)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
        await publisher.close()
        await pool.shutdown()
        logger.info("kubefate-api stopped")
    }

    /// The cluster list cache, or nil (with a warning) when the database lacks the triggers that
    /// keep its generations (a server with binary logging refuses them to users without `SUPER`).
    static func clusterListCache(_ jobs: JobRepository, logger: Logger) async throws -> ClusterListCache? {
        let installed = try await retrying("cluster generation triggers", logger: logger) { try await jobs.clusterGenerationTriggersInstalled() }
        guard installed else {
            logger.warning("cluster lists are read from the database on every request: the cluster_generations triggers are missing (migration 6)")
            return nil
        }
        return ClusterListCache(jobs: jobs)
    }

    static func buildRouter(_ deps: APIDependencies) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: HTTPMetricsMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: LoginAuditMiddleware(repository: deps.audit))
        SystemRoutes(deps: deps).registerPublic(on: router)
        UserRoutes(deps: deps).register(on: router)
        OpenAPIRoutes().register(on: router)
        // Every route below needs a token; one registration per line (merges stay simple).
        let v1 = router.group("v1").add(middleware: AuthMiddleware(signer: deps.signer, users: deps.users, cache: deps.principals))
            .add(middleware: AuditMiddleware(repository: deps.audit))
            .add(middleware: IdempotencyMiddleware(repository: deps.idempotency,
                                                   maxBodyBytes: max(deps.config.maxBodyBytes, deps.chartStore.maxUploadBytes)))
        SystemRoutes(deps: deps).registerProtected(on: v1)
        UserRoutes(deps: deps).registerProtected(on: v1)
        TenantRoutes(deps: deps).register(on: v1)
        NamespaceRoutes(deps: deps).register(on: v1)
        ClusterRoutes(deps: deps).register(on: v1)
        JobRoutes(deps: deps).register(on: v1)
        LogRoutes(deps: deps).register(on: v1)
        ChartRoutes(deps: deps).register(on: v1)
        AuditRoutes(deps: deps).register(on: v1)
        JobEventRoutes(deps: deps).register(on: v1)
        return router
    }

    /// Creates the database if needed and applies pending migrations (safe with several processes).
    static func migrate(_ config: MariaDBConfig, logger: Logger) async throws {
        try await retrying("migrate", logger: logger) {
            try await Migrator.createDatabase(config: config)
            let pool = MariaDBPool(config: config, size: 1, logger: logger)
            do {
                let applied = try await Migrator(pool: pool, logger: logger).migrate()
                logger.info("database migrated", metadata: ["applied": "\(applied)"])
                await pool.shutdown()
            } catch {
                await pool.shutdown()
                throw error
            }
        }
    }

    /// Ensures the default tenant (owner of every namespace until tenancy exists) and, when
    /// `KUBEFATE_ADMIN_PASSWORD` is set, the admin user with exactly that password (created, or its
    /// password reset, as KubeFATE re-created its admin at every start). Returns the tenant's uuid.
    static func bootstrap(users: UserRepository, passwords: PasswordService, config: APIConfig, logger: Logger) async throws -> String {
        try await retrying("bootstrap", logger: logger) {
            if let password = config.adminPassword {
                let stored = await passwords.hash(password: password)
                try await users.ensureAdmin(username: config.adminUser, passwordHash: stored.hash, salt: stored.salt)
                if let current = try await users.credentials(username: config.adminUser),
                   await !passwords.verify(password: password, hash: current.passwordHash, salt: current.salt) {
                    _ = try await users.setPassword(username: config.adminUser, passwordHash: stored.hash, salt: stored.salt)
                    logger.notice("admin password reset to KUBEFATE_ADMIN_PASSWORD", metadata: ["user": "\(config.adminUser)"])
                }
                logger.info("admin user ready", metadata: ["user": "\(config.adminUser)"])
            } else {
                logger.notice("KUBEFATE_ADMIN_PASSWORD is not set: no admin user is created or reset")
            }
            if let tenant = try await users.tenant(name: UserRepository.defaultTenant) { return tenant.uuid }
            do {
                return try await users.createTenant(name: UserRepository.defaultTenant).uuid
            } catch let error as KubefateError where error.code == .conflict {
                // Another replica created it first.
                guard let tenant = try await users.tenant(name: UserRepository.defaultTenant) else { throw error }
                return tenant.uuid
            }
        }
    }

    /// Retries a start-up step while the database is still coming up (up to about 30 s).
    static func retrying<T: Sendable>(_ what: String, logger: Logger, _ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch {
                attempt += 1
                if attempt >= 15 { throw error }
                logger.warning("\(what) failed; retrying", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                try await Task.sleep(for: .seconds(2))
            }
        }
    }
}
