import Logging
import Metrics
import KFModels

/// A fixed-size pool of `MariaDBConnection`s (each its own pinned thread). Connections open lazily.
/// A transaction holds one connection exclusively for its whole duration.
public actor MariaDBPool {
    public let config: MariaDBConfig
    private let logger: Logger
    private var idle: [MariaDBConnection] = []
    private var created = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<MariaDBConnection, any Error>)] = []
    private var nextWaiter: UInt64 = 0
    private var all: [MariaDBConnection] = []
    private var closed = false

    /// A pool of `size` connections (default `config.poolSize`).
    public init(config: MariaDBConfig, size: Int? = nil, logger: Logger = Logger(label: "kubefate.db")) {
        var c = config
        c.poolSize = max(1, size ?? config.poolSize)
        self.config = c
        self.logger = logger
    }

    /// Lends a connection to `body` and takes it back afterwards.
    public nonisolated func withConnection<T: Sendable>(_ body: @Sendable (MariaDBConnection) async throws -> T) async throws -> T {
        let conn = try await lease()
        do {
            let value = try await body(conn)
            await release(conn)
            return value
        } catch {
            await release(conn)
            throw error
        }
    }

    /// Runs `body` as one transaction on one connection, synchronously on that connection's thread.
    /// A retryable failure (deadlock, lock-wait timeout, connection lost before `COMMIT` was sent)
    /// redoes the whole transaction, up to `maxAttempts` times in all.
    public nonisolated func transaction<T: Sendable>(maxAttempts: Int = 3,
                                                    _ body: @escaping @Sendable (isolated MariaDBConnection) throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withConnection { conn in try await conn.transaction(body) }
            } catch let e as MariaDBError where e.isRetryable && attempt < maxAttempts {
                attempt += 1
                Counter(label: "kubefate_db_transaction_retries_total").increment()
                logger.debug("redoing transaction", metadata: ["error": "\(e)", "attempt": "\(attempt)"])
            }
        }
    }

    /// Runs one read statement on any connection (retried once after a lost connection).
    public nonisolated func query(_ sql: String, _ params: [SQLValue] = []) async throws -> [SQLRow] {
        try await withConnection { try await $0.query(sql, params) }
    }

    /// Runs one write statement on any connection.
    @discardableResult
    public nonisolated func execute(_ sql: String, _ params: [SQLValue] = [], idempotent: Bool = false) async throws -> ExecResult {
        try await withConnection { try await $0.execute(sql, params, idempotent: idempotent) }
    }

    /// Closes every connection; later calls fail.
    public func shutdown() async {
        closed = true
        for w in waiters { w.continuation.resume(throwing: MariaDBError.usage("pool is shut down")) }
        waiters.removeAll()
        for c in all { await c.close() }
        idle.removeAll()
        all.removeAll()
    }

    private func lease() async throws -> MariaDBConnection {
        guard !closed else { throw MariaDBError.usage("pool is shut down") }
        if let c = idle.popLast() { return c }
        if created < config.poolSize {
            created += 1
            let c = MariaDBConnection(config: config, name: "kf-db-\(created)", logger: logger)
            all.append(c)
            return c
        }
        nextWaiter += 1
        let id = nextWaiter
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { cont in
                if Task.isCancelled {
                    cont.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, cont))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let i = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: i).continuation.resume(throwing: CancellationError())
    }

    private func release(_ conn: MariaDBConnection) {
        if closed { return }
        if waiters.isEmpty {
            idle.append(conn)
        } else {
            waiters.removeFirst().continuation.resume(returning: conn)
        }
    }
}
