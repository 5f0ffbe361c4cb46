import GRDB

/// Inserts transfer events in batches sorted by `event_key` (the login importer's scheme:
/// LoginEventKey, figures there), binding through the C API. A key held by a different event moves
/// the new one to the next free key; a key held by the same (source, identity) means the event is
/// stored already (a re-import, an overlapping export): it is skipped. The identity text itself is not
/// stored, so "the same event" is checked on the fields every identity is made of: source, source_id,
/// actor, time, vendor action, object (a different event only meets this check on a 64-bit collision).
final class TransferEventInserter {
    private let db: Database
    private let insert: RawStatement
    private let holder: Statement

    init(db: Database) throws {
        self.db = db
        insert = try RawStatement(db, sql: """
            INSERT INTO transfer_event (source, event_key, source_id, candidate_id, actor, occurred_at, occurred_ms,
                utc_offset_minutes, ip, action, vendor_action, object, object_kind, object_title, bytes, lines_changed,
                user_agent, token_hash, programmatic_access, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(event_key) DO NOTHING
            """)
        holder = try db.makeStatement(sql: """
            SELECT source, source_id, actor, occurred_at, occurred_ms, vendor_action, object
            FROM transfer_event WHERE event_key = ?
            """)
    }

    /// For each event, true when it was new, false when it was stored already.
    func insert(_ events: [TransferEvent], checkpoint: () throws -> Void) throws -> [Bool] {
        let keys = events.map(\.key)
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        var inserted = [Bool](repeating: false, count: events.count)
        for i in order {
            try checkpoint()
            var key = keys[i]
            while true {
                if try step(events[i], key: key) { inserted[i] = true; break }
                if let row = try Row.fetchOne(holder, arguments: [key]), Self.same(row, events[i]) { break }
                key = LoginEventKey.next(after: key)
            }
        }
        return inserted
    }

    /// Whether the stored row is this event (the hash matched: compare what the identity was made of).
    private static func same(_ row: Row, _ e: TransferEvent) -> Bool {
        (row[0] as String) == e.source.rawValue && (row[1] as String?) == e.sourceId && (row[2] as String) == e.actor
            && (row[3] as Int64) == e.occurredAt && (row[4] as Int64?) == e.millisecondPart
            && (row[5] as String) == e.vendorAction && (row[6] as String?) == e.object
    }

    private func step(_ e: TransferEvent, key: Int64) throws -> Bool {
        insert.bind(1, e.source.rawValue); insert.bind(2, key); insert.bind(3, e.sourceId); insert.bind(4, e.candidateId)
        insert.bind(5, e.actor); insert.bind(6, e.occurredAt); insert.bind(7, e.millisecondPart)
        insert.bind(8, e.utcOffsetMinutes.map(Int64.init)); insert.bind(9, e.ip); insert.bind(10, e.action.rawValue)
        insert.bind(11, e.vendorAction); insert.bind(12, e.object); insert.bind(13, e.objectKind); insert.bind(14, e.objectTitle)
        insert.bind(15, e.bytes); insert.bind(16, e.linesChanged); insert.bind(17, e.userAgent); insert.bind(18, e.tokenHash)
        insert.bind(19, e.programmaticAccess); insert.bind(20, e.detail)
        return try insert.run() > 0
    }
}

/// transfer_day, the per candidate, UTC day and action totals the rules baseline against: added to
/// as events are inserted, rebuilt from transfer_event when events go (import rollback, erasure).
struct TransferDayStore {
    let db: Database

    struct Key: Hashable { let candidate: String; let day: Int64; let action: String }

    func add(_ days: [Key: (events: Int, bytes: Int64)], checkpoint: () throws -> Void) throws {
        let upsert = try RawStatement(db, sql: """
            INSERT INTO transfer_day (candidate_id, day, action, events, bytes) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(candidate_id, day, action) DO UPDATE SET events = events + excluded.events,
                bytes = bytes + excluded.bytes
            """)
        for (k, v) in days {
            try checkpoint()
            upsert.bind(1, k.candidate); upsert.bind(2, k.day); upsert.bind(3, k.action); upsert.bind(4, v.events)
            upsert.bind(5, v.bytes)
            try upsert.run()
        }
    }

    func rebuild(candidateId: String) throws {
        try db.execute(sql: """
            DELETE FROM transfer_day WHERE candidate_id = :c;
            INSERT INTO transfer_day (candidate_id, day, action, events, bytes)
                SELECT :c, (occurred_at - ((occurred_at % 86400) + 86400) % 86400) / 86400, action, count(*),
                       coalesce(sum(bytes), 0)
                FROM transfer_event WHERE candidate_id = :c GROUP BY 2, 3;
            """, arguments: ["c": candidateId])
    }

    /// Lower-cased actor spelling -> candidate id: candidate_account (the `accounts` column), then
    /// candidate emails, then GitHub usernames.
    func actorMap() throws -> [String: String] {
        var map = try LoginSummaryStore(db: db).accountMap()
        let usernames = try Row.fetchCursor(db, sql: """
            SELECT github_username, id FROM candidate WHERE github_username IS NOT NULL AND github_username <> ''
            """)
        while let row = try usernames.next() {
            let login: String = row[0]
            let key = login.lowercased().hasPrefix("@") ? String(login.lowercased().dropFirst()) : login.lowercased()
            if map[key] == nil { map[key] = row[1] }
        }
        return map
    }

    /// Maps events stored before their candidate was known, rebuilds those candidates' days and
    /// returns them (called after candidates are imported).
    func mapUnmappedEvents() throws -> [String] {
        let actors = try String.fetchAll(db, sql: "SELECT DISTINCT actor FROM transfer_event WHERE candidate_id IS NULL")
        // Every candidates import ends here: without waiting events there is no map to build.
        guard !actors.isEmpty else { return [] }
        let map = try actorMap()
        var touched = Set<String>()
        let update = try db.makeStatement(sql: "UPDATE transfer_event SET candidate_id = ? WHERE actor = ? COLLATE NOCASE AND candidate_id IS NULL")
        for actor in actors {
            guard let c = map[actor.lowercased()] else { continue }
            try update.execute(arguments: [c, actor])
            touched.insert(c)
        }
        for c in touched { try rebuild(candidateId: c) }
        return touched.sorted()
    }
}
