import GRDB

/// Which candidates a rescoring run covers: every candidate, or the ids held in the connection's
/// temp table `rescore_scope` (filled by `RuleScope.fill`); `chunk` is the part of a run being
/// computed, held in temp.rescore_chunk (RescoreChunk); `range` is a chunk of a full run, whose ids
/// are contiguous in id order. Queries splice `filter(column)` into their WHERE clause so that one SQL
/// text serves all.
enum RuleScope: Equatable, Sendable {
    case all
    case table
    case chunk
    /// Every id from `first` to `last` (BINARY order, both included). A chunk of `--all` is one range
    /// scan of each table's candidate_id index instead of one B-tree seek per candidate through
    /// temp.rescore_chunk (`sqlite3BtreeIndexMoveto` was 19 % of a full run). It needs no temp table, so
    /// any connection (a pool reader) can load it. Rows of ids in the range that are not candidates
    /// are read and skipped by the loaders, as in `all`.
    case range(first: String, last: String)

    static let tableName = "temp.rescore_scope"

    func filter(_ column: String) -> String {
        switch self {
        case .all: "1"
        case .table: "\(column) IN (SELECT candidate_id FROM temp.rescore_scope)"
        case .chunk: "\(column) IN (SELECT candidate_id FROM temp.rescore_chunk)"
        case .range(let first, let last): "\(column) BETWEEN \(Self.literal(first)) AND \(Self.literal(last))"
        }
    }

    /// A text literal for any id (quotes, NUL, non-ASCII): its UTF-8 bytes as a blob, cast to TEXT.
    /// Constant, so SQLite uses it as an index bound like a bound parameter.
    static func literal(_ text: String) -> String {
        var hex = "CAST(X'"
        hex.reserveCapacity(text.utf8.count * 2 + 16)
        let digits = Array("0123456789ABCDEF".utf8)
        for b in text.utf8 {
            hex.unicodeScalars.append(Unicode.Scalar(digits[Int(b >> 4)]))
            hex.unicodeScalars.append(Unicode.Scalar(digits[Int(b & 15)]))
        }
        return hex + "' AS TEXT)"
    }

    /// Whether a `range` holds `id`, in SQLite's BINARY order (UTF-8 bytes); false for other scopes.
    func rangeIncludes(_ id: String) -> Bool {
        guard case .range(let first, let last) = self else { return false }
        return !id.utf8.lexicographicallyPrecedes(first.utf8) && !last.utf8.lexicographicallyPrecedes(id.utf8)
    }

    /// The temp table holding the ids (nil for `all` and `range`).
    var table: String? {
        switch self {
        case .all, .range: nil
        case .table: "temp.rescore_scope"
        case .chunk: "temp.rescore_chunk"
        }
    }

    /// (Re)creates temp.rescore_chunk with the given ids.
    static func fillChunk(_ db: Database, ids: some Sequence<String>) throws {
        try createTemp(db, "rescore_chunk")
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.rescore_chunk(candidate_id) VALUES (?)")
        for id in ids { try insert.execute(arguments: [id]) }
    }

    /// (Re)creates the temp scope table with the given ids.
    static func fill(_ db: Database, ids: some Sequence<String>) throws {
        try createTemp(db, "rescore_scope")
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.rescore_scope(candidate_id) VALUES (?)")
        for id in ids { try insert.execute(arguments: [id]) }
    }

    /// Rows queued in dirty_candidate, and candidates in the store (Rescorer.rescoreDirty's choice).
    static func dirtyQueueSize(_ db: Database) throws -> (dirty: Int, candidates: Int) {
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM dirty_candidate") ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") ?? 0)
    }

    /// Seeds temp.rescore_seed with the candidates queued in dirty_candidate.
    static func seedFromDirtyQueue(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO temp.rescore_seed SELECT candidate_id FROM dirty_candidate")
    }

    /// How many seeded ids are real candidates (ids of deleted or unknown candidates are skipped).
    static func seedCandidatesInStore(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.rescore_seed s JOIN candidate c ON c.id = s.candidate_id") ?? 0
    }

    static func createTemp(_ db: Database, _ name: String) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS \(name) (candidate_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM temp.\(name)")
    }

    static func scopeIds(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT candidate_id FROM temp.rescore_scope ORDER BY candidate_id")
    }
}
