import GRDB

/// SQL for removing one person's data. Tables are found by their `candidate_id` column rather than listed,
/// so a table added later (sign-in risk, transfers, staging) is covered without touching this file.
enum ErasureStore {
    /// Tables that must keep their rows: the chained history (its notes are emptied instead) and the tombstones.
    static let kept: Set<String> = ["history", "erasure", "history_rechain", "history_head"]

    /// Every table with a candidate_id column, except the kept ones.
    static func personTables(_ db: Database) throws -> [String] {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """)
        return try tables.filter { table in
            guard !kept.contains(table) else { return false }
            return try db.columns(in: table).contains { $0.name == "candidate_id" }
        }
    }

    static func candidateExists(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM candidate WHERE id = ?) OR EXISTS (SELECT 1 FROM case_file WHERE candidate_id = ?)
            """, arguments: [id, id]) ?? false
    }

    /// Deletes the person's rows everywhere; returns how many rows went.
    static func deletePerson(_ db: Database, id: String) throws -> Int {
        var deleted = 0
        // Identifiers the person signed in with, so sign-ins that were never mapped to them go too.
        let accounts = try String.fetchAll(db, sql: """
            SELECT lower(account) FROM candidate_account WHERE candidate_id = ?
            UNION SELECT lower(email) FROM candidate WHERE id = ? AND email IS NOT NULL
            UNION SELECT lower(github_username) FROM candidate WHERE id = ? AND github_username IS NOT NULL
            """, arguments: [id, id, id])
        let accountIds = try Int64.fetchAll(db, sql: "SELECT DISTINCT account_id FROM payment WHERE candidate_id = ?",
                                            arguments: [id])
        let ips = try String.fetchAll(db, sql: """
            SELECT DISTINCT ip FROM login_event WHERE candidate_id = ?
            UNION SELECT DISTINCT ip FROM transfer_event WHERE candidate_id = ? AND ip IS NOT NULL
            """, arguments: [id, id])
        for table in try personTables(db) {
            try db.execute(sql: "DELETE FROM \(table) WHERE candidate_id = ?", arguments: [id])
            deleted += db.changesCount
        }
        for account in accounts {
            try db.execute(sql: "DELETE FROM login_event WHERE lower(account) = ?", arguments: [account])
            deleted += db.changesCount
            // Audit events whose actor never mapped to them (stored before the candidate was known).
            try db.execute(sql: "DELETE FROM transfer_event WHERE actor = ? COLLATE NOCASE", arguments: [account])
            deleted += db.changesCount
        }
        for accountId in accountIds {
            try db.execute(sql: """
                DELETE FROM payment_account WHERE id = ? AND NOT EXISTS (SELECT 1 FROM payment WHERE account_id = ?)
                """, arguments: [accountId, accountId])
            deleted += db.changesCount
        }
        // An IP's enrichment says nothing of a person, but once nobody else used the IP it only points at them.
        for ip in ips {
            try db.execute(sql: """
                DELETE FROM ip_info WHERE ip = ? AND NOT EXISTS (SELECT 1 FROM login_event WHERE ip = ?)
                  AND NOT EXISTS (SELECT 1 FROM login_ip_use WHERE ip = ?)
                  AND NOT EXISTS (SELECT 1 FROM transfer_event WHERE ip = ?)
                """, arguments: [ip, ip, ip, ip])
            deleted += db.changesCount
        }
        // Ring edges name two members and the value they share (a phone, an email…).
        if try db.tableExists("ring_edge") {
            try db.execute(sql: "DELETE FROM ring_edge WHERE a = ? OR b = ?", arguments: [id, id])
            deleted += db.changesCount
        }
        try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [id])
        deleted += db.changesCount
        return deleted
    }

    /// After the erasure committed: move every page out of the WAL and rebuild the file, so no freed page
    /// or old WAL frame still holds the erased values. Returns false when a reader kept the WAL from being
    /// reset (the caller says so; a later `vetdesk erase --compact` or the next checkpoint finishes it).
    static func compact(_ db: Database) throws -> Bool {
        try db.execute(sql: "PRAGMA secure_delete = ON")
        try db.execute(sql: "VACUUM")
        let result = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        let busy: Int = result?[0] ?? 1
        return busy == 0
    }
}
