/// Migration "v16-ringsmem-upsert-safe-marks": the ring marks of UPDATE triggers, written without `OR IGNORE`.
/// SQLite lets the outer statement's conflict policy override a trigger's: under an importer's UPSERT
/// (`ON CONFLICT(id) DO UPDATE`) the `INSERT OR IGNORE INTO ring_dirty` of an UPDATE trigger aborted with
/// "UNIQUE constraint failed: ring_dirty.candidate_id" whenever the candidate was already marked, so re-importing
/// a payment whose account changed (or a candidate whose phone changed) failed the file. Found while re-importing
/// the rings bench's payments into a store that already had them (session 6). Same marks, guarded by NOT EXISTS.
enum RingDirtyUpsertSchema {
    static let sql = """
        DROP TRIGGER ring_dirty_candidate_update;
        CREATE TRIGGER ring_dirty_candidate_update AFTER UPDATE ON candidate
        WHEN OLD.phone IS NOT NEW.phone OR OLD.email IS NOT NEW.email OR OLD.resume_hash IS NOT NEW.resume_hash
          OR OLD.photo_hash IS NOT NEW.photo_hash OR OLD.ship_to_address IS NOT NEW.ship_to_address
          OR OLD.address IS NOT NEW.address OR OLD.city IS NOT NEW.city OR OLD.declared_country IS NOT NEW.declared_country
          OR OLD.referrer_id IS NOT NEW.referrer_id
        BEGIN
            INSERT INTO ring_dirty(candidate_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM ring_dirty WHERE candidate_id = NEW.id);
            DELETE FROM ring_ship_to WHERE candidate_id = NEW.id AND address IS NOT NEW.ship_to_address;
            INSERT INTO ring_dirty_value(kind, value) SELECT kind, value FROM (
                SELECT 'resume' AS kind, OLD.resume_hash AS value WHERE OLD.resume_hash IS NOT NEW.resume_hash AND coalesce(OLD.resume_hash, '') <> ''
                UNION SELECT 'photo', OLD.photo_hash WHERE OLD.photo_hash IS NOT NEW.photo_hash AND coalesce(OLD.photo_hash, '') <> ''
                UNION SELECT 'full', '' WHERE (OLD.phone IS NOT NEW.phone AND coalesce(OLD.phone, '') <> '')
                    OR (OLD.email IS NOT NEW.email AND coalesce(OLD.email, '') <> '')
                    OR (OLD.ship_to_address IS NOT NEW.ship_to_address AND coalesce(OLD.ship_to_address, '') <> '')) x
            WHERE NOT EXISTS (SELECT 1 FROM ring_dirty_value d WHERE d.kind = x.kind AND d.value = x.value);
        END;
        DROP TRIGGER ring_dirty_payment_change;
        CREATE TRIGGER ring_dirty_payment_change AFTER UPDATE OF candidate_id, account_id ON payment
        BEGIN
            INSERT INTO ring_dirty(candidate_id) SELECT v FROM (SELECT OLD.candidate_id AS v UNION SELECT NEW.candidate_id)
            WHERE v NOT IN (SELECT candidate_id FROM ring_dirty);
            INSERT INTO ring_dirty_value(kind, value) SELECT 'payment', CAST(OLD.account_id AS TEXT)
            WHERE NOT EXISTS (SELECT 1 FROM ring_dirty_value WHERE kind = 'payment' AND value = CAST(OLD.account_id AS TEXT));
        END;
        DROP TRIGGER ring_dirty_ip_info;
        CREATE TRIGGER ring_dirty_ip_info AFTER UPDATE OF provider_kind, anonymous_proxy ON ip_info
        WHEN OLD.provider_kind IS NOT NEW.provider_kind OR OLD.anonymous_proxy IS NOT NEW.anonymous_proxy
        BEGIN
            INSERT INTO ring_dirty_value(kind, value) SELECT 'line', NEW.ip
            WHERE NOT EXISTS (SELECT 1 FROM ring_dirty_value WHERE kind = 'line' AND value = NEW.ip);
        END;
        """
}
