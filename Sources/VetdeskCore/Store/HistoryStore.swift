import GRDB

/// SQL for the `history` table and its chain head. The head lives in `history_head` (one row), created
/// on first use until the schema gains it as a migration.
enum HistoryStore {
    static let headTableSQL = """
        CREATE TABLE IF NOT EXISTS history_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        )
        """

    static let attributionColumnsSQL = """
        ALTER TABLE history ADD COLUMN attribution TEXT;
        ALTER TABLE history ADD COLUMN attribution_confidence INTEGER;
        """

    static func head(_ db: Database) throws -> (seq: Int64, hash: String)? {
        try headIfPresent(db)
    }

    static func headIfPresent(_ db: Database) throws -> (seq: Int64, hash: String)? {
        guard try db.tableExists("history_head") else { return nil }
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM history_head WHERE id = 1") else { return nil }
        return (row["seq"], row["hash"])
    }

    static func setHead(_ db: Database, seq: Int64, hash: String) throws {
        try db.execute(sql: "INSERT INTO history_head(id, seq, hash) VALUES (1, ?, ?) "
                       + "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                       arguments: [seq, hash])
    }

    static func lastLink(_ db: Database) throws -> (seq: Int64, hash: String)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1") else {
            return nil
        }
        return (row["seq"], row["hash"])
    }

    static func hash(_ db: Database, seq: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT hash FROM history WHERE seq = ?", arguments: [seq])
    }

    static func insert(_ db: Database, _ e: HistoryEntry) throws {
        try db.execute(sql: """
            INSERT INTO history(seq, candidate_id, at, analyst, action, from_status, to_status, reason_code, note,
                                prev_hash, hash, attribution, attribution_confidence, note_salt, note_commitment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [e.seq, e.candidateId, e.at, e.analyst, e.action, e.fromStatus, e.toStatus,
                             e.reasonCode, e.note, e.prevHash, e.hash, e.attribution, e.attributionConfidence,
                             e.noteSalt, e.noteCommitment])
    }

    static func entries(_ db: Database, candidateId: String) throws -> [HistoryEntry] {
        try HistoryEntry.fetchAll(db, sql: "SELECT * FROM history WHERE candidate_id = ? ORDER BY seq",
                                  arguments: [candidateId])
    }

    static func latest(_ db: Database, candidateId: String) throws -> HistoryEntry? {
        try HistoryEntry.fetchOne(db, sql: "SELECT * FROM history WHERE candidate_id = ? ORDER BY seq DESC LIMIT 1",
                                  arguments: [candidateId])
    }

    static func allEntries(_ db: Database) throws -> RecordCursor<HistoryEntry> {
        try HistoryEntry.fetchCursor(db, sql: "SELECT * FROM history ORDER BY seq")
    }

    /// The highest seq SQLite's AUTOINCREMENT has recorded (it survives deletes unless edited too).
    static func autoincrementHighWater(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'history'")
    }

    struct CaseStateMismatch {
        var candidateId: String
        var seq: Int64
        var caseStatus: String
        var historyStatus: String
    }

    /// The first case whose status differs from the to_status of its latest history entry.
    static func firstCaseStateMismatch(_ db: Database) throws -> CaseStateMismatch? {
        let row = try Row.fetchOne(db, sql: """
            SELECT c.candidate_id, c.status, h.seq, h.to_status
            FROM case_file c
            JOIN history h ON h.seq = (SELECT max(seq) FROM history WHERE candidate_id = c.candidate_id)
            WHERE h.to_status IS NOT NULL AND h.to_status <> c.status
            ORDER BY h.seq LIMIT 1
            """)
        guard let row else { return nil }
        return CaseStateMismatch(candidateId: row["candidate_id"], seq: row["seq"],
                                 caseStatus: row["status"], historyStatus: row["to_status"])
    }
}
