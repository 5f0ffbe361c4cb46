import GRDB

/// Migration v15-logindata (issue 13): fewer B-tree writes per imported sign-in.
///
/// 1. login_event's dedupe key moves into the candidate/time index: one UNIQUE index
///    (candidate_id, occurred_at, event_key) replaces the global UNIQUE(event_key) index and the plain
///    (candidate_id, occurred_at) index. The global hash index put every insert on a random page (a WAL
///    page per event per chunk commit once it outgrew the cache); the new one is filled in the order
///    the file is grouped in (by user, then time) and serves every reader of login_candidate_time.
///    Events that map to no candidate are deduplicated by the small partial index login_unmapped_key;
///    LoginEventInserter probes it for mapped events too while unmapped rows exist, so an event stored
///    unmapped and re-imported once its account maps (by the candidate's email) is still a duplicate.
///    Dedupe is therefore by (source, source_id) among events of the same candidate and second: the same
///    source id at another time is a different event (exports never change an event's time).
/// 2. login_hour (one row per candidate, weekday and hour: ~0.55 upserts per event) becomes login_week,
///    one row per candidate with 168 counters h0..h167 (slot = weekday * 24 + hour, weekday 0 = Monday,
///    UTC): one upsert per candidate per summary flush. `login_hour` stays as a view over it (with an
///    INSTEAD OF INSERT trigger) for fixtures and ad-hoc SQL that read or write it row-wise.
/// Measured (docs/performance.md, "Import throughput (session 5)"): first 1M rows of the bench file,
/// 23.6 -> 18.5 s CPU, 50.8 -> 34.3 s wall; 200k rows wrote 3.1k login_week rows instead of 109k
/// login_hour rows; rules, scores and summaries identical on a 20k/1M set.
enum LoginDataSchema {
    static let slots = 0..<168

    /// "h0, h1, ..., h167"
    static var columns: String { slots.map { "h\($0)" }.joined(separator: ", ") }

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX IF EXISTS login_event_key;
            DROP INDEX IF EXISTS login_candidate_time;
            CREATE UNIQUE INDEX login_candidate_time ON login_event(candidate_id, occurred_at, event_key);
            CREATE UNIQUE INDEX login_unmapped_key ON login_event(event_key) WHERE candidate_id IS NULL;
            -- Rows written without a key by SQL outside the importer (LoginEventInserter.fillMissingKeys).
            CREATE INDEX login_keyless ON login_event(id) WHERE event_key IS NULL;
            """)
        let counters = slots.map { "h\($0) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ", ")
        let sums = slots.map { "sum(CASE WHEN weekday * 24 + hour = \($0) THEN events ELSE 0 END)" }.joined(separator: ", ")
        try db.execute(sql: """
            CREATE TABLE login_week (candidate_id TEXT PRIMARY KEY NOT NULL, \(counters)) WITHOUT ROWID;
            INSERT INTO login_week (candidate_id, \(columns))
                SELECT candidate_id, \(sums) FROM login_hour GROUP BY candidate_id;
            DROP TABLE login_hour;
            """)
        try db.execute(sql: viewSQL)
    }

    /// login_hour as rows again (non-zero slots only), and inserts into it added to login_week.
    static var viewSQL: String {
        let pick = slots.map { "WHEN \($0) THEN w.h\($0)" }.joined(separator: " ")
        let add = slots.map { "h\($0) = h\($0) + (NEW.weekday * 24 + NEW.hour = \($0)) * NEW.events" }.joined(separator: ", ")
        return """
            CREATE VIEW login_hour (candidate_id, weekday, hour, events) AS
                SELECT candidate_id, slot / 24, slot % 24, events FROM (
                    WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 167)
                    SELECT w.candidate_id AS candidate_id, s.i AS slot, CASE s.i \(pick) END AS events
                    FROM login_week w, s)
                WHERE events > 0;
            CREATE TRIGGER login_hour_insert INSTEAD OF INSERT ON login_hour BEGIN
                INSERT OR IGNORE INTO login_week (candidate_id) VALUES (NEW.candidate_id);
                UPDATE login_week SET \(add) WHERE candidate_id = NEW.candidate_id;
            END;
            """
    }

    /// The upsert of one candidate's 168 counters (bound 1 = candidate, 2...169 = counts), added to the stored ones.
    static var upsertSQL: String {
        let values = slots.map { "?\($0 + 2)" }.joined(separator: ", ")
        let add = slots.map { "h\($0) = h\($0) + excluded.h\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO login_week (candidate_id, \(columns)) VALUES (?1, \(values))
            ON CONFLICT(candidate_id) DO UPDATE SET \(add)
            """
    }
}

extension LoginDataSchema {
    /// One candidate's sign-ins per [weekday 0 = Monday][hour], UTC: its login_week row, read by key.
    static func heatmap(_ db: Database, candidateId: String) throws -> [[Int]] {
        var map = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM login_week WHERE candidate_id = ?",
                                         arguments: [candidateId]) else { return map }
        for slot in slots { map[slot / 24][slot % 24] = row[slot] }
        return map
    }
}
