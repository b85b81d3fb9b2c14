import CMariaDB

/// A failure reported by MariaDB or Connector/C: the error number, SQLSTATE and message, plus the
/// statement it concerns.
public struct MariaDBError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server (`ER_*`) or client (`CR_*`) error number; 0 for errors raised by this library.
    public var code: UInt32
    public var sqlState: String
    public var message: String
    /// The SQL text (never parameter values), or empty.
    public var sql: String
    /// The connection died while `COMMIT` was in flight: the transaction may or may not have committed.
    public var commitOutcomeUnknown: Bool

    public init(code: UInt32, sqlState: String = "HY000", message: String, sql: String = "", commitOutcomeUnknown: Bool = false) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
        self.commitOutcomeUnknown = commitOutcomeUnknown
    }

    public var description: String {
        let stmt = sql.isEmpty ? "" : " [\(sql.prefix(120))]"
        return "MariaDB error \(code) (\(sqlState)): \(message)\(stmt)\(commitOutcomeUnknown ? " (commit outcome unknown)" : "")"
    }

    /// The connection is gone (server restart, network, `KILL CONNECTION`, timeouts).
    public var isConnectionLost: Bool {
        switch code {
        case UInt32(CR_SERVER_GONE_ERROR), UInt32(CR_SERVER_LOST), UInt32(CR_CONNECTION_ERROR),
             UInt32(CR_CONN_HOST_ERROR), UInt32(CR_SERVER_LOST_EXTENDED),
             1927 /* ER_CONNECTION_KILLED */, 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */,
             UInt32(ER_SERVER_SHUTDOWN), 1053:
            true
        default:
            false
        }
    }

    /// `ER_DUP_ENTRY`: a unique key rejected the row.
    public var isDuplicateKey: Bool { code == UInt32(ER_DUP_ENTRY) }

    /// Deadlock or lock-wait timeout: the transaction was (or should be) rolled back and may be redone.
    public var isLockConflict: Bool { code == UInt32(ER_LOCK_DEADLOCK) || code == UInt32(ER_LOCK_WAIT_TIMEOUT) }

    /// Redoing the whole transaction may succeed (and cannot apply it twice).
    public var isRetryable: Bool { (isConnectionLost || isLockConflict) && !commitOutcomeUnknown }

    /// For `ER_DATA_TOO_LONG` (strict mode): the column whose value was too long.
    public var tooLongColumn: String? {
        guard code == UInt32(ER_DATA_TOO_LONG), let open = message.firstIndex(of: "'") else { return nil }
        let rest = message[message.index(after: open)...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<close])
    }

    /// A usage error raised by this library (wrong parameter count, undecodable column, …).
    static func usage(_ message: String, sql: String = "") -> MariaDBError {
        MariaDBError(code: 0, message: message, sql: sql)
    }
}
