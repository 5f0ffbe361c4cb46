import Foundation
import GRDB

/// Migration v6: note commitments in the history chain, erasure tombstones, and the one-off re-hash of
/// existing entries into format v2 (see HistoryChain). SQL for erasure bookkeeping lives here too.
extension HistoryStore {
    static func migrateToCommitments(_ db: Database, now: Int64) throws {
        try db.execute(sql: """
            ALTER TABLE history ADD COLUMN note_salt TEXT;
            ALTER TABLE history ADD COLUMN note_commitment TEXT;
            ALTER TABLE history ADD COLUMN erased_by INTEGER;
            -- One row per erasure: the tombstone that stays when a person's data is removed.
            CREATE TABLE erasure (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                candidate_id TEXT NOT NULL,
                at INTEGER NOT NULL,
                analyst TEXT NOT NULL,
                reason TEXT NOT NULL,
                rows_deleted INTEGER NOT NULL,
                entries_redacted INTEGER NOT NULL
            );
            CREATE TRIGGER erasure_no_update BEFORE UPDATE ON erasure
                BEGIN SELECT RAISE(ABORT, 'erasure records are append-only'); END;
            CREATE TRIGGER erasure_no_delete BEFORE DELETE ON erasure
                BEGIN SELECT RAISE(ABORT, 'erasure records are append-only'); END;
            -- When the chain was re-hashed into format v2, and the v1 head it replaced.
            CREATE TABLE history_rechain (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                entries INTEGER NOT NULL,
                v1_head_seq INTEGER,
                v1_head_hash TEXT,
                v1_problem TEXT
            );
            DROP TRIGGER IF EXISTS history_no_update;
            """)
        let v1 = try HistoryChain.verify(db)
        var entries: [HistoryEntry] = []
        let cursor = try HistoryEntry.fetchCursor(db, sql: "SELECT * FROM history ORDER BY seq")
        while let e = try cursor.next() { entries.append(e) }
        var prev = HistoryChain.genesis
        for var e in entries {
            guard let seq = e.seq else { continue }
            e.prevHash = prev
            HistoryChain.commit(&e)
            e.hash = HistoryChain.hash(e, seq: seq)
            try db.execute(sql: "UPDATE history SET prev_hash = ?, hash = ?, note_salt = ?, note_commitment = ? WHERE seq = ?",
                           arguments: [e.prevHash, e.hash, e.noteSalt, e.noteCommitment, seq])
            prev = e.hash
        }
        if let last = entries.last?.seq { try setHead(db, seq: last, hash: prev) }
        if !entries.isEmpty {
            try db.execute(sql: """
                INSERT INTO history_rechain(at, entries, v1_head_seq, v1_head_hash, v1_problem) VALUES (?, ?, ?, ?, ?)
                """, arguments: [now, entries.count, v1.headSeq, v1.headHash, v1.problem?.message])
        }
        // Append-only again, except the one update an erasure makes: emptying the note and dropping its salt,
        // every hashed field (and the commitment) unchanged.
        try db.execute(sql: """
            CREATE TRIGGER history_no_update BEFORE UPDATE ON history
            WHEN NOT (NEW.seq IS OLD.seq AND NEW.candidate_id IS OLD.candidate_id AND NEW.at IS OLD.at
                      AND NEW.analyst IS OLD.analyst AND NEW.action IS OLD.action AND NEW.from_status IS OLD.from_status
                      AND NEW.to_status IS OLD.to_status AND NEW.reason_code IS OLD.reason_code
                      AND NEW.attribution IS OLD.attribution AND NEW.attribution_confidence IS OLD.attribution_confidence
                      AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash
                      AND OLD.note_commitment IS NOT NULL AND NEW.note_commitment IS OLD.note_commitment
                      AND NEW.note = '' AND NEW.note_salt IS NULL AND NEW.erased_by IS NOT NULL
                      AND EXISTS (SELECT 1 FROM erasure WHERE id = NEW.erased_by))
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
            """)
    }

    static func erasureExists(_ db: Database, id: Int64) throws -> Bool {
        guard try db.tableExists("erasure") else { return false }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM erasure WHERE id = ?)", arguments: [id]) ?? false
    }

    static func rechainRecords(_ db: Database) throws -> [AuditReport.Rechain] {
        guard try db.tableExists("history_rechain") else { return [] }
        return try Row.fetchAll(db, sql: "SELECT * FROM history_rechain ORDER BY id").map { row in
            AuditReport.Rechain(at: row["at"], entries: row["entries"], v1HeadSeq: row["v1_head_seq"],
                                v1HeadHash: row["v1_head_hash"], v1Problem: row["v1_problem"])
        }
    }

    /// Records the tombstone and empties the notes of the person's history entries; returns (erasure id, entries).
    static func redact(_ db: Database, candidateId: String, at: Int64, analyst: String, reason: String,
                       rowsDeleted: Int) throws -> (id: Int64, entries: Int) {
        let pending = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM history WHERE candidate_id = ? AND note_commitment IS NOT NULL AND erased_by IS NULL
            """, arguments: [candidateId]) ?? 0
        try db.execute(sql: """
            INSERT INTO erasure(candidate_id, at, analyst, reason, rows_deleted, entries_redacted) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [candidateId, at, analyst, reason, rowsDeleted, pending])
        let id = db.lastInsertedRowID
        try db.execute(sql: """
            UPDATE history SET note = '', note_salt = NULL, erased_by = ?
            WHERE candidate_id = ? AND note_commitment IS NOT NULL AND erased_by IS NULL
            """, arguments: [id, candidateId])
        let entries = db.changesCount
        return (id, entries)
    }
}
