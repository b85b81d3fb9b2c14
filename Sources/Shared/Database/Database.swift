import Logging
import KFModels

/// The service's database: one pool and the repositories over it.
public struct Database: Sendable {
    public let pool: MariaDBPool
    public let jobs: JobRepository
    public let outbox: OutboxRepository
    public let users: UserRepository
    public let audit: AuditRepository
    public let idempotency: IdempotencyRepository

    public init(config: MariaDBConfig, logger: Logger = Logger(label: "kubefate.db")) {
        self.init(pool: MariaDBPool(config: config, logger: logger))
    }

    public init(pool: MariaDBPool) {
        self.pool = pool
        jobs = JobRepository(pool: pool)
        outbox = OutboxRepository(pool: pool)
        users = UserRepository(pool: pool)
        audit = AuditRepository(pool: pool)
        idempotency = IdempotencyRepository(pool: pool)
    }

    /// Applies pending migrations (see `Migrator`).
    @discardableResult
    public func migrate() async throws -> [Int] { try await Migrator(pool: pool).migrate() }

    /// Checks that the database answers (readiness).
    public func ping() async throws { _ = try await pool.query("SELECT 1") }

    /// Closes all connections.
    public func shutdown() async { await pool.shutdown() }
}
