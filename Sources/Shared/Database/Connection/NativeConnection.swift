import CMariaDB
import Foundation
import KFModels

/// Owns one `MYSQL*` handle and its prepared-statement cache; closes both on `close()` or deinit.
/// Used only from its connection actor's thread (`@unchecked Sendable` only lets the actor's
/// nonisolated deinit release it).
final class NativeConnection: @unchecked Sendable {
    let mysql: UnsafeMutablePointer<MYSQL>
    private var statements: [String: PreparedStatement] = [:]
    private var closed = false

    /// Connects with the config's timeouts, `utf8mb4`, `CLIENT_FOUND_ROWS` (UPDATE reports matched
    /// rows, so a conditional update that changes nothing still counts as applied), UTC session
    /// time, READ COMMITTED, strict SQL mode (too-long values fail instead of being cut) and the
    /// configured lock-wait timeout. No automatic reconnect.
    init(config: MariaDBConfig) throws {
        _ = Self.libraryInit
        guard let m = mysql_init(nil) else { throw MariaDBError.usage("mysql_init failed (out of memory)") }
        var connectTimeout = UInt32(clamping: config.connectTimeout.components.seconds)
        var readTimeout = UInt32(clamping: config.readTimeout.components.seconds)
        var writeTimeout = UInt32(clamping: config.writeTimeout.components.seconds)
        var noReconnect: my_bool = 0
        mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &connectTimeout)
        mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &readTimeout)
        mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &writeTimeout)
        mysql_options(m, MYSQL_OPT_RECONNECT, &noReconnect)
        mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        let lockWait = max(1, config.lockWaitTimeout.components.seconds)
        mysql_options(m, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'")
        mysql_options(m, MYSQL_INIT_COMMAND, "SET SESSION tx_isolation = 'READ-COMMITTED'")
        mysql_options(m, MYSQL_INIT_COMMAND, "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'")
        mysql_options(m, MYSQL_INIT_COMMAND, "SET SESSION innodb_lock_wait_timeout = \(lockWait)")
        let ok = mysql_real_connect(m, config.host, config.user, config.password,
                                    config.database.isEmpty ? nil : config.database,
                                    UInt32(config.port), config.socket, UInt(CLIENT_FOUND_ROWS))
        if ok == nil {
            let e = Self.error(m, sql: "")
            mysql_close(m)
            throw e
        }
        mysql = m
    }

    deinit { close() }

    /// The server's id for this session (`CONNECTION_ID()`).
    var threadID: UInt64 { UInt64(mysql_thread_id(mysql)) }

    func close() {
        guard !closed else { return }
        closed = true
        for s in statements.values { s.close() }
        statements.removeAll()
        mysql_close(mysql)
    }

    /// Runs `sql` as a prepared statement, cached by its text when `cache` is true.
    func run(_ sql: String, _ params: [SQLValue], cache: Bool) throws -> (rows: [SQLRow], result: ExecResult) {
        if let s = statements[sql] { return try s.run(params) }
        let s = try PreparedStatement(mysql: mysql, sql: sql)
        guard cache else {
            defer { s.close() }
            return try s.run(params)
        }
        if statements.count >= Self.maxCachedStatements {
            for cached in statements.values { cached.close() }
            statements.removeAll()
        }
        statements[sql] = s
        return try s.run(params)
    }

    /// Runs a fixed control statement (`START TRANSACTION`, `COMMIT`, `ROLLBACK`) that takes no values.
    func control(_ sql: String) throws {
        if mysql_real_query(mysql, sql, UInt(sql.utf8.count)) != 0 { throw Self.error(mysql, sql: sql) }
        if let r = mysql_store_result(mysql) { mysql_free_result(r) }
    }

    static func error(_ m: UnsafeMutablePointer<MYSQL>, sql: String) -> MariaDBError {
        MariaDBError(code: mysql_errno(m), sqlState: String(cString: mysql_sqlstate(m)),
                     message: String(cString: mysql_error(m)), sql: sql)
    }

    /// Bound on cached statements per connection (statements with variable `IN (…)` lists vary).
    static let maxCachedStatements = 256

    private static let libraryInit: Void = { _ = mysql_server_init(0, nil, nil) }()
}
