import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A full refresh writes only the rings that changed (RingStoredState), and ids follow overlaps through the
/// member index (RingFinder.assignIds) as they did when every component was compared with every ring.
@Suite struct RingRefreshWriteTests {
    func rows(_ store: Store) throws -> (rings: [String: Int64], edges: [Int64]) {
        try store.pool.read { db in
            var rings: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, updated_at FROM ring WHERE active = 1") { rings[row["id"]] = row["updated_at"] }
            return (rings, try Int64.fetchAll(db, sql: "SELECT rowid FROM ring_edge ORDER BY rowid"))
        }
    }

    @Test func anUnchangedRingIsNotWrittenAgainAndAChangedOneIs() throws {
        let (store, dir) = try RingTests().fieldStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try RingService(store: store, clock: { 1000 }).refresh(force: true)
        let first = try rows(store)
        let id = try #require(first.rings.keys.first)
        #expect(first.rings == [id: 1000])

        try RingService(store: store, clock: { 2000 }).refresh(force: true)
        let same = try rows(store)
        #expect(same.rings == first.rings)
        #expect(same.edges == first.edges)

        // R-c is now also paid into the ring's IBAN: one more edge, so the ring is written (members unchanged).
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES ('p9', 'wise', 30, 'R-c', 1, '1', 'EUR')
                """)
        }
        let report = try RingService(store: store, clock: { 3000 }).refresh(force: true)
        let changed = try rows(store)
        #expect(changed.rings == [id: 3000])
        #expect(changed.edges != first.edges)
        let ring = try RingService(store: store).ring(id)
        #expect(ring.size == 3 && ring.edges.count == report.edges)
        #expect(ring.edges.contains { $0.kind == .paymentAccount && $0.a == "R-a" && $0.b == "R-c" && $0.lastSeen == 30 })
        #expect(ring.events.filter { $0.change != "joined" }.isEmpty)
    }

    @Test func aMergeKeepsTheIdOfTheRingWithMostMembersInCommon() {
        let stored: [String: Set<String>] = ["R-000001": ["C-1", "C-2"], "R-000002": ["C-3", "C-4", "C-5"], "R-000003": ["C-9", "C-10"]]
        let merged = RingFinder.Component(members: ["C-1", "C-2", "C-3", "C-4", "C-5", "C-6"], edges: [])
        let rest = RingFinder.Component(members: ["C-1", "C-9"], edges: [])
        // C-1 is in both components only to show that overlaps count per component; R-000002 goes to the merge.
        #expect(RingFinder.assignIds([merged, rest], stored: stored) == ["R-000002", "R-000001"])
        #expect(RingFinder.assignIds([RingFinder.Component(members: ["C-7", "C-8"], edges: [])], stored: stored) == [nil])
    }
}
