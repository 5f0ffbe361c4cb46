import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The header's counts come from case_status_count, kept by triggers: after imports, decisions,
/// rescoring, erasure and a candidate's cascade delete they must equal a GROUP BY over case_file.
@Suite struct CaseStatusCountTests {
    static func grouped(_ store: Store) throws -> [String: Int] {
        try store.pool.read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM case_file GROUP BY status") {
                out[row["status"]] = row["n"]
            }
            return out
        }
    }

    static func counted(_ store: Store) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try store.statusCounts().byStatus.map { ($0.key.rawValue, $0.value) })
    }

    @Test func countsFollowEveryWayACaseChanges() throws {
        let f = try CaseFixture(cases: 6)
        defer { f.remove() }
        #expect(try Self.counted(f.store) == ["new": 7])
        let s = CaseService(store: f.store, clock: { CaseFixture.t0 })
        try s.apply(.escalate(reason: "other"), to: "C-1", analyst: "alice", note: "ring", expectedVersion: nil)
        try s.apply(.clear, to: "C-2", analyst: "alice", note: "fine", expectedVersion: nil)
        try s.apply(.clear, to: "C-3", analyst: "bob", note: "fine", expectedVersion: nil)
        try s.apply(.reopen, to: "C-3", analyst: "bob", note: "again", expectedVersion: nil)
        // A note changes the version but not the status: no count moves.
        try s.apply(.note, to: "C-4", analyst: "bob", note: "just a note", expectedVersion: nil)
        #expect(try Self.counted(f.store) == (try Self.grouped(f.store)))
        #expect(try Self.counted(f.store)["cleared"] == 1)

        // Scoring upserts existing cases (UPDATE path) and opens new ones (INSERT path).
        try f.store.pool.write { db in
            try CaseFixture.insertCandidate(db, id: "C-20", name: "Late Arrival")
            try db.execute(sql: "INSERT INTO candidate(id, full_name, declared_country, updated_at) VALUES ('C-21', 'No Case Yet', 'DE', 0)")
        }
        try Rescorer(store: f.store, config: .defaults).rescoreAll()
        #expect(try Self.counted(f.store) == (try Self.grouped(f.store)))

        // Erasure, and a candidate deleted with its case through ON DELETE CASCADE.
        try Erasure(store: f.store, clock: { CaseFixture.t0 + 60 }).erase(candidateId: "C-2", analyst: "dpo", reason: "DSR-1")
        try f.store.pool.write { db in try db.execute(sql: "DELETE FROM candidate WHERE id = 'C-5'") }
        let after = try Self.grouped(f.store)
        let counted = try Self.counted(f.store)
        #expect(counted == after)
        #expect(after["cleared"] == nil && counted["cleared"] == nil)
    }

    @Test func theMigrationCountsTheCasesAlreadyStored() throws {
        let f = try CaseFixture(cases: 4)
        defer { f.remove() }
        try f.store.pool.write { db in
            try db.execute(sql: """
                UPDATE case_file SET status = 'escalated' WHERE candidate_id IN ('C-1', 'C-2');
                DROP TRIGGER case_status_count_insert; DROP TRIGGER case_status_count_delete;
                DROP TRIGGER case_status_count_update; DROP TABLE case_status_count;
                """)
            try db.execute(sql: CaseStatusCountSchema.sql)
        }
        #expect(try Self.counted(f.store) == ["new": 3, "escalated": 2])
    }
}
