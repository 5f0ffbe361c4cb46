import GRDB
import GRDBSQLite

/// A GRDB-prepared statement driven through the SQLite C API, for the importers' and the
/// rescorer's per-row statements (millions of executions per file or run). GRDB's `StatementArguments` boxes every value
/// of every row: on a 1M-row login import its binding path (retain/release, generic metadata,
/// DatabaseValue conversion) cost more CPU than SQLite's own work for the same rows.
/// Use only inside the write transaction that created it.
final class RawStatement {
    private let statement: Statement
    private let db: Database
    /// The row's text values, copied end to end and bound as SQLITE_STATIC pointers into this
    /// buffer for the one step: SQLITE_TRANSIENT would malloc and copy each value instead
    /// (binding was 9 % of a 1M-row login import that way).
    private var arena: [UInt8] = []
    private var texts: [(index: Int32, offset: Int, count: Int)] = []

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        arena.reserveCapacity(64 * 1024)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    /// Every parameter must be bound again before each `run()`.
    func bind(_ index: Int32, _ text: String?) {
        guard let text else { sqlite3_bind_null(handle, index); return }
        let offset = arena.count
        arena.append(contentsOf: text.utf8)
        texts.append((index, offset, arena.count - offset))
    }

    /// Binds `count` bytes at `pointer` as text without a copy (SQLITE_STATIC): the caller keeps them
    /// in place until `run()` returns (LoginEventInserter binds straight from a LoginBatch's buffer).
    func bindStatic(_ index: Int32, _ pointer: UnsafePointer<CChar>, _ count: Int) {
        sqlite3_bind_text(handle, index, pointer, Int32(count), nil)
    }

    func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }

    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }

    func bind(_ index: Int32, _ value: Bool?) {
        if let value { sqlite3_bind_int64(handle, index, value ? 1 : 0) } else { sqlite3_bind_null(handle, index) }
    }

    /// Executes the bound statement and returns how many rows it changed.
    @discardableResult
    func run() throws -> Int {
        let s = handle
        defer {
            sqlite3_reset(s)
            sqlite3_clear_bindings(s) // no pointer into the arena outlives the step
            arena.removeAll(keepingCapacity: true)
            texts.removeAll(keepingCapacity: true)
        }
        let rc = arena.withUnsafeBufferPointer { buffer -> Int32 in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let empty: StaticString = ""
            for t in texts {
                // SQLITE_STATIC (nil destructor): the bytes stay put until the step below returns.
                let pointer = t.count > 0 && base != nil ? base! + t.offset
                    : UnsafeRawPointer(empty.utf8Start).assumingMemoryBound(to: CChar.self)
                sqlite3_bind_text(s, t.index, pointer, Int32(t.count), nil)
            }
            return sqlite3_step(s)
        }
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }
}

/// Column access on the current row of a GRDB statement stepped through the C API, for the
/// rescorer's widest load (candidate ⟕ case_file, 37 columns × 100k rows): GRDB's generic
/// `Row` subscripts cost ~100 ns per value there, a third of a second per full run.
struct RawColumns {
    let statement: OpaquePointer

    func text(_ i: Int32) -> String? {
        guard let p = sqlite3_column_text(statement, i) else { return nil }
        let bytes = UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, i)))
        return String(decoding: bytes, as: UTF8.self)
    }

    func int64(_ i: Int32) -> Int64? {
        sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, i)
    }

    func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(statement, i)) }

    func bool(_ i: Int32) -> Bool { sqlite3_column_int64(statement, i) != 0 }

    func double(_ i: Int32) -> Double? {
        sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : sqlite3_column_double(statement, i)
    }

    /// Steps `statement` (prepared by GRDB; its one parameter, if any, bound to `binding`) and
    /// calls `body` for each row.
    static func forEachRow(_ statement: Statement, binding: String? = nil, _ body: (RawColumns) throws -> Void) throws {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s); sqlite3_clear_bindings(s) }
        if var binding {
            let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
            binding.withUTF8 { bytes in
                _ = sqlite3_bind_text(s, 1, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? nil,
                                      Int32(bytes.count), transient)
            }
        }
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(s))),
                                    sql: statement.sql)
            }
            try body(RawColumns(statement: s))
        }
    }
}
