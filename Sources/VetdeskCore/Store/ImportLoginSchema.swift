import GRDB

/// Migrations of the login tables owned by the importer (registered in Schema.migrator()).
enum ImportLoginSchema {
    /// v3: login_event's dedupe key becomes one INTEGER column, `event_key` = LoginEventKey(source,
    /// source_id), with a UNIQUE index, instead of the wide UNIQUE(source, source_id) TEXT index
    /// (why and the figures: LoginEventKey). SQLite cannot drop a table constraint, so the table is
    /// rebuilt; existing rows keep their ids and get their keys, collisions resolved by probing.
    static func addEventKey(_ db: Database) throws {
        let keyFunction = DatabaseFunction("vetdesk_login_event_key", argumentCount: 2, pure: true) { values in
            guard let source = String.fromDatabaseValue(values[0]), let id = String.fromDatabaseValue(values[1]) else {
                return nil
            }
            return LoginEventKey.of(source: source, sourceId: id)
        }
        db.add(function: keyFunction)
        defer { db.remove(function: keyFunction) }
        let columns = """
            id, source, source_id, candidate_id, account, occurred_at, ip, reported_country, city, outcome,
            user_agent, device_id, device_managed, locale, session_id
            """
        try db.execute(sql: """
            CREATE TABLE login_event_v3 (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL,         -- okta | entra | google | csv
                source_id TEXT NOT NULL,
                candidate_id TEXT,            -- NULL when the account maps to no candidate
                account TEXT NOT NULL,
                occurred_at INTEGER NOT NULL,
                ip TEXT NOT NULL,
                reported_country TEXT,        -- what the log source said
                city TEXT,
                outcome TEXT NOT NULL,        -- success | failure
                user_agent TEXT,
                device_id TEXT,
                device_managed INTEGER,
                locale TEXT,
                session_id TEXT,
                -- 64-bit hash of (source, source_id), unique (index login_event_key); on a collision
                -- the later event takes the next free value, so (source, source_id) stays the real key.
                -- NULL only on rows written outside the importer, which fills them in before deduping.
                event_key INTEGER
            );
            INSERT INTO login_event_v3 (\(columns), event_key)
                SELECT \(columns), vetdesk_login_event_key(source, source_id) FROM login_event ORDER BY id;
            DROP TABLE login_event;
            ALTER TABLE login_event_v3 RENAME TO login_event;
            """)
        // The old UNIQUE(source, source_id) guarantees that equal keys are hash collisions:
        // every event after the first of a group moves to the next free key.
        let taken = try Int64.fetchAll(db, sql: "SELECT event_key FROM login_event GROUP BY event_key HAVING count(*) > 1")
        for key in taken {
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM login_event WHERE event_key = ? ORDER BY id", arguments: [key])
            for id in ids.dropFirst() {
                var candidate = LoginEventKey.next(after: key)
                while try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM login_event WHERE event_key = ?)",
                                        arguments: [candidate]) == true {
                    candidate = LoginEventKey.next(after: candidate)
                }
                try db.execute(sql: "UPDATE login_event SET event_key = ? WHERE id = ?", arguments: [candidate, id])
            }
        }
        try db.execute(sql: """
            CREATE UNIQUE INDEX login_event_key ON login_event(event_key);
            CREATE INDEX login_candidate_time ON login_event(candidate_id, occurred_at);
            """)
    }

    /// v4: client locales per candidate, maintained by the login importer like the other summaries,
    /// for the locale_mismatch rule (rules may not scan login_event). Filled from the stored events.
    static func addLoginLocale(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE login_locale (
                candidate_id TEXT NOT NULL,
                locale TEXT NOT NULL,         -- as the log reported it (e.g. ko-KR, de_DE); never ''
                events INTEGER NOT NULL,
                PRIMARY KEY(candidate_id, locale)
            ) WITHOUT ROWID;
            INSERT INTO login_locale (candidate_id, locale, events)
                SELECT candidate_id, locale, count(*) FROM login_event
                WHERE candidate_id IS NOT NULL AND locale IS NOT NULL AND locale <> ''
                GROUP BY candidate_id, locale;
            """)
    }
}
