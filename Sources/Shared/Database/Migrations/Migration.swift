/// One versioned schema change: statements applied in order. Each statement must be idempotent
/// (`CREATE TABLE IF NOT EXISTS`, `ADD COLUMN IF NOT EXISTS`, …) because DDL commits implicitly in
/// MariaDB, so a migration interrupted halfway is simply run again.
public struct Migration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
