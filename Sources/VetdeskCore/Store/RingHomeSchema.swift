import GRDB

/// Each candidate's declared home as an AddressKey (migration "v14-rings-home-keys"), kept by the refreshes like
/// ring_ship_to: normalising the homes of every sharer was the largest part of a full refresh left after the
/// grouped queries (about a quarter of its CPU at 100k candidates, docs/performance.md "Rings"). A row is used
/// only while its address equals the candidate's, so a stale row is never believed; the triggers drop the row
/// when the address changes or the candidate is erased, so no old home outlives a change or an erasure.
enum RingHomeSchema {
    static let sql = """
        CREATE TABLE ring_home (candidate_id TEXT PRIMARY KEY NOT NULL, address TEXT NOT NULL, key TEXT NOT NULL) WITHOUT ROWID;
        CREATE TRIGGER ring_home_address_update AFTER UPDATE OF address ON candidate
        WHEN OLD.address IS NOT NEW.address
        BEGIN DELETE FROM ring_home WHERE candidate_id = NEW.id; END;
        CREATE TRIGGER ring_home_candidate_delete AFTER DELETE ON candidate
        BEGIN DELETE FROM ring_home WHERE candidate_id = OLD.id; END;
        """

    /// Home keys of `rows` (id, address): cached ones as stored, the others normalised (on all cores) and kept.
    static func keys(_ db: Database, _ rows: [(id: String, address: String?, cached: String?, cachedKey: String?)]) throws -> [String] {
        var keys = rows.map { $0.address != nil && $0.cached == $0.address ? $0.cachedKey : nil }
        let missing = rows.indices.filter { keys[$0] == nil }
        let computed = ParallelMap.map(missing.map { rows[$0].address }, minChunk: 256) { AddressKey.of($0) }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO ring_home(candidate_id, address, key) VALUES (?, ?, ?)
            ON CONFLICT(candidate_id) DO UPDATE SET address = excluded.address, key = excluded.key
            """)
        for (i, key) in zip(missing, computed) {
            keys[i] = key
            if let address = rows[i].address { try upsert.execute(arguments: [rows[i].id, address, key]) }
        }
        return keys.map { $0 ?? "" }
    }
}
