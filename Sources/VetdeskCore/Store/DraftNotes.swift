import GRDB

/// A note being typed in the console, saved on every keystroke so a dropped SSH session or a
/// killed process loses nothing; restored at the analyst's next launch. One per analyst and candidate.
public struct DraftNote: Sendable, Equatable {
    public var analyst: String
    public var candidateId: String
    /// The dialog it belongs to: clear | escalate | note.
    public var action: String
    public var reasonCode: String?
    public var text: String
    public var updatedAt: Int64

    public init(analyst: String, candidateId: String, action: String, reasonCode: String?, text: String,
                updatedAt: Int64) {
        self.analyst = analyst; self.candidateId = candidateId; self.action = action
        self.reasonCode = reasonCode; self.text = text; self.updatedAt = updatedAt
    }
}

extension Store {
    /// Inserts or replaces the analyst's draft for the candidate (one small write transaction).
    public func saveDraft(_ draft: DraftNote) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO draft_note(analyst, candidate_id, action, reason_code, text, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(analyst, candidate_id) DO UPDATE SET
                    action = excluded.action, reason_code = excluded.reason_code,
                    text = excluded.text, updated_at = excluded.updated_at
                """, arguments: [draft.analyst, draft.candidateId, draft.action, draft.reasonCode, draft.text,
                                 draft.updatedAt])
        }
    }

    public func deleteDraft(analyst: String, candidateId: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM draft_note WHERE analyst = ? AND candidate_id = ?",
                           arguments: [analyst, candidateId])
        }
    }

    /// The analyst's drafts, most recently edited first.
    public func drafts(analyst: String) throws -> [DraftNote] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT analyst, candidate_id, action, reason_code, text, updated_at FROM draft_note
                WHERE analyst = ? ORDER BY updated_at DESC, candidate_id
                """, arguments: [analyst]).map { row in
                DraftNote(analyst: row["analyst"], candidateId: row["candidate_id"], action: row["action"],
                          reasonCode: row["reason_code"], text: row["text"], updatedAt: row["updated_at"])
            }
        }
    }

    /// The candidate's display name, for titles (nil when unknown).
    public func candidateName(_ id: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT full_name FROM candidate WHERE id = ?", arguments: [id])
        }
    }
}
