import GRDB

/// v12-transfer-events: after-hire activity from code hosting, drives and the company's own git
/// repositories (issue 10). One row per vendor event, whatever its shape; `event_key` is the
/// vendor's own identity where the vendor documents one as unique, else a hash of the fields that
/// make the event itself (see each mapper), so a re-import of an overlapping export adds nothing.
/// Rules and the Activity panel read it per candidate through `transfer_candidate_time`; per-day
/// totals are kept in `transfer_day` so peer baselines never scan every event.
enum TransferEventSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE transfer_event (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL,          -- github | gitlab | google_drive | m365 | git
                event_key INTEGER NOT NULL UNIQUE,
                source_id TEXT,                -- the vendor's id for the event, if it has one
                candidate_id TEXT,             -- NULL when the actor maps to no candidate
                actor TEXT NOT NULL,           -- who acted: login, email, UPN (never GitHub's `user`)
                occurred_at INTEGER NOT NULL,  -- unix seconds, UTC
                occurred_ms INTEGER,           -- milliseconds part, where the source has it
                utc_offset_minutes INTEGER,    -- local offset the source recorded (git commits)
                ip TEXT,                       -- many audit events carry none
                action TEXT NOT NULL,          -- TransferAction raw value
                vendor_action TEXT NOT NULL,   -- as the vendor wrote it: git.clone, FileDownloaded...
                object TEXT,                   -- repository full name, file path or document id
                object_kind TEXT,              -- repository | file | folder | organization | commit
                object_title TEXT,             -- human name of the object, where it differs from `object`
                bytes INTEGER,                 -- size of a download/copy, where known
                lines_changed INTEGER,         -- git commits: insertions + deletions
                user_agent TEXT,
                token_hash TEXT,               -- GitHub hashed_token: which credential acted
                programmatic_access TEXT,      -- GitHub programmatic_access_type (PAT, OAuth app...)
                detail TEXT                    -- other vendor fields worth quoting as evidence (JSON)
            );
            CREATE INDEX transfer_candidate_time ON transfer_event(candidate_id, occurred_at);
            CREATE INDEX transfer_actor ON transfer_event(actor COLLATE NOCASE);

            -- Per candidate, per UTC day and action: the daily volume the rules baseline against.
            CREATE TABLE transfer_day (
                candidate_id TEXT NOT NULL,
                day INTEGER NOT NULL,          -- unix day number (UTC)
                action TEXT NOT NULL,
                events INTEGER NOT NULL,
                bytes INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY(candidate_id, day, action)
            ) WITHOUT ROWID;
            """)
    }
}
