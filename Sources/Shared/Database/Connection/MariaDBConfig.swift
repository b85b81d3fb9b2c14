import Foundation
import KFModels

/// Where and how to reach MariaDB. `fromEnvironment()` reads `KUBEFATE_DB_*`.
public struct MariaDBConfig: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var database: String
    /// A unix socket path; used instead of TCP when set (and when `host` is `localhost`).
    public var socket: String?
    /// Connections in a pool.
    public var poolSize: Int
    public var connectTimeout: Duration
    public var readTimeout: Duration
    public var writeTimeout: Duration
    /// `innodb_lock_wait_timeout` for every session.
    public var lockWaitTimeout: Duration

    public init(host: String = "127.0.0.1", port: Int = 3306, user: String = "kubefate", password: String = "kubefate",
                database: String = "kubefate", socket: String? = nil, poolSize: Int = 4,
                connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(30),
                writeTimeout: Duration = .seconds(30), lockWaitTimeout: Duration = .seconds(10)) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.socket = socket
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.lockWaitTimeout = lockWaitTimeout
    }

    /// Reads `KUBEFATE_DB_HOST`, `_PORT`, `_USER`, `_PASSWORD`, `_NAME`, `_SOCKET`, `_POOL_SIZE`
    /// (defaults 127.0.0.1, 3306, kubefate, kubefate, kubefate, none, 4).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(KubefateError) -> MariaDBConfig {
        var c = MariaDBConfig()
        if let v = env["KUBEFATE_DB_HOST"], !v.isEmpty { c.host = v }
        if let v = env["KUBEFATE_DB_PORT"], !v.isEmpty {
            guard let p = Int(v), (1...65535).contains(p) else { throw .invalid("KUBEFATE_DB_PORT", "not a port number: \(v)") }
            c.port = p
        }
        if let v = env["KUBEFATE_DB_USER"], !v.isEmpty { c.user = v }
        if let v = env["KUBEFATE_DB_PASSWORD"] { c.password = v }
        if let v = env["KUBEFATE_DB_NAME"], !v.isEmpty { c.database = v }
        if let v = env["KUBEFATE_DB_SOCKET"], !v.isEmpty { c.socket = v }
        if let v = env["KUBEFATE_DB_POOL_SIZE"], !v.isEmpty {
            guard let n = Int(v), (1...256).contains(n) else { throw .invalid("KUBEFATE_DB_POOL_SIZE", "not a pool size (1...256): \(v)") }
            c.poolSize = n
        }
        return c
    }
}
