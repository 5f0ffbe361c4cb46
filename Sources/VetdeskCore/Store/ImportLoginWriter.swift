import GRDB

/// Inserts login events, each batch in the order of the index that deduplicates them,
/// login_candidate_time (candidate_id, occurred_at, event_key), so that the index is filled from left
/// to right (migration v15-logindata, LoginDataSchema). Values are bound with the SQLite C API on one
/// reused statement: GRDB's StatementArguments boxes every value of every row, which showed as
/// several percent of a 1M-row import (retain/release, generic metadata).
/// A key already held by a different event of the same candidate and second moves the new one to the
/// next free key; a key held by the same (source, source_id) means the event is already stored: it is
/// skipped. Unmapped events (no candidate) are deduplicated in the partial index login_unmapped_key.
final class LoginEventInserter {
    private let db: Database
    private let insert: RawStatement
    private let mappedHolder: Statement
    private let unmappedHolder: Statement
    /// Whether the store may hold unmapped events: then a mapped event is first looked up among them
    /// (stored before its candidate was known, re-imported since). False on most imports: no lookup.
    private var unmappedMayExist: Bool

    init(db: Database) throws {
        self.db = db
        insert = try RawStatement(db, sql: """
            INSERT INTO login_event (source, source_id, candidate_id, account, occurred_at, ip, reported_country, city,
                outcome, user_agent, device_id, device_managed, locale, session_id, event_key, idp_risk_level, idp_risk)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        mappedHolder = try db.makeStatement(sql: """
            SELECT source, source_id FROM login_event WHERE candidate_id = ? AND occurred_at = ? AND event_key = ?
            """)
        unmappedHolder = try db.makeStatement(sql: """
            SELECT source, source_id FROM login_event WHERE candidate_id IS NULL AND event_key = ?
            """)
        unmappedMayExist = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM login_event WHERE candidate_id IS NULL)") ?? false
    }

    /// Gives every row written without an event_key (by SQL outside the importer) its key, so
    /// that deduplication sees it. Cheap when there are none: the partial index login_keyless is empty.
    func fillMissingKeys() throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, source, source_id, candidate_id, occurred_at FROM login_event WHERE event_key IS NULL
            """)
        let update = try db.makeStatement(sql: "UPDATE login_event SET event_key = ? WHERE id = ?")
        for r in rows {
            var key = LoginEventKey.of(source: r[1], sourceId: r[2])
            let candidate: String? = r[3]
            while try holder(candidate: candidate, occurredAt: r[4], key: key) != nil { key = LoginEventKey.next(after: key) }
            try update.execute(arguments: [key, r[0] as Int64])
        }
    }

    /// (source, source_id) of the event holding `key` in the dedupe space of `candidate` (its second,
    /// or the unmapped events).
    private func holder(candidate: String?, occurredAt: Int64, key: Int64) throws -> Row? {
        if let candidate { return try Row.fetchOne(mappedHolder, arguments: [candidate, occurredAt, key]) }
        return try Row.fetchOne(unmappedHolder, arguments: [key])
    }

    /// Inserts the events of `batch` in the order `order` (indexes into the batch, sorted by candidate and
    /// time by the caller); `candidate[i]` is event i's interned candidate (an index into `names`, the
    /// interned ids end to end with their spans; -1: unmapped). For each event, true when it was new,
    /// false when it was already stored (earlier import, or earlier in this batch). `checkpoint` runs
    /// before each row (the import session may commit a chunk there). Text is bound from the batch's
    /// buffer as it is (SQLITE_STATIC): no String and no copy per value (issue 13, session 6).
    func insert(_ batch: LoginBatch, candidate: [Int], names: (bytes: [UInt8], spans: [(start: Int, count: Int)]),
                order: [Int], checkpoint: () throws -> Void) throws -> [Bool] {
        var inserted = [Bool](repeating: false, count: batch.count)
        try batch.bytes.withUnsafeBufferPointer { buffer in
            try names.bytes.withUnsafeBufferPointer { ids in
                let base = buffer.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1)!
                let idBase = ids.baseAddress ?? base
                for i in order {
                    try checkpoint()
                    let c = candidate[i]
                    inserted[i] = try insertOne(batch, i, base: base,
                                                candidate: c < 0 ? nil : (idBase + names.spans[c].start, names.spans[c].count))
                }
            }
        }
        return inserted
    }

    private func insertOne(_ batch: LoginBatch, _ i: Int, base: UnsafePointer<UInt8>,
                           candidate: (UnsafePointer<UInt8>, Int)?) throws -> Bool {
        var key = batch.keys[i]
        if candidate != nil, unmappedMayExist, try storedUnmapped(batch, i, key: key) { return false }
        while true {
            if try step(batch, i, base: base, candidate: candidate, key: key) {
                if candidate == nil { unmappedMayExist = true }
                return true
            }
            let candidateId = candidate.map { String(decoding: UnsafeBufferPointer(start: $0.0, count: $0.1), as: UTF8.self) }
            let row = try holder(candidate: candidateId, occurredAt: batch.occurredAt[i], key: key)
            if let row, (row[0] as String?) == batch.text(i, .source), (row[1] as String?) == batch.text(i, .sourceId) {
                return false // already stored
            }
            key = LoginEventKey.next(after: key)
        }
    }

    /// Whether event `i` is stored among the unmapped events (walks its probe chain there).
    private func storedUnmapped(_ batch: LoginBatch, _ i: Int, key start: Int64) throws -> Bool {
        var key = start
        while let row = try Row.fetchOne(unmappedHolder, arguments: [key]) {
            if (row[0] as String?) == batch.text(i, .source), (row[1] as String?) == batch.text(i, .sourceId) { return true }
            key = LoginEventKey.next(after: key)
        }
        return false
    }

    /// SQL parameter of each LoginBatch column.
    private static let parameter: [Int32] = LoginBatch.Column.allCases.map { column -> Int32 in
        switch column {
        case .source: 1
        case .sourceId: 2
        case .account: 4
        case .ip: 6
        case .reportedCountry: 7
        case .city: 8
        case .outcome: 9
        case .userAgent: 10
        case .deviceId: 11
        case .locale: 13
        case .sessionId: 14
        case .idpRiskLevel: 16
        case .idpRisk: 17
        }
    }

    /// One INSERT; false when the key was taken.
    private func step(_ batch: LoginBatch, _ i: Int, base: UnsafePointer<UInt8>,
                      candidate: (UnsafePointer<UInt8>, Int)?, key: Int64) throws -> Bool {
        for column in 0..<LoginBatch.columns {
            let span = batch.span(i, LoginBatch.Column(rawValue: column)!)
            if span.count < 0 { insert.bindNull(Self.parameter[column]) } else {
                insert.bindStatic(Self.parameter[column], LoginBatch.pointer(base, span), span.count)
            }
        }
        if let candidate {
            insert.bindStatic(3, UnsafeRawPointer(candidate.0).assumingMemoryBound(to: CChar.self), candidate.1)
        } else {
            insert.bindNull(3)
        }
        insert.bind(5, batch.occurredAt[i]); insert.bind(12, batch.deviceManaged(i)); insert.bind(15, key)
        return try insert.run() > 0
    }
}

/// The login summary tables (login_ip_use, login_day_block, login_week, login_session,
/// login_device, login_locale) and the account -> candidate mapping.
struct LoginSummaryStore {
    let db: Database
    private struct DayBlockKey: Hashable { let candidate: Int; let block: Int64; let country: String }

    /// Lower-cased login identity -> candidate id: candidate_account first, then candidate emails.
    func accountMap() throws -> [String: String] {
        // Cursors, not fetchAll: an array of copied Rows for 100k candidates held ~60 MB at the end of a
        // candidates import, on top of the page cache (heaptrack, 25k candidates: 34 MB of Rows).
        var map: [String: String] = [:]
        let accounts = try Row.fetchCursor(db, sql: "SELECT account, candidate_id FROM candidate_account")
        while let row = try accounts.next() {
            let account: String = row[0]
            map[account.lowercased()] = row[1]
        }
        let emails = try Row.fetchCursor(db, sql: "SELECT email, id FROM candidate WHERE email IS NOT NULL AND email <> ''")
        while let row = try emails.next() {
            let email: String = row[0]
            if map[email.lowercased()] == nil { map[email.lowercased()] = row[1] }
        }
        return map
    }

    /// Adds accumulated summaries to the tables (upserts: counts add up, spans widen).
    /// `checkpoint` runs before each row (the import session may commit a chunk there).
    /// Rows go in candidate order (`rank`: LoginSummaries.candidateRanks()), the order of the tables'
    /// keys: in dictionary order every upsert lands on a random page, and once the summary tables
    /// outgrow the page cache (5M events: ~3M session rows) each one is a page read, and every chunk
    /// commit writes each page it dirtied to the WAL. The order changes no value (each key once per call).
    func add(_ s: LoginSummaries, rank: [Int], checkpoint: () throws -> Void) throws {
        let c = s.candidates
        let ipUse = try RawStatement(db, sql: """
            INSERT INTO login_ip_use (candidate_id, ip, first_at, last_at, events) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(candidate_id, ip) DO UPDATE SET first_at = min(first_at, excluded.first_at),
                last_at = max(last_at, excluded.last_at), events = events + excluded.events
            """)
        for (k, v) in s.ipUse.sorted(by: { rank[$0.key.candidate] < rank[$1.key.candidate] }) {
            ipUse.bind(1, c[k.candidate]); ipUse.bind(2, s.ips[k.ip]); ipUse.bind(3, v.first); ipUse.bind(4, v.last)
            ipUse.bind(5, v.events)
            try ipUse.run()
            try checkpoint()
        }

        // One row of 32 day counters per candidate, block and country (login_day_block, v17): a user's
        // days in one flush are one upsert per block and country instead of one per day (~0.6 per event).
        var dayBlocks: [DayBlockKey: [Int]] = [:]
        for (k, n) in s.days {
            let key = DayBlockKey(candidate: k.candidate, block: LoginDayBlockSchema.block(ofDay: k.day), country: k.country)
            dayBlocks[key, default: [Int](repeating: 0, count: LoginDayBlockSchema.slots.count)][LoginDayBlockSchema.slot(ofDay: k.day)] += n
        }
        let dayBlock = try RawStatement(db, sql: LoginDayBlockSchema.upsertSQL)
        for (k, counts) in dayBlocks.sorted(by: { rank[$0.key.candidate] < rank[$1.key.candidate] }) {
            dayBlock.bind(1, c[k.candidate]); dayBlock.bind(2, k.block); dayBlock.bind(3, k.country)
            for (slot, n) in counts.enumerated() { dayBlock.bind(Int32(slot + 4), n) }
            try dayBlock.run()
            try checkpoint()
        }

        // One row of 168 counters per candidate (login_week, v15-logindata) instead of ~0.55 login_hour
        // upserts per event: a 500k-event file touches ~10k candidates, not 273k (candidate, weekday, hour) rows.
        let week = try RawStatement(db, sql: LoginDataSchema.upsertSQL)
        var counts = [Int](repeating: 0, count: 168)
        var current = -1
        func writeWeek() throws {
            guard current >= 0 else { return }
            week.bind(1, c[current])
            for (slot, n) in counts.enumerated() { week.bind(Int32(slot + 2), n) }
            try week.run()
            try checkpoint()
            for slot in counts.indices { counts[slot] = 0 }
        }
        for (i, n) in s.hourCounts.sorted(by: { (rank[$0.key / 168], $0.key) < (rank[$1.key / 168], $1.key) }) {
            if i / 168 != current { try writeWeek(); current = i / 168 }
            counts[i % 168] += n
        }
        try writeWeek()

        let session = try RawStatement(db, sql: """
            INSERT INTO login_session (candidate_id, session_id, started_at, ended_at, events) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(candidate_id, session_id) DO UPDATE SET started_at = min(started_at, excluded.started_at),
                ended_at = max(ended_at, excluded.ended_at), events = events + excluded.events
            """)
        for (k, v) in s.sessions.sorted(by: { rank[$0.key.candidate] < rank[$1.key.candidate] }) {
            session.bind(1, c[k.candidate]); session.bind(2, k.value); session.bind(3, v.first); session.bind(4, v.last)
            session.bind(5, v.events)
            try session.run()
            try checkpoint()
        }

        // The managed flag follows the latest event that reported one (?7 = that event's time).
        let device = try RawStatement(db, sql: """
            INSERT INTO login_device (candidate_id, device_id, managed, first_at, last_at, events)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(candidate_id, device_id) DO UPDATE SET
                managed = CASE WHEN excluded.managed IS NULL THEN managed
                               WHEN managed IS NULL OR ?7 >= last_at THEN excluded.managed
                               ELSE managed END,
                first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at),
                events = events + excluded.events
            """)
        for (k, v) in s.devices.sorted(by: { rank[$0.key.candidate] < rank[$1.key.candidate] }) {
            device.bind(1, c[k.candidate]); device.bind(2, k.value); device.bind(3, v.managed); device.bind(4, v.span.first)
            device.bind(5, v.span.last); device.bind(6, v.span.events); device.bind(7, v.managedAt)
            try device.run()
            try checkpoint()
        }

        let locale = try RawStatement(db, sql: """
            INSERT INTO login_locale (candidate_id, locale, events) VALUES (?, ?, ?)
            ON CONFLICT(candidate_id, locale) DO UPDATE SET events = events + excluded.events
            """)
        for (k, n) in s.locales.sorted(by: { rank[$0.key.candidate] < rank[$1.key.candidate] }) {
            locale.bind(1, c[k.candidate]); locale.bind(2, k.value); locale.bind(3, n)
            try locale.run()
            try checkpoint()
        }
    }

    /// Maps logins stored before their candidate was known (account in candidate_account,
    /// candidate_id NULL), rebuilds those candidates' summaries, and returns them.
    func mapUnmappedLogins() throws -> [String] {
        let candidates = try String.fetchAll(db, sql: """
            SELECT DISTINCT ca.candidate_id FROM login_event le
            JOIN candidate_account ca ON ca.account = le.account
            WHERE le.candidate_id IS NULL
            """)
        guard !candidates.isEmpty else { return [] }
        // An event stored unmapped and again under its candidate (re-imported while its account mapped,
        // by email, before it was added to candidate_account) is the same event: the unmapped copy goes,
        // or the UPDATE below would break login_candidate_time's uniqueness (v15-logindata).
        try db.execute(sql: """
            DELETE FROM login_event WHERE candidate_id IS NULL AND EXISTS (
                SELECT 1 FROM candidate_account ca JOIN login_event m ON m.candidate_id = ca.candidate_id
                WHERE ca.account = login_event.account AND m.occurred_at = login_event.occurred_at
                  AND m.source = login_event.source AND m.source_id = login_event.source_id)
            """)
        try db.execute(sql: """
            UPDATE login_event SET candidate_id =
                (SELECT ca.candidate_id FROM candidate_account ca WHERE ca.account = login_event.account)
            WHERE candidate_id IS NULL
              AND EXISTS (SELECT 1 FROM candidate_account ca WHERE ca.account = login_event.account)
            """)
        for c in candidates { try rebuild(candidateId: c) }
        return candidates
    }

    /// Recomputes one candidate's summaries from login_event (country: ip_info's, else reported).
    /// Named arguments: GRDB binds them in every statement of the batch.
    func rebuild(candidateId: String) throws {
        let day = "(occurred_at - ((occurred_at % 86400) + 86400) % 86400) / 86400"
        try db.execute(sql: """
            DELETE FROM login_ip_use WHERE candidate_id = :c;
            INSERT INTO login_ip_use (candidate_id, ip, first_at, last_at, events)
                SELECT candidate_id, ip, min(occurred_at), max(occurred_at), count(*)
                FROM login_event WHERE candidate_id = :c GROUP BY ip;

            DELETE FROM login_day_block WHERE candidate_id = :c;
            INSERT INTO login_day_block (candidate_id, block, country, \(LoginDayBlockSchema.columns))
                SELECT :c, d >> 5, c, \(LoginDayBlockSchema.slots.map { "sum((d & 31) = \($0))" }.joined(separator: ", ")) FROM (
                    SELECT \(day) AS d,
                           COALESCE(NULLIF(ii.country, ''), NULLIF(le.reported_country, ''), '') AS c
                    FROM login_event le LEFT JOIN ip_info ii ON ii.ip = le.ip
                    WHERE le.candidate_id = :c)
                GROUP BY d >> 5, c;

            DELETE FROM login_week WHERE candidate_id = :c;
            INSERT INTO login_week (candidate_id, \(LoginDataSchema.columns))
                SELECT :c, \(LoginDataSchema.slots.map { "sum(slot = \($0))" }.joined(separator: ", ")) FROM (
                    SELECT ((\(day) + 3) % 7 + 7) % 7 * 24 + ((occurred_at % 86400) + 86400) % 86400 / 3600 AS slot
                    FROM login_event WHERE candidate_id = :c)
                HAVING count(*) > 0;

            DELETE FROM login_session WHERE candidate_id = :c;
            INSERT INTO login_session (candidate_id, session_id, started_at, ended_at, events)
                SELECT :c, session_id, min(occurred_at), max(occurred_at), count(*)
                FROM login_event WHERE candidate_id = :c AND session_id IS NOT NULL AND session_id <> ''
                GROUP BY session_id;

            DELETE FROM login_device WHERE candidate_id = :c;
            INSERT INTO login_device (candidate_id, device_id, managed, first_at, last_at, events)
                SELECT :c, le.device_id,
                       (SELECT e2.device_managed FROM login_event e2
                        WHERE e2.candidate_id = :c AND e2.device_id = le.device_id AND e2.device_managed IS NOT NULL
                        ORDER BY e2.occurred_at DESC LIMIT 1),
                       min(le.occurred_at), max(le.occurred_at), count(*)
                FROM login_event le WHERE le.candidate_id = :c AND le.device_id IS NOT NULL AND le.device_id <> ''
                GROUP BY le.device_id;

            DELETE FROM login_locale WHERE candidate_id = :c;
            INSERT INTO login_locale (candidate_id, locale, events)
                SELECT :c, locale, count(*) FROM login_event
                WHERE candidate_id = :c AND locale IS NOT NULL AND locale <> ''
                GROUP BY locale;
            """, arguments: ["c": candidateId])
    }
}
