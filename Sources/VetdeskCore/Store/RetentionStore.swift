import GRDB

/// SQL for retention: which cleared cases aged past the policy, and the deletions it makes.
enum RetentionStore {
    struct ClearedCase {
        var candidateId: String
        var clearedAt: Int64
        var eventRows: Int
        var pseudonymised: Bool
    }

    /// Tables of events (sign-ins and their summaries, endpoint observations, transfers) keyed by candidate.
    static func eventTables(_ db: Database) throws -> [String] {
        try ErasureStore.personTables(db).filter {
            $0.hasPrefix("login_") || $0.hasPrefix("transfer") || $0 == "endpoint_observation"
        }
    }

    /// Cleared cases with the time of the clearing decision (the latest `clear` entry).
    static func clearedCases(_ db: Database) throws -> [ClearedCase] {
        let tables = try eventTables(db)
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.candidate_id, (SELECT max(at) FROM history h WHERE h.candidate_id = c.candidate_id AND h.action = 'clear') AS cleared_at,
                   coalesce(k.pseudonymised_at, 0) AS pseudonymised
            FROM case_file c LEFT JOIN candidate k ON k.id = c.candidate_id
            WHERE c.status = 'cleared'
            ORDER BY c.candidate_id
            """)
        return try rows.compactMap { row in
            let id: String = row["candidate_id"]
            guard let at: Int64 = row["cleared_at"] else { return nil }
            var events = 0
            for t in tables {
                events += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t) WHERE candidate_id = ?", arguments: [id]) ?? 0
            }
            return ClearedCase(candidateId: id, clearedAt: at, eventRows: events, pseudonymised: (row["pseudonymised"] as Int64) != 0)
        }
    }

    static func deleteEvents(_ db: Database, candidateId: String) throws -> Int {
        var n = 0
        for t in try eventTables(db) {
            try db.execute(sql: "DELETE FROM \(t) WHERE candidate_id = ?", arguments: [candidateId])
            n += db.changesCount
        }
        return n
    }

    /// Identifying fields emptied, payments, accounts, checks and interviews deleted; the case and flags stay.
    static func pseudonymise(_ db: Database, candidateId: String, pseudonym: String, at: Int64) throws -> Int {
        var n = 0
        let accountIds = try Int64.fetchAll(db, sql: "SELECT DISTINCT account_id FROM payment WHERE candidate_id = ?",
                                            arguments: [candidateId])
        for table in ["payment", "payment_request", "candidate_account", "identity_check", "interview", "draft_note"]
        where try db.tableExists(table) {
            try db.execute(sql: "DELETE FROM \(table) WHERE candidate_id = ?", arguments: [candidateId])
            n += db.changesCount
        }
        for id in accountIds {
            try db.execute(sql: "DELETE FROM payment_account WHERE id = ? AND NOT EXISTS (SELECT 1 FROM payment WHERE account_id = ?)",
                           arguments: [id, id])
            n += db.changesCount
        }
        try db.execute(sql: """
            UPDATE candidate SET full_name = ?, email = NULL, phone = NULL, city = NULL, address = NULL,
              ship_to_address = NULL, profile_url = NULL, profile_name = NULL, github_username = NULL,
              resume_hash = NULL, photo_hash = NULL, pseudonymised_at = ?
            WHERE id = ?
            """, arguments: [pseudonym, at, candidateId])
        n += db.changesCount
        // Flag texts quote the person's values; the case keeps its score but not the words.
        try db.execute(sql: "UPDATE flag SET summary = '[pseudonymised]', evidence = '[]' WHERE candidate_id = ?",
                       arguments: [candidateId])
        return n
    }

    static let pseudonymColumnSQL = "ALTER TABLE candidate ADD COLUMN pseudonymised_at INTEGER"
}
