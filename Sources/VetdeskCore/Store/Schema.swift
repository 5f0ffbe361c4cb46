import GRDB

/// The store's schema, as GRDB migrations. Timestamps are INTEGER unix seconds (UTC);
/// countries ISO 3166-1 alpha-2; amounts decimal strings. Never edit a shipped migration:
/// add a new one.
enum Schema {
    static func migrator() -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-core") { db in
            try db.execute(sql: v1)
        }
        // The chain head, kept beside the history so that a truncated tail is detected.
        m.registerMigration("v2-history-head") { db in
            try db.execute(sql: HistoryStore.headTableSQL)
        }
        // login_event deduplicated by a compact INTEGER key instead of UNIQUE(source, source_id).
        m.registerMigration("v3-login-event-key") { db in
            try ImportLoginSchema.addEventKey(db)
        }
        // login_locale summary (candidate_id, locale, events) for the locale_mismatch rule.
        m.registerMigration("v4-login-locale") { db in
            try ImportLoginSchema.addLoginLocale(db)
        }
        // An analyst's attribution of a case, recorded in the (chained) decision entry that made it.
        m.registerMigration("v5-history-attribution") { db in
            try db.execute(sql: HistoryStore.attributionColumnsSQL)
        }
        // Salted note commitments (erasable notes, chain still verifies), erasure tombstones, and the
        // re-hash of existing entries into chain format v2 (the v1 head is kept in history_rechain).
        m.registerMigration("v6-history-commitments") { db in
            try HistoryStore.migrateToCommitments(db, now: Time.now())
        }
        // Which exports included whom (access requests), and when retention pseudonymised a candidate.
        m.registerMigration("v7-export-log-retention") { db in
            try db.execute(sql: ExportLogStore.schemaSQL)
            try db.execute(sql: RetentionStore.pseudonymColumnSQL)
        }
        // Rings with stable ids, their strong edges and membership history.
        m.registerMigration("v8-rings") { db in
            try db.execute(sql: RingStore.schemaSQL)
        }
        // The identity provider's own risk verdict on each sign-in (idp_risk_signal rule).
        m.registerMigration("v9-idp-risk") { db in
            try SignInRiskSchema.addIdPRisk(db)
        }
        // import_run / import_chunk / import_rebuild: login imports commit in chunks (ImportRunSchema).
        m.registerMigration("v10-import-runs") { db in
            try db.execute(sql: ImportRunSchema.sql)
        }
        // Sanctions lists and intel feeds as published, and the hits screening found (docs/lists.md).
        m.registerMigration("v11-lists") { db in try db.execute(sql: ListStore.schemaSQL) }
        m.registerMigration("v12-transfer-events") { db in try TransferEventSchema.create(db) }
        // Invoices and payment requests with the period or milestone they bill (prepayment_pressure).
        m.registerMigration("v12-triage-invoices") { db in try db.execute(sql: PaymentRequestSchema.sql) }
        m.registerMigration("v13-actimport-transfer-chunks") { db in try db.execute(sql: TransferChunkSchema.sql) }
        // Ring refreshes recompute only what changed (RingDirtySchema).
        m.registerMigration("v12-ringsdata-dirty") { db in try db.execute(sql: RingDirtySchema.sql) }
        // Home addresses' AddressKeys kept between ring refreshes (RingHomeSchema).
        m.registerMigration("v14-rings-home-keys") { db in try db.execute(sql: RingHomeSchema.sql) }
        m.registerMigration("v14-console-flag-candidate") { db in try db.execute(sql: QueueIndexSchema.sql) }
        // Fewer B-tree writes per sign-in: dedupe key inside the candidate/time index, hours packed per candidate.
        m.registerMigration("v15-logindata") { db in try LoginDataSchema.migrate(db) }
        m.registerMigration("v15-lead-case-status-count") { db in try db.execute(sql: CaseStatusCountSchema.sql) }
        // Ring marks of UPDATE triggers that an importer's UPSERT does not abort (RingDirtyUpsertSchema).
        m.registerMigration("v16-ringsmem-upsert-safe-marks") { db in try db.execute(sql: RingDirtyUpsertSchema.sql) }
        // Login days packed per candidate, country and 32-day block: fewer rows written and read (LoginDayBlockSchema).
        m.registerMigration("v17-login-day-blocks") { db in try LoginDayBlockSchema.migrate(db) }
        return m
    }

    // Later migrations change v1's tables: v3 rebuilds login_event with an INTEGER event_key
    // (UNIQUE) in place of UNIQUE(source, source_id); v4 adds login_locale (ImportLoginSchema).
    static let v1 = """
    CREATE TABLE candidate (
        id TEXT PRIMARY KEY NOT NULL,
        full_name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        phone_type TEXT,              -- mobile | landline | voip
        phone_changes INTEGER NOT NULL DEFAULT 0,
        declared_country TEXT,        -- residence, ISO alpha-2
        city TEXT,
        address TEXT,
        ship_to_address TEXT,
        ship_to_country TEXT,
        ship_to_changed_at INTEGER,
        ship_to_is_forwarder INTEGER NOT NULL DEFAULT 0,
        platform TEXT,                -- upwork, linkedin, direct, agency...
        role TEXT,
        rate_hourly REAL,
        rate_currency TEXT,
        market_rate_hourly REAL,      -- band midpoint for the role, if the ATS gives one
        referrer_id TEXT,
        applied_at INTEGER,
        hired_at INTEGER,
        email_created_at INTEGER,
        profile_url TEXT,
        profile_name TEXT,
        profile_location TEXT,        -- country alpha-2 shown on the professional profile
        profile_created_at INTEGER,
        github_username TEXT,
        github_created_at INTEGER,
        github_first_commit_at INTEGER,
        resume_hash TEXT,
        photo_hash TEXT,
        locale TEXT,                  -- declared language/locale, e.g. de-DE
        byod_requested INTEGER NOT NULL DEFAULT 0,
        prepayment_requests INTEGER NOT NULL DEFAULT 0,
        payout_changes_90d INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX candidate_email ON candidate(email COLLATE NOCASE);
    CREATE INDEX candidate_phone ON candidate(phone);
    CREATE INDEX candidate_referrer ON candidate(referrer_id);
    CREATE INDEX candidate_resume ON candidate(resume_hash);
    CREATE INDEX candidate_photo ON candidate(photo_hash);
    CREATE INDEX candidate_address ON candidate(address);

    -- Login identities that map to a candidate (emails, usernames, UPNs).
    CREATE TABLE candidate_account (
        account TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
        candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE
    );
    CREATE INDEX candidate_account_candidate ON candidate_account(candidate_id);

    CREATE TABLE identity_check (
        id TEXT PRIMARY KEY NOT NULL,
        candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        checked_at INTEGER NOT NULL,
        provider TEXT,
        document_type TEXT,
        document_country TEXT,
        result TEXT NOT NULL,         -- passed | failed | review
        face_match INTEGER,           -- 1/0/NULL
        manipulation_flagged INTEGER NOT NULL DEFAULT 0,
        name_on_document TEXT
    );
    CREATE INDEX identity_check_candidate ON identity_check(candidate_id);

    CREATE TABLE interview (
        id TEXT PRIMARY KEY NOT NULL,
        candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        scheduled_at INTEGER NOT NULL,
        kind TEXT,                    -- video | phone | onsite
        outcome TEXT NOT NULL,        -- held | refused | rescheduled | no_show
        camera TEXT,                  -- on | off | refused | broken
        interviewer TEXT,
        notes TEXT
    );
    CREATE INDEX interview_candidate ON interview(candidate_id);

    CREATE TABLE payment_account (
        id INTEGER PRIMARY KEY,
        account_type TEXT NOT NULL,   -- iban | bank_account | wallet | platform
        identifier TEXT NOT NULL,     -- normalised (IBAN upper-case without spaces, wallet lower-case...)
        holder_name TEXT,
        iban TEXT,
        iban_valid INTEGER,
        bic TEXT,
        bank_name TEXT,
        bank_country TEXT,
        UNIQUE(account_type, identifier)
    );

    CREATE TABLE payment (
        id TEXT PRIMARY KEY NOT NULL, -- source record id
        source TEXT NOT NULL,
        paid_at INTEGER NOT NULL,
        candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        payee_name TEXT,
        account_id INTEGER NOT NULL REFERENCES payment_account(id),
        amount TEXT NOT NULL,
        currency TEXT NOT NULL,
        method TEXT                   -- bank | crypto | platform
    );
    CREATE INDEX payment_candidate ON payment(candidate_id, paid_at);
    CREATE INDEX payment_account_idx ON payment(account_id, candidate_id);

    CREATE TABLE login_event (
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
        UNIQUE(source, source_id)
    );
    CREATE INDEX login_candidate_time ON login_event(candidate_id, occurred_at);

    -- Summaries maintained by the importer so that rules and panels never scan every login.
    CREATE TABLE login_ip_use (
        candidate_id TEXT NOT NULL,
        ip TEXT NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY(candidate_id, ip)
    ) WITHOUT ROWID;
    CREATE INDEX login_ip_use_ip ON login_ip_use(ip, candidate_id);

    CREATE TABLE login_day (
        candidate_id TEXT NOT NULL,
        day INTEGER NOT NULL,         -- unix day number (UTC)
        country TEXT NOT NULL,        -- resolved country ('' unknown)
        events INTEGER NOT NULL,
        PRIMARY KEY(candidate_id, day, country)
    ) WITHOUT ROWID;

    CREATE TABLE login_hour (
        candidate_id TEXT NOT NULL,
        weekday INTEGER NOT NULL,     -- 0 = Monday (UTC)
        hour INTEGER NOT NULL,        -- 0..23 UTC
        events INTEGER NOT NULL,
        PRIMARY KEY(candidate_id, weekday, hour)
    ) WITHOUT ROWID;

    CREATE TABLE login_session (
        candidate_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY(candidate_id, session_id)
    ) WITHOUT ROWID;

    CREATE TABLE login_device (
        candidate_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        managed INTEGER,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY(candidate_id, device_id)
    ) WITHOUT ROWID;
    CREATE INDEX login_device_device ON login_device(device_id);

    -- libloc answers, cached per IP; provider from the VPN/hosting list.
    CREATE TABLE ip_info (
        ip TEXT PRIMARY KEY NOT NULL,
        country TEXT,
        asn INTEGER,
        as_name TEXT,
        anonymous_proxy INTEGER NOT NULL DEFAULT 0,
        provider TEXT,                -- e.g. 'Astrill VPN' or 'M247 (hosting)'
        provider_kind TEXT,           -- vpn | hosting | corporate
        provider_dprk_named INTEGER NOT NULL DEFAULT 0, -- named in DPRK IT-worker reporting
        looked_up_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE endpoint_observation (
        id TEXT PRIMARY KEY NOT NULL,
        candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        observed_at INTEGER NOT NULL,
        device_id TEXT,
        kind TEXT NOT NULL,           -- software | usb
        name TEXT NOT NULL,
        vendor_id TEXT,
        product_id TEXT,
        approved INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX endpoint_candidate ON endpoint_observation(candidate_id);

    CREATE TABLE watchlist_entry (
        id INTEGER PRIMARY KEY,
        list_name TEXT NOT NULL,
        kind TEXT NOT NULL,           -- email | phone | handle | wallet | account | iban | ip
        value TEXT NOT NULL,          -- normalised
        note TEXT,
        UNIQUE(list_name, kind, value)
    );
    CREATE INDEX watchlist_value ON watchlist_entry(kind, value);

    CREATE TABLE flag (
        candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL,       -- low | medium | high | decisive
        weight REAL NOT NULL,
        summary TEXT NOT NULL,
        evidence TEXT NOT NULL,       -- JSON array of Evidence
        computed_at INTEGER NOT NULL,
        PRIMARY KEY(candidate_id, rule_id)
    ) WITHOUT ROWID;
    CREATE INDEX flag_rule ON flag(rule_id);

    CREATE TABLE case_file (
        candidate_id TEXT PRIMARY KEY NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'new', -- new | in_review | cleared | escalated | referred
        assignee TEXT,
        risk_score INTEGER NOT NULL DEFAULT 0,
        risk_band TEXT NOT NULL DEFAULT 'none', -- none | low | medium | high | critical
        top_flags TEXT NOT NULL DEFAULT '',     -- comma-separated rule ids, highest weight first
        referred_to TEXT,
        opened_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        scored_at INTEGER,
        version INTEGER NOT NULL DEFAULT 0      -- optimistic concurrency for decisions
    );
    CREATE INDEX case_queue ON case_file(risk_score DESC, candidate_id);
    CREATE INDEX case_status ON case_file(status, risk_score DESC);
    CREATE INDEX case_updated ON case_file(updated_at);

    -- Append-only, hash-chained decisions and notes.
    CREATE TABLE history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        candidate_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        analyst TEXT NOT NULL,
        action TEXT NOT NULL,         -- note | take | release | clear | escalate | refer | reopen
        from_status TEXT,
        to_status TEXT,
        reason_code TEXT,
        note TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX history_candidate ON history(candidate_id, seq);
    CREATE TRIGGER history_no_update BEFORE UPDATE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    CREATE TRIGGER history_no_delete BEFORE DELETE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

    -- Candidates whose flags must be recomputed (written by importers and decisions).
    CREATE TABLE dirty_candidate (
        candidate_id TEXT PRIMARY KEY NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE import_log (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        kind TEXT NOT NULL,
        records INTEGER NOT NULL,
        inserted INTEGER NOT NULL,
        imported_at INTEGER NOT NULL
    );

    -- Draft notes from the console, saved on every keystroke so a dropped session loses nothing.
    CREATE TABLE draft_note (
        analyst TEXT NOT NULL,
        candidate_id TEXT NOT NULL,
        action TEXT NOT NULL,
        reason_code TEXT,
        text TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY(analyst, candidate_id)
    ) WITHOUT ROWID;
    """
}
