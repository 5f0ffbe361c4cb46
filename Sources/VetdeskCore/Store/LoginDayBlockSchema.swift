import GRDB

/// Migration v17-login-day-blocks (issue 13): login_day's rows packed per candidate, country and block
/// of 32 days.
///
/// login_day held one row per candidate, UTC day and resolved country: ~0.6 upserts per imported
/// sign-in (3.05M rows for the bench's 5M sign-ins over 55 days), and the rescore read 371k of them
/// one by one for the candidates whose countries could matter. `login_day_block` holds the same counts
/// as 32 counters per (candidate, block, country), block = day >> 5 and counter d(day & 31) (floor
/// division and its remainder, so days before 1970 pack too): 166k rows for the same data, one upsert
/// per candidate, block and country per summary flush. `login_day` stays as a view over it (with an
/// INSTEAD OF INSERT trigger that adds to the counters) for fixtures and ad-hoc SQL.
/// Measured in docs/performance.md, "Login days packed in blocks (session 10)".
enum LoginDayBlockSchema {
    /// Days per row.
    static let width: Int64 = 32
    static let slots = 0..<32

    /// "d0, d1, ..., d31"
    static var columns: String { slots.map { "d\($0)" }.joined(separator: ", ") }
    /// A row's total: "(d0 + d1 + ... + d31)".
    static var total: String { "(" + slots.map { "d\($0)" }.joined(separator: " + ") + ")" }

    static func block(ofDay day: Int64) -> Int64 { day >> 5 }
    static func slot(ofDay day: Int64) -> Int { Int(day & 31) }

    static func migrate(_ db: Database) throws {
        let counters = slots.map { "d\($0) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ", ")
        let sums = slots.map { "sum(CASE WHEN day & 31 = \($0) THEN events ELSE 0 END)" }.joined(separator: ", ")
        try db.execute(sql: """
            CREATE TABLE login_day_block (
                candidate_id TEXT NOT NULL,
                block INTEGER NOT NULL,       -- unix day number (UTC) >> 5
                country TEXT NOT NULL,        -- resolved country ('' unknown)
                \(counters),                  -- events on day block * 32 + k
                PRIMARY KEY(candidate_id, block, country)
            ) WITHOUT ROWID;
            INSERT INTO login_day_block (candidate_id, block, country, \(columns))
                SELECT candidate_id, day >> 5, country, \(sums) FROM login_day GROUP BY candidate_id, day >> 5, country;
            DROP TABLE login_day;
            """)
        try db.execute(sql: viewSQL)
    }

    /// login_day as rows again (non-zero days only), and inserts into it added to login_day_block.
    static var viewSQL: String {
        let pick = slots.map { "WHEN \($0) THEN b.d\($0)" }.joined(separator: " ")
        let add = slots.map { "d\($0) = d\($0) + ((NEW.day & 31) = \($0)) * NEW.events" }.joined(separator: ", ")
        return """
            CREATE VIEW login_day (candidate_id, day, country, events) AS
                SELECT candidate_id, block * 32 + slot, country, events FROM (
                    WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 31)
                    SELECT b.candidate_id AS candidate_id, b.block AS block, b.country AS country, s.i AS slot,
                           CASE s.i \(pick) END AS events
                    FROM login_day_block b, s)
                WHERE events > 0;
            CREATE TRIGGER login_day_insert INSTEAD OF INSERT ON login_day BEGIN
                INSERT OR IGNORE INTO login_day_block (candidate_id, block, country)
                    VALUES (NEW.candidate_id, NEW.day >> 5, NEW.country);
                UPDATE login_day_block SET \(add)
                    WHERE candidate_id = NEW.candidate_id AND block = NEW.day >> 5 AND country = NEW.country;
            END;
            """
    }

    /// The upsert of one (candidate, block, country) row (bound 1 = candidate, 2 = block, 3 = country,
    /// 4...35 = the 32 days' counts), added to the stored counts.
    static var upsertSQL: String {
        let values = slots.map { "?\($0 + 4)" }.joined(separator: ", ")
        let add = slots.map { "d\($0) = d\($0) + excluded.d\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO login_day_block (candidate_id, block, country, \(columns)) VALUES (?1, ?2, ?3, \(values))
            ON CONFLICT(candidate_id, block, country) DO UPDATE SET \(add)
            """
    }

    /// One candidate's sign-ins per resolved country, most first ('' = unknown): for the detail and exports.
    static func countries(_ db: Database, candidateId: String) throws -> [(country: String, events: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT country, sum(\(total)) AS n FROM login_day_block WHERE candidate_id = ?
            GROUP BY country HAVING n > 0 ORDER BY n DESC, country
            """, arguments: [candidateId]).map { ($0["country"], $0["n"]) }
    }
}
