import GRDB

/// SQL for `case_file` writes made by the case workflow, and the rows a decision clears or marks.
enum CaseStore {
    static func fetch(_ db: Database, candidateId: String) throws -> CaseFile? {
        try CaseFile.fetchOne(db, sql: "SELECT * FROM case_file WHERE candidate_id = ?", arguments: [candidateId])
    }

    /// The case, opening a new one (status new, version 0) if the candidate exists but has none yet.
    static func fetchOrOpen(_ db: Database, candidateId: String, now: Int64) throws -> CaseFile? {
        if let existing = try fetch(db, candidateId: candidateId) { return existing }
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM candidate WHERE id = ?)",
                                arguments: [candidateId]) == true else { return nil }
        try db.execute(sql: "INSERT INTO case_file(candidate_id, status, opened_at, updated_at, version) "
                       + "VALUES (?, 'new', ?, ?, 0)", arguments: [candidateId, now, now])
        return try fetch(db, candidateId: candidateId)
    }

    /// Compare-and-set on version: `updated.version` must be exactly one more than the stored one.
    static func update(_ db: Database, _ updated: CaseFile) throws {
        try db.execute(sql: """
            UPDATE case_file SET status = ?, assignee = ?, referred_to = ?, version = ?, updated_at = ?
            WHERE candidate_id = ? AND version = ?
            """, arguments: [updated.status.rawValue, updated.assignee, updated.referredTo, updated.version,
                             updated.updatedAt, updated.candidateId, updated.version - 1])
        guard db.changesCount == 1 else {
            throw VetdeskError.conflict("case \(updated.candidateId) was changed by another session; reload it")
        }
    }

    static func dropDraft(_ db: Database, analyst: String, candidateId: String) throws {
        try db.execute(sql: "DELETE FROM draft_note WHERE analyst = ? AND candidate_id = ?",
                       arguments: [analyst, candidateId])
    }

    /// Rules that look at linked candidates' case states must be recomputed.
    static func markDirty(_ db: Database, candidateId: String) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO dirty_candidate(candidate_id) VALUES (?)", arguments: [candidateId])
    }
}
