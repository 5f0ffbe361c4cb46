import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The incremental ring refresh gives what a full recompute gives, and rescoring drives it.
@Suite struct RingIncrementalTests {
    /// What must match between the two refreshes: ids, members, edges, scores and the membership history.
    struct Shape: Equatable {
        var id: String, members: [String], edges: [RingEdge], score: Int, events: [String]
    }
    func shapes(_ store: Store) throws -> [Shape] {
        try RingService(store: store).rings().map { r in
            Shape(id: r.id, members: r.members.map(\.candidateId).sorted(), edges: r.edges, score: r.score,
                  events: r.events.map { "\($0.at) \($0.candidateId) \($0.change) \($0.via)" })
        }.sorted { $0.id < $1.id }
    }

    /// The same changes, as plain SQL: the schema's triggers must see them without any importer's help.
    func mutate(_ store: Store) throws {
        try store.pool.write { db in
            try db.execute(sql: """
                -- R-d joins through the ring's IBAN.
                INSERT INTO candidate(id, full_name, address, declared_country, updated_at) VALUES ('R-d', 'Person R-d', 'ul. Długa 4, Gdańsk', 'PL', 0);
                INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES ('p4', 'wise', 30, 'R-d', 1, '1', 'EUR');
                -- R-c's only tie (the device it shared with R-b) goes: R-c leaves.
                DELETE FROM login_device WHERE candidate_id = 'R-c' AND device_id = 'dev-7';
                -- A new pair shares a phone: a new ring.
                INSERT INTO candidate(id, full_name, address, declared_country, phone, updated_at) VALUES
                  ('N-1', 'Person N-1', '3 Rue Neuve, Lyon', 'FR', '+33600000001', 0),
                  ('N-2', 'Person N-2', '8 Kerkstraat, Gent', 'BE', '+33600000001', 0);
                -- A household member's phone (H-1) changes: no ring either way.
                UPDATE candidate SET phone = '+447700900001' WHERE id = 'H-1';
                """)
        }
    }

    @Test func anIncrementalRefreshEqualsAFullOneOnAMutatedStore() throws {
        let (full, fullDir) = try RingTests().fieldStore()
        let (incremental, incDir) = try RingTests().fieldStore()
        defer { try? FileManager.default.removeItem(atPath: fullDir); try? FileManager.default.removeItem(atPath: incDir) }
        for store in [full, incremental] { try RingService(store: store, clock: { 1000 }).refresh(force: true) }
        #expect(try shapes(full) == shapes(incremental))
        let ringId = try #require(try shapes(full).first?.id)

        for store in [full, incremental] { try mutate(store) }
        let f = try RingService(store: full, clock: { 2000 }).refresh(force: true)
        let i = try RingService(store: incremental, clock: { 2000 }).refresh()
        #expect(f.mode == "full" && i.mode == "incremental")
        #expect(i.touched < f.touched, "incremental re-read \(i.touched) of \(f.touched) candidates")
        let after = try shapes(incremental)
        #expect(try shapes(full) == after)

        // The ring kept its id; its history says who joined via what, who left and why.
        let ring = try #require(after.first { $0.id == ringId })
        #expect(ring.members == ["R-a", "R-b", "R-d"])
        #expect(ring.events.contains("2000 R-d joined payment_account iban LT453250012345678901"))
        #expect(ring.events.contains("2000 R-c left no strong tie left"))
        #expect(after.contains { $0.members == ["N-1", "N-2"] && $0.id != ringId })
        let timeline = RingText.timeline(try RingService(store: incremental).ring(ringId), history: [])
        #expect(timeline.contains { $0.contains("R-d joined via payment_account iban LT45") }, "\(timeline)")

        // Nothing changed since: no work at all.
        #expect(try RingService(store: incremental, clock: { 3000 }).refresh().recomputed == false)
    }

    @Test func aSplitKeepsTheIdOnTheLargerPartAndAMergeSaysWhereMembersWent() throws {
        let (full, fullDir) = try RingTests().fieldStore()
        let (incremental, incDir) = try RingTests().fieldStore()
        defer { try? FileManager.default.removeItem(atPath: fullDir); try? FileManager.default.removeItem(atPath: incDir) }
        let extra = """
            INSERT INTO candidate(id, full_name, address, declared_country, updated_at) VALUES
              ('S-1', 'Person S-1', 'A 1, Oslo', 'NO', 0), ('S-2', 'Person S-2', 'B 2, Riga', 'LV', 0);
            INSERT INTO login_device VALUES ('S-1', 'dev-9', 0, 5, 50, 3), ('S-2', 'dev-9', 0, 6, 60, 3);
            """
        for store in [full, incremental] {
            try store.pool.write { db in try db.execute(sql: extra) }
            try RingService(store: store, clock: { 1000 }).refresh(force: true)
        }
        // S-2 also uses the ring's device: the two rings merge; R-c's device rows go: R-c drops out.
        let change = """
            INSERT INTO login_device VALUES ('S-2', 'dev-7', 0, 7, 70, 1);
            DELETE FROM login_device WHERE candidate_id = 'R-c';
            """
        for store in [full, incremental] { try store.pool.write { db in try db.execute(sql: change) } }
        let f = try RingService(store: full, clock: { 2000 }).refresh(force: true)
        let i = try RingService(store: incremental, clock: { 2000 }).refresh()
        #expect(f.mode == "full" && i.mode == "incremental")
        let after = try shapes(incremental)
        #expect(try shapes(full) == after)
        #expect(after.count == 1 && after.first?.members == ["R-a", "R-b", "S-1", "S-2"])
        let retired = try incremental.pool.read { db in
            try String.fetchAll(db, sql: "SELECT candidate_id || ' ' || via FROM ring_event WHERE change = 'left' AND at = 2000 ORDER BY candidate_id")
        }
        // Equal overlap (two members each): the older id stays, the other ring retires into it.
        #expect(after.first?.id == "R-000001")
        #expect(retired == ["R-c no strong tie left", "S-1 now in R-000001", "S-2 now in R-000001"])
    }

    /// Giving up a personal value (a ship-to here) leaves no trace of it in the marks: a full refresh follows.
    @Test func aPersonalValueGivenUpAsksForAFullRefreshAndIsNotKept() throws {
        let (store, dir) = try RingTests().fieldStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try RingService(store: store, clock: { 1000 }).refresh()
        try store.pool.write { db in try db.execute(sql: "UPDATE candidate SET ship_to_address = NULL WHERE id = 'R-a'") }
        let marks = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT kind || ' ' || value FROM ring_dirty_value") }
        #expect(marks == ["full "])
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ring_ship_to WHERE candidate_id = 'R-a'") } == 0)
        #expect(try RingService(store: store, clock: { 2000 }).refresh().mode == "full")
        #expect(try RingService(store: store).rings().first?.members.map(\.candidateId).sorted() == ["R-a", "R-b", "R-c"])
    }

    @Test func rescoringRefreshesTheTouchedRingsIncrementally() throws {
        let (store, dir) = try RingTests().fieldStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var first = Rescorer(store: store, config: .defaults)
        first.clock = { 1000 }
        let initial = try first.rescoreAll()
        #expect(initial.rings == nil, "a full rescore leaves rings to their next read")
        #expect(try RingService(store: store, clock: { 1500 }).refresh().mode == "full")
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO candidate(id, full_name, declared_country, updated_at) VALUES ('R-d', 'Person R-d', 'PL', 0);
                INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES ('p4', 'wise', 30, 'R-d', 1, '1', 'EUR');
                INSERT INTO dirty_candidate(candidate_id) VALUES ('R-d');
                """)
        }
        var rescorer = Rescorer(store: store, config: .defaults)
        rescorer.clock = { 2000 }
        let report = try rescorer.rescoreDirty()
        #expect(report.rings?.mode == "incremental", "\(String(describing: report.rings)) \(report.ringsError ?? "")")
        let ring = try #require(try RingService(store: store).rings().first)
        #expect(ring.members.map(\.candidateId).sorted() == ["R-a", "R-b", "R-c", "R-d"])
        // Scores follow the rescore: the ring's score is its members' highest risk plus 5 per further kind.
        let top = ring.members.map(\.risk).max() ?? 0
        #expect(ring.score == min(100, top + 5 * (Set(ring.edges.map(\.kind)).count - 1)))
    }
}
