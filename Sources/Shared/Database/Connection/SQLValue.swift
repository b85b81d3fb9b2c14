import KFModels

/// A statement parameter or a result cell.
///
/// Results come back as `.null`, `.int` (integer columns) or `.bytes` (everything else, in the
/// server's text form, e.g. `2026-11-29 11:57:13.123456` for `DATETIME(6)`); the typed accessors of
/// `SQLRow` convert them.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bytes([UInt8])
    /// Bound as `DATETIME(6)` text in UTC (sessions run with `time_zone = '+00:00'`).
    case timestamp(Timestamp)

    /// `.text` or `.null`.
    public static func optional(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
    /// `.int` or `.null`.
    public static func optional(_ i: Int64?) -> SQLValue { i.map { .int($0) } ?? .null }
    /// `.timestamp` or `.null`.
    public static func optional(_ t: Timestamp?) -> SQLValue { t.map { .timestamp($0) } ?? .null }
    public static func int(_ i: Int) -> SQLValue { .int(Int64(i)) }
    public static func bool(_ b: Bool) -> SQLValue { .int(b ? 1 : 0) }
}

/// What a statement without a result set did.
public struct ExecResult: Sendable, Hashable {
    /// Rows matched by an UPDATE (connections use `CLIENT_FOUND_ROWS`), inserted or deleted.
    public var affectedRows: UInt64
    /// The `AUTO_INCREMENT` value of the first inserted row, or 0.
    public var lastInsertID: UInt64
}

/// One result row, with typed accessors that name the column in their errors.
public struct SQLRow: Sendable, Hashable {
    public var columns: [String]
    public var values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(i: Int) -> SQLValue { values[i] }

    public func isNull(_ i: Int) -> Bool { values[i] == .null }

    public func int(_ i: Int) throws -> Int64 {
        guard let v = try optionalInt(i) else { throw mismatch(i, "an integer", "NULL") }
        return v
    }

    public func optionalInt(_ i: Int) throws -> Int64? {
        switch values[i] {
        case .null: return nil
        case .int(let v): return v
        case .bytes(let b):
            guard let v = Int64(String(decoding: b, as: UTF8.self)) else { throw mismatch(i, "an integer", "bytes") }
            return v
        case .text(let s):
            guard let v = Int64(s) else { throw mismatch(i, "an integer", "text") }
            return v
        case .double, .timestamp: throw mismatch(i, "an integer", "\(values[i])")
        }
    }

    public func string(_ i: Int) throws -> String {
        guard let v = try optionalString(i) else { throw mismatch(i, "a string", "NULL") }
        return v
    }

    public func optionalString(_ i: Int) throws -> String? {
        switch values[i] {
        case .null: return nil
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .text(let s): return s
        case .int(let v): return String(v)
        case .double(let d): return String(d)
        case .timestamp(let t): return t.sqlDateTime
        }
    }

    public func bytes(_ i: Int) throws -> [UInt8] {
        switch values[i] {
        case .null: return []
        case .bytes(let b): return b
        case .text(let s): return Array(s.utf8)
        case .int, .double, .timestamp: throw mismatch(i, "bytes", "\(values[i])")
        }
    }

    public func bool(_ i: Int) throws -> Bool { try int(i) != 0 }

    public func timestamp(_ i: Int) throws -> Timestamp {
        guard let t = try optionalTimestamp(i) else { throw mismatch(i, "a time", "NULL") }
        return t
    }

    public func optionalTimestamp(_ i: Int) throws -> Timestamp? {
        if case .timestamp(let t) = values[i] { return t }
        guard let s = try optionalString(i) else { return nil }
        guard let t = Timestamp(rfc3339: s) else { throw mismatch(i, "a time", s) }
        return t
    }

    private func mismatch(_ i: Int, _ expected: String, _ found: String) -> MariaDBError {
        let name = i < columns.count ? columns[i] : "#\(i)"
        return .usage("column \(name): expected \(expected), found \(found)")
    }
}
