import GRDB

/// Which candidates a rescoring run covers: every candidate, or the ids held in the connection's
/// temp table `rescore_scope` (filled by `RuleScope.fill`); `chunk` is the part of a run being
/// computed, held in temp.rescore_chunk (RescoreChunk). Queries splice `filter(column)` into their
/// WHERE clause so that one SQL text serves all.
enum RuleScope {
    case all
    case table
    case chunk

    static let tableName = "temp.rescore_scope"

    func filter(_ column: String) -> String {
        switch self {
        case .all: "1"
        case .table: "\(column) IN (SELECT candidate_id FROM temp.rescore_scope)"
        case .chunk: "\(column) IN (SELECT candidate_id FROM temp.rescore_chunk)"
        }
    }

    /// The temp table holding the ids (nil for `all`).
    var table: String? {
        switch self {
        case .all: nil
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
