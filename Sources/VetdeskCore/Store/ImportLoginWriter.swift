import GRDB

/// Inserts login events with one prepared statement. `INSERT OR IGNORE` on (source, source_id):
/// a re-imported event is skipped, and only inserted events reach the summaries.
final class LoginEventInserter {
    private let db: Database
    private let statement: Statement

    init(db: Database) throws {
        self.db = db
        statement = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO login_event (source, source_id, candidate_id, account, occurred_at, ip,
                reported_country, city, outcome, user_agent, device_id, device_managed, locale, session_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// True when the event was new.
    func insert(_ e: LoginEvent) throws -> Bool {
        statement.setUncheckedArguments([e.source, e.sourceId, e.candidateId, e.account, e.occurredAt, e.ip,
                                         e.reportedCountry, e.city, e.outcome, e.userAgent, e.deviceId,
                                         e.deviceManaged, e.locale, e.sessionId])
        try statement.execute()
        return db.changesCount > 0
    }
}

/// The login summary tables (login_ip_use, login_day, login_hour, login_session,
/// login_device) and the account -> candidate mapping.
struct LoginSummaryStore {
    let db: Database

    /// Lower-cased login identity -> candidate id: candidate_account first, then candidate emails.
    func accountMap() throws -> [String: String] {
        var map: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT account, candidate_id FROM candidate_account") {
            let account: String = row[0]
            map[account.lowercased()] = row[1]
        }
        for row in try Row.fetchAll(db, sql: "SELECT email, id FROM candidate WHERE email IS NOT NULL AND email <> ''") {
            let email: String = row[0]
            if map[email.lowercased()] == nil { map[email.lowercased()] = row[1] }
        }
        return map
    }

    /// Adds one import's summaries to the tables.
    func add(_ s: LoginSummaries) throws {
        let ipUse = try db.makeStatement(sql: """
            INSERT INTO login_ip_use (candidate_id, ip, first_at, last_at, events) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(candidate_id, ip) DO UPDATE SET first_at = min(first_at, excluded.first_at),
                last_at = max(last_at, excluded.last_at), events = events + excluded.events
            """)
        let c = s.candidates
        for (k, v) in s.ipUse { try ipUse.execute(arguments: [c[k.candidate], s.ips[k.ip], v.first, v.last, v.events]) }

        let day = try db.makeStatement(sql: """
            INSERT INTO login_day (candidate_id, day, country, events) VALUES (?, ?, ?, ?)
            ON CONFLICT(candidate_id, day, country) DO UPDATE SET events = events + excluded.events
            """)
        for (k, n) in s.days { try day.execute(arguments: [c[k.candidate], k.day, k.country, n]) }

        let hour = try db.makeStatement(sql: """
            INSERT INTO login_hour (candidate_id, weekday, hour, events) VALUES (?, ?, ?, ?)
            ON CONFLICT(candidate_id, weekday, hour) DO UPDATE SET events = events + excluded.events
            """)
        for (i, n) in s.hourCounts.enumerated() where n > 0 {
            try hour.execute(arguments: [c[i / 168], (i % 168) / 24, i % 24, n])
        }

        let session = try db.makeStatement(sql: """
            INSERT INTO login_session (candidate_id, session_id, started_at, ended_at, events) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(candidate_id, session_id) DO UPDATE SET started_at = min(started_at, excluded.started_at),
                ended_at = max(ended_at, excluded.ended_at), events = events + excluded.events
            """)
        for (k, v) in s.sessions { try session.execute(arguments: [c[k.candidate], k.value, v.first, v.last, v.events]) }

        // The managed flag follows the latest event that reported one (?7 = that event's time).
        let device = try db.makeStatement(sql: """
            INSERT INTO login_device (candidate_id, device_id, managed, first_at, last_at, events)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(candidate_id, device_id) DO UPDATE SET
                managed = CASE WHEN excluded.managed IS NULL THEN managed
                               WHEN managed IS NULL OR ?7 >= last_at THEN excluded.managed
                               ELSE managed END,
                first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at),
                events = events + excluded.events
            """)
        for (k, v) in s.devices {
            try device.execute(arguments: [c[k.candidate], k.value, v.managed, v.span.first, v.span.last, v.span.events,
                                           v.managedAt])
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

            DELETE FROM login_day WHERE candidate_id = :c;
            INSERT INTO login_day (candidate_id, day, country, events)
                SELECT :c, d, c, count(*) FROM (
                    SELECT \(day) AS d,
                           COALESCE(NULLIF(ii.country, ''), NULLIF(le.reported_country, ''), '') AS c
                    FROM login_event le LEFT JOIN ip_info ii ON ii.ip = le.ip
                    WHERE le.candidate_id = :c)
                GROUP BY d, c;

            DELETE FROM login_hour WHERE candidate_id = :c;
            INSERT INTO login_hour (candidate_id, weekday, hour, events)
                SELECT :c, w, h, count(*) FROM (
                    SELECT ((\(day) + 3) % 7 + 7) % 7 AS w, ((occurred_at % 86400) + 86400) % 86400 / 3600 AS h
                    FROM login_event WHERE candidate_id = :c)
                GROUP BY w, h;

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
            """, arguments: ["c": candidateId])
    }
}
