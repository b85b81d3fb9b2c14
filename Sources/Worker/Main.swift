import Foundation
import KFDatabase
import KFModels
import KFQueue
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// `kubefate-worker`: consumes job ids, claims and runs jobs, heartbeats their leases, reaps
/// expired leases and relays the outbox. Configured from the environment (`WorkerConfig`,
/// `MariaDBConfig`, `AMQPConfig`); SIGTERM/SIGINT shut it down gracefully.
@main
struct WorkerMain {
    static func main() async {
        let environment = ProcessInfo.processInfo.environment
        let config: WorkerConfig
        let database: MariaDBConfig
        let amqp: AMQPConfig
        do {
            config = try WorkerConfig(environment: environment)
            database = try MariaDBConfig.fromEnvironment(environment)
            amqp = try AMQPConfig(environment: environment)
        } catch {
            FileHandle.standardError.write(Data("kubefate-worker: configuration error: \(error)\n".utf8))
            exit(2)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = config.logLevel
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        var logger = Logger(label: "kubefate.worker")
        logger[metadataKey: "worker.id"] = "\(config.workerID)"

        do {
            try await WorkerApplication(config: config, database: database, amqp: amqp, registry: registry, logger: logger).run()
        } catch {
            logger.critical("worker stopped", metadata: ["error": "\(error)"])
            exit(1)
        }
    }
}
