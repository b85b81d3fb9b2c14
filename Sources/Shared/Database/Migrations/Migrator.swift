import Logging
import KFModels

/// Applies versioned migrations, recording them in `schema_migrations`.
///
/// `migrate()` is idempotent and safe when several processes start at once: it holds the
/// server-wide advisory lock `GET_LOCK('kubefate.migrate.<database>')` while it reads the applied
/// versions and applies the missing ones, so the others wait and then find nothing to do.
public struct Migrator: Sendable {
    public let pool: MariaDBPool
    public let migrations: [Migration]
    /// How long to wait for another process's migration to finish.
    public var lockTimeout: Duration = .seconds(120)
    private let logger: Logger

    public init(pool: MariaDBPool, migrations: [Migration] = Migration.all, logger: Logger = Logger(label: "kubefate.db.migrate")) {
        self.pool = pool
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Applies every migration not yet recorded; returns the versions applied by this call.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let lockName = "kubefate.migrate.\(pool.config.database)"
        let timeout = Int64(lockTimeout.components.seconds)
        let migrations = self.migrations
        let logger = self.logger
        return try await pool.withConnection { conn in
            try await conn.migrate(migrations, lockName: lockName, lockTimeout: timeout, logger: logger)
        }
    }

    /// The versions recorded in `schema_migrations` (empty before the first migration).
    public func appliedVersions() async throws -> [Int] {
        try await pool.withConnection { conn in
            try await conn.ensureMigrationsTable()
            return try await conn.query("SELECT version FROM schema_migrations ORDER BY version").map { Int(try $0.int(0)) }
        }
    }

    /// Creates the database `config.database` if it does not exist (connecting without a default database).
    public static func createDatabase(config: MariaDBConfig) async throws {
        let name = try quotedIdentifier(config.database)
        try await onServer(config) { try $0.executeUncached("CREATE DATABASE IF NOT EXISTS \(name) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin") }
    }

    /// Drops the database `config.database` if it exists (tests).
    public static func dropDatabase(config: MariaDBConfig) async throws {
        let name = try quotedIdentifier(config.database)
        try await onServer(config) { try $0.executeUncached("DROP DATABASE IF EXISTS \(name)") }
    }

    private static func onServer(_ config: MariaDBConfig, _ body: @escaping @Sendable (isolated MariaDBConnection) throws -> Void) async throws {
        var server = config
        server.database = ""
        let conn = MariaDBConnection(config: server, name: "kf-db-admin")
        do {
            try await conn.run(body)
            await conn.close()
        } catch {
            await conn.close()
            throw error
        }
    }

    /// A database name in backquotes; only `[A-Za-z0-9_]` is accepted, since identifiers cannot be parameters.
    static func quotedIdentifier(_ name: String) throws(KubefateError) -> String {
        guard !name.isEmpty, name.utf8.count <= 64,
              name.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" })
        else { throw KubefateError.invalid("KUBEFATE_DB_NAME", "database name must be 1-64 characters of A-Z, a-z, 0-9, _: \(name)") }
        return "`\(name)`"
    }
}

extension MariaDBConnection {
    func ensureMigrationsTable() throws {
        try executeUncached("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
              version INT NOT NULL PRIMARY KEY,
              name VARCHAR(255) NOT NULL,
              applied_at DATETIME(6) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
            """)
    }

    /// Runs `body` holding the server's named lock `name` (`GET_LOCK`).
    func withServerLock<T>(_ name: String, timeout: Int64, _ body: () throws -> T) throws -> T {
        let got = try query("SELECT GET_LOCK(?, ?)", [.text(name), .int(timeout)], idempotent: false)
        guard try got.first?.optionalInt(0) == 1 else {
            throw KubefateError(.unavailable, "timed out waiting for another process's migration (lock \(name))")
        }
        defer { _ = try? query("SELECT RELEASE_LOCK(?)", [.text(name)], idempotent: false) }
        return try body()
    }

    func migrate(_ migrations: [Migration], lockName: String, lockTimeout: Int64, logger: Logger) throws -> [Int] {
        try withServerLock(lockName, timeout: lockTimeout) {
            try migrateLocked(migrations, lockTimeout: lockTimeout, logger: logger)
        }
    }

    private func migrateLocked(_ migrations: [Migration], lockTimeout: Int64, logger: Logger) throws -> [Int] {
        try ensureMigrationsTable()
        let applied = Set(try query("SELECT version FROM schema_migrations").map { Int(try $0.int(0)) })
        var done: [Int] = []
        for m in migrations where !applied.contains(m.version) {
            logger.info("applying migration", metadata: ["version": "\(m.version)", "name": "\(m.name)"])
            if m.serverWide {
                try withServerLock("kubefate.migrate.server-wide", timeout: lockTimeout) {
                    for sql in m.statements { try executeUncached(sql) }
                }
            } else {
                for sql in m.statements { try executeUncached(sql) }
            }
            try execute("INSERT IGNORE INTO schema_migrations (version, name, applied_at) VALUES (?, ?, NOW(6))",
                        [.int(m.version), .text(m.name)])
            done.append(m.version)
        }
        return done
    }
}
