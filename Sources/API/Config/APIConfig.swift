/// Everything `kubefate-api` reads at start (env `KUBEFATE_*`, see `Environment`). The database and
/// broker settings are read by `MariaDBConfig` and `AMQPConfig` from the same environment.
struct APIConfig: Sendable {
    /// `KUBEFATE_API_LISTEN`, `host:port`; port 0 picks a free one. Default `127.0.0.1:8080`.
    var host: String
    var port: Int
    /// `KUBEFATE_JWT_KEY` (required, at least 32 bytes, shared by all replicas).
    var jwtKey: [UInt8]
    /// `KUBEFATE_JWT_LIFETIME` seconds, default 1800 (KubeFATE's 30 minutes).
    var jwtLifetime: Duration
    /// `KUBEFATE_ADMIN_USER` (default `admin`) and `KUBEFATE_ADMIN_PASSWORD` (no default: without it no
    /// admin is created or reset, so a fresh database has no way in until one is configured).
    var adminUser: String
    var adminPassword: String?
    /// `KUBEFATE_MIGRATE=1`: apply database migrations before serving.
    var migrate: Bool
    /// `KUBEFATE_API_MAX_BODY` bytes a JSON request body may have (default 1 MiB).
    var maxBodyBytes: Int
    /// `KUBEFATE_METRICS_REFRESH` seconds between refreshes of the database-derived gauges (default 5).
    var metricsRefresh: Duration
    /// `KUBEFATE_LOG_LEVEL` (trace … critical, default info).
    var logLevel: String
    /// `KUBEFATE_API_SWIFT_POOL=1`: run Swift tasks on Swift's own cooperative thread pool. By
    /// default they run on the HTTP server's event loops, which saves two thread switches per request.
    var swiftPool: Bool

    init(environment env: Environment) throws(ConfigError) {
        let listen = env.string("KUBEFATE_API_LISTEN", default: "127.0.0.1:8080")
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65535).contains(port), colon != listen.startIndex
        else { throw ConfigError(variable: "KUBEFATE_API_LISTEN", message: "expected host:port, got '\(listen)'") }
        host = String(listen[..<colon])
        self.port = port
        guard let key = env["KUBEFATE_JWT_KEY"] else {
            throw ConfigError(variable: "KUBEFATE_JWT_KEY", message: "required: the HS256 signing key shared by all API replicas (32+ random bytes)")
        }
        guard key.utf8.count >= 32 else {
            throw ConfigError(variable: "KUBEFATE_JWT_KEY", message: "must be at least 32 bytes, got \(key.utf8.count)")
        }
        jwtKey = Array(key.utf8)
        jwtLifetime = .seconds(try env.int("KUBEFATE_JWT_LIFETIME", default: 1800, range: 60...86_400))
        adminUser = env.string("KUBEFATE_ADMIN_USER", default: "admin")
        adminPassword = env["KUBEFATE_ADMIN_PASSWORD"]
        if let password = adminPassword, password.count < 8 {
            throw ConfigError(variable: "KUBEFATE_ADMIN_PASSWORD", message: "must be at least 8 characters")
        }
        migrate = try env.bool("KUBEFATE_MIGRATE")
        maxBodyBytes = try env.int("KUBEFATE_API_MAX_BODY", default: 1 << 20, range: 1024...(64 << 20))
        metricsRefresh = .seconds(try env.int("KUBEFATE_METRICS_REFRESH", default: 5, range: 1...3600))
        logLevel = env.string("KUBEFATE_LOG_LEVEL", default: "info")
        swiftPool = try env.bool("KUBEFATE_API_SWIFT_POOL")
    }
}
