import GRDB

/// v13-actimport-transfer-chunks: the transfer_event id ranges each committed chunk of an
/// unpublished import inserted, beside import_chunk's login_event ranges (ImportRunSchema), so that
/// ImportRollback undoes an audit import that failed or died half-way like a login import.
enum TransferChunkSchema {
    static let sql = """
        CREATE TABLE import_transfer_chunk (
            import_id INTEGER NOT NULL,
            first_id INTEGER NOT NULL,
            last_id INTEGER NOT NULL
        );
        CREATE INDEX import_transfer_chunk_run ON import_transfer_chunk(import_id);
        """

    static func maxId(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM transfer_event") ?? 0
    }

    /// Notes the ids inserted since `first` (contiguous: nobody else writes inside the chunk).
    static func record(_ db: Database, runId: Int64, first: Int64) throws {
        let last = try maxId(db)
        guard last >= first else { return }
        try db.execute(sql: "INSERT INTO import_transfer_chunk (import_id, first_id, last_id) VALUES (?, ?, ?)",
                       arguments: [runId, first, last])
    }

    /// Deletes one chunk's events, queuing their candidates in import_rebuild (whose rebuild step
    /// also rebuilds transfer_day); false when no chunk is left.
    static func rollBackOne(_ db: Database, runId: Int64) throws -> Bool {
        guard let chunk = try Row.fetchOne(db, sql: """
            SELECT rowid, first_id, last_id FROM import_transfer_chunk WHERE import_id = ? LIMIT 1
            """, arguments: [runId]) else { return false }
        let first: Int64 = chunk[1], last: Int64 = chunk[2]
        try db.execute(sql: """
            INSERT OR IGNORE INTO import_rebuild (import_id, candidate_id)
                SELECT DISTINCT ?, candidate_id FROM transfer_event WHERE id BETWEEN ? AND ? AND candidate_id IS NOT NULL
            """, arguments: [runId, first, last])
        try db.execute(sql: "DELETE FROM transfer_event WHERE id BETWEEN ? AND ?", arguments: [first, last])
        try db.execute(sql: "DELETE FROM import_transfer_chunk WHERE rowid = ?", arguments: [chunk[0] as Int64])
        return true
    }
}
