import GRDB

/// The candidates that received a new sign-in during one login import, whose dirty marks the publish
/// step writes. Kept in a temp table of the import's connection rather than a Swift set: at 1M
/// candidates a set of every id touched grows with the store (issue 13), this stays on disk pages.
/// Its rows are committed with the import's chunks; nothing else reads them, and the next login
/// import (or the end of this one) drops the table. A process that dies loses it with its connection,
/// and the rollback marks the candidates dirty instead (docs/imports-and-locking.md).
final class TouchedCandidates {
    private let db: Database
    private let insert: Statement

    init(db: Database) throws {
        self.db = db
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.login_import_touched;
            CREATE TEMP TABLE login_import_touched (candidate_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
            """)
        insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.login_import_touched (candidate_id) VALUES (?)")
    }

    func add(_ candidateIds: some Sequence<String>) throws {
        for id in candidateIds { try insert.execute(arguments: [id]) }
    }

    /// Every touched candidate in id order, `slice` at a time (KeysetPage: each slice one seek; the
    /// single statement this had, `?1 IS NULL OR candidate_id > ?1`, rescanned from the first id).
    func forEachSlice(of slice: Int, _ body: ([String]) throws -> Void) throws {
        var after: String? = nil
        while true {
            let ids = try KeysetPage.next(db, "candidate_id", from: "temp.login_import_touched", after: after, limit: slice)
            guard let last = ids.last else { return }
            try body(ids)
            after = last
        }
    }

    func drop() throws {
        try db.execute(sql: "DROP TABLE IF EXISTS temp.login_import_touched")
    }
}
