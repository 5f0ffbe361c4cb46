import GRDB

/// What the incremental ring refresh starts from (migration "v12-ringsdata-dirty", docs/rings.md):
/// the candidates whose ring ties may have changed, and the non-personal values someone stopped holding (a
/// deleted payment's account, an old resume hash), whose remaining sharers' ties may change; or 'full' when
/// only a full refresh will do (an erasure, a phone, email, ship-to or line given up). Triggers fill both, so every
/// writer (imports, rollbacks, erasure, retention, provider rematches, plain SQL) is covered without
/// knowing about rings; a refresh empties them.
enum RingDirtySchema {
    static let sql = """
        CREATE TABLE ring_dirty (candidate_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
        CREATE TABLE ring_dirty_value (kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID;
        -- Each candidate's ship-to and its AddressKey (computed in Swift, kept by the refreshes): sharers are
        -- found by index, and only changed addresses are normalised again.
        CREATE TABLE ring_ship_to (candidate_id TEXT PRIMARY KEY NOT NULL, address TEXT NOT NULL, key TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX ring_ship_to_key ON ring_ship_to(key);

        -- Whatever queues a candidate for rescoring queues it for rings. BEFORE fires even when the
        -- candidate is already queued (INSERT OR IGNORE), i.e. after rings took the earlier mark.
        CREATE TRIGGER ring_dirty_with_rescore BEFORE INSERT ON dirty_candidate
        BEGIN INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (NEW.candidate_id); END;

        CREATE TRIGGER ring_dirty_candidate_insert AFTER INSERT ON candidate
        BEGIN INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (NEW.id); END;
        -- Personal values (phone, email, ship-to, lines' IPs) are never written here: a candidate leaving one
        -- asks for a full refresh ('full'), so nothing outlives an erasure or a retention purge.
        CREATE TRIGGER ring_dirty_candidate_update AFTER UPDATE ON candidate
        WHEN OLD.phone IS NOT NEW.phone OR OLD.email IS NOT NEW.email OR OLD.resume_hash IS NOT NEW.resume_hash
          OR OLD.photo_hash IS NOT NEW.photo_hash OR OLD.ship_to_address IS NOT NEW.ship_to_address
          OR OLD.address IS NOT NEW.address OR OLD.city IS NOT NEW.city OR OLD.declared_country IS NOT NEW.declared_country
          OR OLD.referrer_id IS NOT NEW.referrer_id
        BEGIN
            INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (NEW.id);
            DELETE FROM ring_ship_to WHERE candidate_id = NEW.id AND address IS NOT NEW.ship_to_address;
            INSERT OR IGNORE INTO ring_dirty_value(kind, value)
                SELECT 'resume', OLD.resume_hash WHERE OLD.resume_hash IS NOT NEW.resume_hash AND coalesce(OLD.resume_hash, '') <> ''
                UNION ALL SELECT 'photo', OLD.photo_hash WHERE OLD.photo_hash IS NOT NEW.photo_hash AND coalesce(OLD.photo_hash, '') <> ''
                UNION ALL SELECT 'full', '' WHERE (OLD.phone IS NOT NEW.phone AND coalesce(OLD.phone, '') <> '')
                    OR (OLD.email IS NOT NEW.email AND coalesce(OLD.email, '') <> '')
                    OR (OLD.ship_to_address IS NOT NEW.ship_to_address AND coalesce(OLD.ship_to_address, '') <> '');
        END;
        -- Erasure deletes the candidate last: whatever its rows' deletions marked is dropped, and a full refresh
        -- (which needs no marks) is asked for.
        CREATE TRIGGER ring_dirty_candidate_delete AFTER DELETE ON candidate
        BEGIN
            DELETE FROM ring_dirty_value;
            DELETE FROM ring_dirty WHERE candidate_id = OLD.id;
            DELETE FROM ring_ship_to WHERE candidate_id = OLD.id;
            INSERT OR IGNORE INTO ring_dirty_value(kind, value) VALUES ('full', '');
        END;

        CREATE TRIGGER ring_dirty_payment_insert AFTER INSERT ON payment
        BEGIN INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (NEW.candidate_id); END;
        CREATE TRIGGER ring_dirty_payment_change AFTER UPDATE OF candidate_id, account_id ON payment
        BEGIN
            INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (OLD.candidate_id), (NEW.candidate_id);
            INSERT OR IGNORE INTO ring_dirty_value(kind, value) VALUES ('payment', CAST(OLD.account_id AS TEXT));
        END;
        CREATE TRIGGER ring_dirty_payment_delete AFTER DELETE ON payment
        WHEN EXISTS (SELECT 1 FROM candidate WHERE id = OLD.candidate_id)
        BEGIN
            INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (OLD.candidate_id);
            INSERT OR IGNORE INTO ring_dirty_value(kind, value) VALUES ('payment', CAST(OLD.account_id AS TEXT));
        END;

        -- New (candidate, device/line) pairs only: repeat sign-ins are upserts whose importer marks the candidate.
        CREATE TRIGGER ring_dirty_device_insert AFTER INSERT ON login_device
        BEGIN INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (NEW.candidate_id); END;
        CREATE TRIGGER ring_dirty_device_delete AFTER DELETE ON login_device
        WHEN EXISTS (SELECT 1 FROM candidate WHERE id = OLD.candidate_id)
        BEGIN
            INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (OLD.candidate_id);
            INSERT OR IGNORE INTO ring_dirty_value(kind, value) VALUES ('device', OLD.device_id);
        END;
        CREATE TRIGGER ring_dirty_line_insert AFTER INSERT ON login_ip_use
        BEGIN INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (NEW.candidate_id); END;
        CREATE TRIGGER ring_dirty_line_delete AFTER DELETE ON login_ip_use
        WHEN EXISTS (SELECT 1 FROM candidate WHERE id = OLD.candidate_id)
        BEGIN
            INSERT OR IGNORE INTO ring_dirty(candidate_id) VALUES (OLD.candidate_id);
            INSERT OR IGNORE INTO ring_dirty_value(kind, value) VALUES ('full', '');
        END;
        -- A line that becomes a known VPN, hosting or proxy exit no longer ties its sharers.
        CREATE TRIGGER ring_dirty_ip_info AFTER UPDATE OF provider_kind, anonymous_proxy ON ip_info
        WHEN OLD.provider_kind IS NOT NEW.provider_kind OR OLD.anonymous_proxy IS NOT NEW.anonymous_proxy
        BEGIN INSERT OR IGNORE INTO ring_dirty_value(kind, value) VALUES ('line', NEW.ip); END;
        """
}

extension RingStore {
    struct Dirty {
        var candidates: [String]
        var values: [(kind: String, value: String)]
        var isEmpty: Bool { candidates.isEmpty && values.isEmpty }
    }

    /// A change only a full refresh follows safely (an erasure, a personal value given up).
    static func needsFull(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ring_dirty_value WHERE kind = 'full')") ?? false
    }

    static func dirty(_ db: Database) throws -> Dirty {
        Dirty(candidates: try String.fetchAll(db, sql: "SELECT candidate_id FROM ring_dirty"),
              values: try Row.fetchAll(db, sql: "SELECT kind, value FROM ring_dirty_value").map { (kind: $0["kind"] as String, value: $0["value"] as String) })
    }

    static func dirtyCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM ring_dirty) + (SELECT count(*) FROM ring_dirty_value)") ?? 0
    }

    static func clearDirty(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM ring_dirty; DELETE FROM ring_dirty_value")
    }

    /// The stored edges (every edge is in some ring), by group key: which ties existed before.
    static func storedEdgeKeys(_ db: Database) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT a, b, kind, value FROM ring_edge") {
            guard let kind = RingEdge.Kind(rawValue: row["kind"]) else { continue }
            let (a, b): (String, String) = (row["a"], row["b"])
            out[RingGroup.key(kind, shown: row["value"], a: a, b: b), default: []] += [a, b]
        }
        return out
    }

    /// Active rings holding any of `ids`, with their members.
    static func activeMembers(_ db: Database, holding ids: [String]) throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for chunk in RingGroupSource.chunks(ids) {
            for row in try Row.fetchAll(db, sql: """
                SELECT m.ring_id, m.candidate_id FROM ring_member m JOIN ring r ON r.id = m.ring_id
                WHERE r.active = 1 AND m.ring_id IN (SELECT ring_id FROM ring_member WHERE candidate_id IN \(RingGroupSource.placeholders(chunk.count)))
                """, arguments: StatementArguments(chunk)) {
                out[row["ring_id"], default: []].insert(row["candidate_id"])
            }
        }
        return out
    }

    /// Ring scores follow rescoring (RingFinder.score, in SQL): the highest member risk plus 5 per further kind.
    static func rescoreRings(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE ring SET score = min(100,
                (SELECT coalesce(max(coalesce(c.risk_score, 0)), 0) FROM ring_member m LEFT JOIN case_file c ON c.candidate_id = m.candidate_id
                 WHERE m.ring_id = ring.id)
                + 5 * max(0, (SELECT count(DISTINCT kind) FROM ring_edge e WHERE e.ring_id = ring.id) - 1))
            WHERE active = 1
            """)
    }
}
