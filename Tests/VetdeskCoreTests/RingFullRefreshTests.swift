import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The bounded-memory full refresh (RingFullRefresh: streamed groups, edges and components in TEMP tables)
/// stores exactly what the in-memory one did (RingService.fullInMemory), through joins, splits, merges and
/// retirements, whatever the batch size.
@Suite struct RingFullRefreshTests {
    /// Everything a refresh writes: ring rows, members, edges (as a set: row order is free), the history in order.
    struct Dump: Equatable {
        var rings: [String], members: [String], edges: Set<String>, events: [String]
    }

    func dump(_ store: Store) throws -> Dump {
        try store.pool.read { db in
            Dump(rings: try String.fetchAll(db, sql: """
                    SELECT id || ' ' || created_at || ' ' || updated_at || ' ' || score || ' ' || size || ' ' || coalesce(first_seen, '-')
                           || ' ' || coalesce(last_seen, '-') || ' ' || active FROM ring ORDER BY id
                    """),
                 members: try String.fetchAll(db, sql: "SELECT ring_id || ' ' || candidate_id || ' ' || joined_at FROM ring_member ORDER BY 1"),
                 edges: Set(try String.fetchAll(db, sql: """
                    SELECT ring_id || ' ' || a || ' ' || b || ' ' || kind || ' ' || value || ' ' || coalesce(first_seen, '-') || ' ' || coalesce(last_seen, '-')
                    FROM ring_edge
                    """)),
                 events: try String.fetchAll(db, sql: "SELECT id || ' ' || ring_id || ' ' || at || ' ' || candidate_id || ' ' || change || ' ' || via FROM ring_event ORDER BY id"))
        }
    }

    /// Two more rings beside the field store's: one that will merge into the first, one that will split.
    let extra = """
        INSERT INTO candidate(id, full_name, address, declared_country, updated_at) VALUES
          ('S-1', 'Person S-1', 'A 1, Oslo', 'NO', 0), ('S-2', 'Person S-2', 'B 2, Riga', 'LV', 0),
          ('T-1', 'Person T-1', 'C 3, Pori', 'FI', 0), ('T-2', 'Person T-2', 'D 4, Bern', 'CH', 0),
          ('T-3', 'Person T-3', 'E 5, Graz', 'AT', 0), ('T-4', 'Person T-4', 'F 6, Brno', 'CZ', 0);
        INSERT INTO candidate(id, full_name, address, declared_country, phone, updated_at) VALUES
          ('U-1', 'Person U-1', 'G 7, Gent', 'BE', '+3200001', 0), ('U-2', 'Person U-2', 'H 8, Lyon', 'FR', '+3200001', 0);
        INSERT INTO login_device VALUES ('S-1', 'dev-9', 0, 5, 50, 3), ('S-2', 'dev-9', 0, 6, 60, 3),
          ('T-1', 'dev-t1', 0, 1, 10, 3), ('T-2', 'dev-t1', 0, 1, 11, 3), ('T-2', 'dev-t2', 0, 2, 20, 3),
          ('T-3', 'dev-t2', 0, 2, 21, 3), ('T-3', 'dev-t3', 0, 3, 30, 3), ('T-4', 'dev-t3', 0, 3, 31, 3);
        """
    /// S-2 also uses the first ring's device (a merge), R-c loses its tie (leaves), the T chain breaks in the
    /// middle (a split into two equal halves), U's pair loses its phone (retired), a new pair appears.
    let change = """
        INSERT INTO login_device VALUES ('S-2', 'dev-7', 0, 7, 70, 1);
        DELETE FROM login_device WHERE candidate_id = 'R-c';
        DELETE FROM login_device WHERE device_id = 'dev-t2';
        UPDATE candidate SET phone = NULL WHERE id = 'U-2';
        INSERT INTO candidate(id, full_name, address, declared_country, phone, updated_at) VALUES
          ('N-1', 'Person N-1', '3 Rue Neuve, Lyon', 'FR', '+33600000001', 0),
          ('N-2', 'Person N-2', '8 Kerkstraat, Gent', 'BE', '+33600000001', 0);
        """

    func store() throws -> (Store, String) {
        let (store, dir) = try RingTests().fieldStore()
        try store.pool.write { db in try db.execute(sql: extra) }
        return (store, dir)
    }

    func refresh(_ store: Store, at now: Int64, streamed: Bool, batch: Int = 4096) throws -> RingService.RefreshReport {
        try store.pool.write { db in
            if streamed { return try RingFullRefresh(db: db, now: now, batch: batch).run() }
            return try RingService.fullInMemory(db, now: now)
        }
    }

    @Test(arguments: [1, 2, 4096])
    func theStreamedFullRefreshStoresWhatTheInMemoryOneDid(batch: Int) throws {
        let (reference, refDir) = try store()
        let (streamed, strDir) = try store()
        defer { try? FileManager.default.removeItem(atPath: refDir); try? FileManager.default.removeItem(atPath: strDir) }

        let r1 = try refresh(reference, at: 1000, streamed: false)
        let s1 = try refresh(streamed, at: 1000, streamed: true, batch: batch)
        #expect(r1 == s1)
        #expect(try dump(reference) == dump(streamed))
        #expect(s1.rings == 4, "field ring, S pair, T chain, U pair")

        for store in [reference, streamed] { try store.pool.write { db in try db.execute(sql: change) } }
        let r2 = try refresh(reference, at: 2000, streamed: false)
        let s2 = try refresh(streamed, at: 2000, streamed: true, batch: batch)
        #expect(r2 == s2)
        let after = try dump(streamed)
        #expect(try dump(reference) == after)
        // The shapes this exercised: a merge, a leaver, a split (the id stays on one half), a retirement, a new ring.
        #expect(after.events.contains { $0.hasSuffix("S-1 left now in R-000001") })
        #expect(after.events.contains { $0.hasSuffix("R-c left no strong tie left") })
        #expect(after.events.contains { $0.contains(" 2000 U-1 left no strong tie left") })
        #expect(after.rings.filter { $0.hasSuffix(" 1") }.count == 4, "\(after.rings)")

        // Nothing changed: a third refresh writes nothing, in both.
        let r3 = try refresh(reference, at: 3000, streamed: false)
        let s3 = try refresh(streamed, at: 3000, streamed: true, batch: batch)
        #expect(r3 == s3)
        #expect(try dump(reference) == dump(streamed))
        #expect(try dump(streamed) == after)
    }

    @Test func theWorkingTablesAreDroppedAfterARefresh() throws {
        let (store, dir) = try store()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try refresh(store, at: 1000, streamed: true)
        let left = try store.pool.write { db in
            try String.fetchAll(db, sql: "SELECT name FROM temp.sqlite_master WHERE name LIKE 'ring_full%'")
        }
        #expect(left.isEmpty)
    }

    @Test func unionFindJoinsToTheLowestNumber() {
        var sets = RingUnionFind(count: 6)
        sets.union(5, 3)
        sets.union(3, 4)
        sets.union(6, 2)
        #expect([3, 4, 5].map { sets.find($0) } == [3, 3, 3])
        #expect(sets.find(6) == 2 && sets.find(1) == 1)
        sets.union(4, 6)
        #expect((2...6).map { sets.find(Int32($0)) } == [2, 2, 2, 2, 2])
    }
}
