import CMariaDB
import KFModels

/// One server-side prepared statement and the metadata of its result columns.
///
/// Parameter buffers are allocated per execution and freed when it ends: Connector/C keeps the
/// pointers given to `mysql_stmt_bind_param` and reads them during `mysql_stmt_execute`. Result
/// buffers are allocated once with the statement and reused by every execution (they are rebound
/// before each fetch), then freed with it. Confined to its connection's thread.
///
/// Results decode by column type: integers as `.int`, `DATETIME`/`TIMESTAMP` as `.timestamp`
/// (fetched as `MYSQL_TIME`, no text round trip), character columns as `.text`, binary ones
/// (BLOB, VARBINARY, DECIMAL, …) as `.bytes`.
final class PreparedStatement {
    let sql: String
    private let stmt: UnsafeMutablePointer<MYSQL_STMT>
    private let mysql: UnsafeMutablePointer<MYSQL>
    private let paramCount: Int
    private let columns: [Column]
    private let columnNames: [String]
    /// Bind structures and buffers of the result columns, owned by this statement.
    private let results: BufferArena
    private let resultBinds: UnsafeMutablePointer<MYSQL_BIND>
    private let lengths: UnsafeMutablePointer<UInt>
    private let nulls: UnsafeMutablePointer<my_bool>
    private let errors: UnsafeMutablePointer<my_bool>

    struct Column {
        enum Kind {
            case integer(unsigned: Bool)
            case dateTime
            case text
            case binary
        }

        var name: String
        var kind: Kind
    }

    /// Result buffer size; longer values are fetched with `mysql_stmt_fetch_column`.
    private static let inlineBuffer = 256
    /// The character-set number of binary data (`my_charset_bin`).
    private static let binaryCharset: UInt32 = 63

    init(mysql: UnsafeMutablePointer<MYSQL>, sql: String) throws {
        guard let stmt = mysql_stmt_init(mysql) else { throw NativeConnection.error(mysql, sql: sql) }
        let rc = mysql_stmt_prepare(stmt, sql, UInt(sql.utf8.count))
        if rc != 0 {
            let e = PreparedStatement.error(stmt, mysql, sql: sql)
            mysql_stmt_close(stmt)
            throw e
        }
        self.sql = sql
        self.stmt = stmt
        self.mysql = mysql
        paramCount = Int(mysql_stmt_param_count(stmt))
        var cols: [Column] = []
        if let meta = mysql_stmt_result_metadata(stmt) {
            let n = Int(mysql_num_fields(meta))
            if let fields = mysql_fetch_fields(meta) {
                for i in 0..<n {
                    let f = fields[i]
                    let kind: Column.Kind
                    switch f.type {
                    case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_INT24, MYSQL_TYPE_YEAR:
                        kind = .integer(unsigned: f.flags & UInt32(UNSIGNED_FLAG) != 0)
                    case MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP:
                        kind = .dateTime
                    default:
                        kind = f.charsetnr == Self.binaryCharset ? .binary : .text
                    }
                    cols.append(Column(name: f.name.map { String(cString: $0) } ?? "#\(i)", kind: kind))
                }
            }
            mysql_free_result(meta)
        }
        columns = cols
        columnNames = cols.map(\.name)
        results = BufferArena()
        let n = cols.count
        resultBinds = results.binds(n)
        lengths = results.allocate(UInt.self, n)
        nulls = results.allocate(my_bool.self, n)
        errors = results.allocate(my_bool.self, n)
        for i in 0..<n {
            resultBinds[i].length = lengths + i
            resultBinds[i].is_null = nulls + i
            resultBinds[i].error = errors + i
            switch cols[i].kind {
            case .integer(let unsigned):
                resultBinds[i].buffer_type = MYSQL_TYPE_LONGLONG
                resultBinds[i].buffer = results.raw(8)
                resultBinds[i].buffer_length = 8
                resultBinds[i].is_unsigned = unsigned ? 1 : 0
            case .dateTime:
                resultBinds[i].buffer_type = MYSQL_TYPE_DATETIME
                resultBinds[i].buffer = results.raw(MemoryLayout<MYSQL_TIME>.stride)
                resultBinds[i].buffer_length = UInt(MemoryLayout<MYSQL_TIME>.stride)
            case .text, .binary:
                resultBinds[i].buffer_type = MYSQL_TYPE_BLOB
                resultBinds[i].buffer = results.raw(Self.inlineBuffer)
                resultBinds[i].buffer_length = UInt(Self.inlineBuffer)
            }
        }
    }

    deinit { results.free() }

    /// Frees the server-side statement. Safe on a dead connection (only client memory is freed then).
    func close() { mysql_stmt_close(stmt) }

    /// Executes with `params`, fetching every result row.
    func run(_ params: [SQLValue]) throws -> (rows: [SQLRow], result: ExecResult) {
        guard params.count == paramCount else {
            throw MariaDBError.usage("statement takes \(paramCount) parameters, got \(params.count)", sql: sql)
        }
        let arena = BufferArena()
        defer { arena.free() }
        if paramCount > 0 {
            let binds = arena.binds(paramCount)
            for (i, value) in params.enumerated() { Self.bindParam(&binds[i], value, arena) }
            if mysql_stmt_bind_param(stmt, binds) != 0 { throw error() }
        }
        if mysql_stmt_execute(stmt) != 0 { throw error() }
        var rows: [SQLRow] = []
        if !columns.isEmpty {
            defer { mysql_stmt_free_result(stmt) }
            rows = try fetchAll()
        }
        let affected = mysql_stmt_affected_rows(stmt)
        return (rows, ExecResult(affectedRows: affected == UInt64.max ? 0 : affected, lastInsertID: mysql_stmt_insert_id(stmt)))
    }

    private func fetchAll() throws -> [SQLRow] {
        let n = columns.count
        if mysql_stmt_bind_result(stmt, resultBinds) != 0 { throw error() }
        var rows: [SQLRow] = []
        while true {
            let rc = mysql_stmt_fetch(stmt)
            if rc == MYSQL_NO_DATA { break }
            if rc == 1 { throw error() }
            var values: [SQLValue] = []
            values.reserveCapacity(n)
            for i in 0..<n {
                if nulls[i] != 0 {
                    values.append(.null)
                    continue
                }
                let buffer = resultBinds[i].buffer!
                switch columns[i].kind {
                case .integer:
                    values.append(.int(buffer.load(as: Int64.self)))
                case .dateTime:
                    values.append(Self.dateTime(buffer.load(as: MYSQL_TIME.self)))
                case .text:
                    let length = Int(lengths[i])
                    if length <= Self.inlineBuffer {
                        let p = buffer.assumingMemoryBound(to: UInt8.self)
                        values.append(.text(String(decoding: UnsafeBufferPointer(start: p, count: length), as: UTF8.self)))
                    } else {
                        values.append(.text(String(decoding: try fetchLong(column: i, length: length), as: UTF8.self)))
                    }
                case .binary:
                    let length = Int(lengths[i])
                    if length <= Self.inlineBuffer {
                        let p = buffer.assumingMemoryBound(to: UInt8.self)
                        values.append(.bytes(Array(UnsafeBufferPointer(start: p, count: length))))
                    } else {
                        values.append(.bytes(try fetchLong(column: i, length: length)))
                    }
                }
            }
            rows.append(SQLRow(columns: columnNames, values: values))
        }
        return rows
    }

    /// A `DATETIME` as the instant it names in UTC (sessions run with `time_zone = '+00:00'`); a
    /// value that is no calendar date (`0000-00-00`) stays text, which `SQLRow.timestamp` rejects.
    static func dateTime(_ t: MYSQL_TIME) -> SQLValue {
        guard (1...12).contains(t.month), (1...31).contains(t.day), t.neg == 0 else {
            return .text("\(t.year)-\(t.month)-\(t.day) \(t.hour):\(t.minute):\(t.second)")
        }
        // Days since 1970-01-01 of the proleptic Gregorian date (Howard Hinnant's days_from_civil).
        let month = Int64(t.month), day = Int64(t.day)
        let year = Int64(t.year) - (month <= 2 ? 1 : 0)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
        let seconds = days * 86_400 + Int64(t.hour) * 3600 + Int64(t.minute) * 60 + Int64(t.second)
        return .timestamp(Timestamp(microseconds: seconds * 1_000_000 + Int64(t.second_part)))
    }

    /// Fetches a value longer than the inline buffer (`MYSQL_DATA_TRUNCATED`) in one piece.
    private func fetchLong(column: Int, length: Int) throws -> [UInt8] {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 8)
        defer { buffer.deallocate() }
        var got: UInt = 0
        var bind = MYSQL_BIND()
        bind.buffer_type = MYSQL_TYPE_BLOB
        bind.buffer = buffer
        bind.buffer_length = UInt(length)
        let rc = withUnsafeMutablePointer(to: &got) { lp in
            bind.length = lp
            return mysql_stmt_fetch_column(stmt, &bind, UInt32(column), 0)
        }
        if rc != 0 { throw error() }
        let count = min(Int(got), length)
        return Array(UnsafeRawBufferPointer(start: buffer, count: count))
    }

    private static func bindParam(_ b: inout MYSQL_BIND, _ value: SQLValue, _ arena: BufferArena) {
        func bytes(_ data: some Collection<UInt8>, _ type: enum_field_types) {
            let count = data.count
            let p = arena.raw(max(count, 1))
            p.copyMemory(from: Array(data), byteCount: count)
            let len = arena.allocate(UInt.self, 1)
            len.pointee = UInt(count)
            b.buffer_type = type
            b.buffer = p
            b.buffer_length = UInt(count)
            b.length = len
        }
        switch value {
        case .null:
            b.buffer_type = MYSQL_TYPE_NULL
        case .int(let v):
            let p = arena.raw(8)
            p.storeBytes(of: v, as: Int64.self)
            b.buffer_type = MYSQL_TYPE_LONGLONG
            b.buffer = p
        case .double(let v):
            let p = arena.raw(8)
            p.storeBytes(of: v, as: Double.self)
            b.buffer_type = MYSQL_TYPE_DOUBLE
            b.buffer = p
        case .text(let s): bytes(s.utf8, MYSQL_TYPE_STRING)
        case .bytes(let d): bytes(d, MYSQL_TYPE_BLOB)
        case .timestamp(let t): bytes(t.sqlDateTime.utf8, MYSQL_TYPE_STRING)
        }
    }

    private func error() -> MariaDBError { Self.error(stmt, mysql, sql: sql) }

    /// The statement's error, or the connection's when the statement reports none (errors raised
    /// during `mysql_stmt_fetch`, e.g. lock-wait timeouts, land on the `MYSQL` handle).
    static func error(_ stmt: UnsafeMutablePointer<MYSQL_STMT>, _ mysql: UnsafeMutablePointer<MYSQL>, sql: String) -> MariaDBError {
        let code = mysql_stmt_errno(stmt)
        if code == 0 { return NativeConnection.error(mysql, sql: sql) }
        return MariaDBError(code: code, sqlState: String(cString: mysql_stmt_sqlstate(stmt)),
                            message: String(cString: mysql_stmt_error(stmt)), sql: sql)
    }
}

/// Owns the buffers of one statement execution and frees them together.
private final class BufferArena {
    private var raws: [UnsafeMutableRawPointer] = []

    func raw(_ size: Int) -> UnsafeMutableRawPointer {
        let p = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        p.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        raws.append(p)
        return p
    }

    func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        raw(MemoryLayout<T>.stride * max(count, 1)).bindMemory(to: T.self, capacity: max(count, 1))
    }

    func binds(_ count: Int) -> UnsafeMutablePointer<MYSQL_BIND> {
        let p = allocate(MYSQL_BIND.self, count)
        for i in 0..<count { (p + i).initialize(to: MYSQL_BIND()) }
        return p
    }

    func free() {
        for p in raws { p.deallocate() }
        raws.removeAll()
    }
}
