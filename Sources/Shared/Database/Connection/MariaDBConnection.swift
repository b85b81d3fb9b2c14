import CMariaDB
import Logging
import Metrics
import KFModels

/// One MariaDB session, an actor pinned to its own thread so blocking Connector/C calls never run
/// on Swift's cooperative pool.
///
/// Statements are always prepared (cached per connection by SQL text). The connection opens
/// lazily and reopens after it was lost: the statement cache is dropped with it; a statement
/// marked idempotent outside a transaction is retried once, anything else throws a
/// `MariaDBError` whose `isRetryable` tells the caller to redo its transaction.
public actor MariaDBConnection {
    private let executor: ThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public let config: MariaDBConfig
    private var native: NativeConnection?
    private var inTransaction = false
    /// How many times this connection reopened after a loss.
    public private(set) var reconnects = 0
    private var everConnected = false
    private let logger: Logger

    public init(config: MariaDBConfig, name: String = "kf-db", logger: Logger = Logger(label: "kubefate.db")) {
        self.config = config
        self.logger = logger
        executor = ThreadExecutor(name: name, onThreadStart: { _ = mysql_thread_init() }, onThreadEnd: { mysql_thread_end() })
    }

    deinit { executor.shutdown() }

    /// Runs a statement and returns its rows. `idempotent` (the default for reads) allows one
    /// transparent retry after a lost connection when no transaction is open.
    @discardableResult
    public func query(_ sql: String, _ params: [SQLValue] = [], idempotent: Bool = true) throws -> [SQLRow] {
        try run(sql, params, idempotent: idempotent, cache: true).rows
    }

    /// Runs a statement without a result set. Not retried after a lost connection unless `idempotent`.
    @discardableResult
    public func execute(_ sql: String, _ params: [SQLValue] = [], idempotent: Bool = false) throws -> ExecResult {
        try run(sql, params, idempotent: idempotent, cache: true).result
    }

    /// Runs a one-off statement (DDL, migrations) without caching the prepared statement.
    @discardableResult
    public func executeUncached(_ sql: String, _ params: [SQLValue] = []) throws -> [SQLRow] {
        try run(sql, params, idempotent: false, cache: false).rows
    }

    /// Runs `body` inside `START TRANSACTION … COMMIT` on this connection's thread, so nothing else
    /// can interleave. A throw rolls back. Not reentrant.
    public func transaction<T>(_ body: (isolated MariaDBConnection) throws -> T) throws -> T {
        guard !inTransaction else { throw MariaDBError.usage("transaction already open on this connection") }
        let conn = try connected()
        do {
            try conn.control("START TRANSACTION")
        } catch let e as MariaDBError {
            if e.isConnectionLost { drop(e) }
            throw e
        }
        inTransaction = true
        defer { inTransaction = false }
        let value: T
        do {
            value = try body(self)
        } catch {
            rollback()
            throw error
        }
        do {
            guard let n = native else {
                throw MariaDBError(code: UInt32(CR_SERVER_LOST), message: "connection lost inside the transaction")
            }
            try n.control("COMMIT")
        } catch var e as MariaDBError {
            if e.isConnectionLost {
                drop(e)
                e.commitOutcomeUnknown = true
            } else {
                rollback()
            }
            throw e
        }
        return value
    }

    /// Opens the connection now if it is not open (readiness checks).
    public func ping() throws {
        try query("SELECT 1")
    }

    /// The server's id for this session, connecting first if needed.
    public func serverThreadID() throws -> UInt64 { try connected().threadID }

    /// Closes the session; the next call reopens it.
    public func close() {
        native?.close()
        native = nil
    }

    private func run(_ sql: String, _ params: [SQLValue], idempotent: Bool, cache: Bool) throws -> (rows: [SQLRow], result: ExecResult) {
        do {
            return try connected().run(sql, params, cache: cache)
        } catch let e as MariaDBError where e.isConnectionLost {
            let canRetry = idempotent && !inTransaction && native != nil
            drop(e)
            guard canRetry else { throw e }
            return try connected().run(sql, params, cache: cache)
        }
    }

    private func connected() throws -> NativeConnection {
        if let n = native { return n }
        guard !inTransaction else {
            throw MariaDBError(code: UInt32(CR_SERVER_LOST), message: "connection lost inside the transaction")
        }
        let n = try NativeConnection(config: config)
        if everConnected {
            reconnects += 1
            Counter(label: "kubefate_db_reconnects_total").increment()
            logger.info("reconnected to MariaDB", metadata: ["db.reconnects": "\(reconnects)"])
        }
        everConnected = true
        native = n
        return n
    }

    /// Forgets a dead session and its statement cache.
    private func drop(_ error: MariaDBError) {
        logger.warning("MariaDB connection lost", metadata: ["error": "\(error)"])
        native?.close()
        native = nil
    }

    private func rollback() {
        guard let n = native else { return }
        do {
            try n.control("ROLLBACK")
        } catch let e as MariaDBError {
            if e.isConnectionLost { drop(e) }
        } catch {
            close()
        }
    }
}
