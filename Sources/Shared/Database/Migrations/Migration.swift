/// One versioned schema change: statements applied in order. Each statement must be idempotent
/// (`CREATE TABLE IF NOT EXISTS`, `ADD COLUMN IF NOT EXISTS`, …) because DDL commits implicitly in
/// MariaDB, so a migration interrupted halfway is simply run again.
public struct Migration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var statements: [String]
    /// Run the statements under a server-wide lock, one such migration at a time on the server.
    /// MariaDB 10.11 sometimes leaves a stray `<table>.TRG-` backup file behind when `CREATE
    /// TRIGGER` runs in two databases at once, and `DROP DATABASE` then fails with errno 39.
    public var serverWide: Bool

    public init(version: Int, name: String, statements: [String], serverWide: Bool = false) {
        self.version = version
        self.name = name
        self.statements = statements
        self.serverWide = serverWide
    }
}
