import Foundation
import KFDatabase
import KFModels
import KFQueue
import Logging
import Prometheus
import ServiceLifecycle

/// Wires the worker's services into one service group.
struct WorkerApplication {
    let config: WorkerConfig
    let database: MariaDBConfig
    let amqp: AMQPConfig
    let registry: PrometheusCollectorRegistry
    let logger: Logger

    /// Runs until SIGTERM/SIGINT, then shuts down gracefully: intake first (running jobs finish
    /// their step and release their leases), then the reaper and relay, then the metrics endpoint.
    func run() async throws {
        let pool = MariaDBPool(config: database, logger: logger)
        let repository = JobRepository(pool: pool)
        let metrics = WorkerMetrics()
        let publisher = JobPublisher(config: amqp.named("\(config.workerID)-publisher"), logger: logger)
        let relay = OutboxRelay(source: OutboxRepository(pool: pool), publisher: publisher, logger: logger)
        let consumer = JobConsumer(config: amqp.named("\(config.workerID)-consumer"), prefetch: config.prefetch, logger: logger)
        let executor = try ExecutorChoice.make(environment: ProcessInfo.processInfo.environment, charts: ChartRepository(pool: pool),
                                               simulationLog: config.simulationLogPath.map(ExecutionLog.init(path:)))
        let runner = JobRunner(repository: repository, executor: executor, config: config, metrics: metrics, logger: logger)
        var services: [any Service] = []
        if let listen = config.metricsListen {
            services.append(MetricsServer.application(registry: registry, host: listen.host, port: listen.port, logger: logger))
        }
        if config.relayOutbox { services.append(relay) }
        if let health = try HealthRefresher.make(environment: ProcessInfo.processInfo.environment, pool: pool, logger: logger) {
            services.append(health)
        }
        services.append(ReaperService(repository: repository, relay: config.relayOutbox ? relay : nil, config: config, metrics: metrics, logger: logger))
        services.append(JobIntakeService(
            consumer: consumer, repository: repository, runner: runner, config: config, metrics: metrics, logger: logger))
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.info("worker starting", metadata: [
            "concurrency": "\(config.concurrency)", "lease": "\(config.lease)", "queue": "\(amqp.queue)",
        ])
        defer { logger.info("worker stopped") }
        try await group.run()
        await publisher.close()
        await pool.shutdown()
    }
}

extension OutboxRepository: OutboxSource {}
