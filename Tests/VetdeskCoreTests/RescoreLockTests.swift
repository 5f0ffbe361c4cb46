import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A rescore computes without the store's write lock, so analysts' decisions go on meanwhile, and a
/// change committed by another connection while it computes is not lost.
@Suite struct RescoreLockTests {
    @Test func aDecisionDuringTheComputationNeitherWaitsNorIsLost() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        try f.store.pool.write { db in
            try db.execute(sql: "INSERT INTO dirty_candidate(candidate_id) VALUES ('C-1'), ('C-2')")
        }
        var rescorer = Rescorer(store: f.store, config: RuleConfig())
        let path = f.dir + "/t.sqlite"
        rescorer.duringCompute = {
            // Another process's analyst, refusing to wait at all for the write lock.
            let other = try Store(path: path, busyTimeout: 0)
            try CaseService(store: other).apply(.note, to: "C-3", analyst: "bob", note: "while the rescore runs",
                                                expectedVersion: nil)
            try other.pool.write { db in try db.execute(sql: "INSERT OR IGNORE INTO dirty_candidate(candidate_id) VALUES ('C-3')") }
        }
        let report = try rescorer.rescoreDirty()
        #expect(report.keptDirty, "another connection committed meanwhile")
        let dirty = try f.store.pool.read { db in try String.fetchAll(db, sql: "SELECT candidate_id FROM dirty_candidate ORDER BY 1") }
        #expect(dirty.contains("C-3"), "a candidate marked dirty during the computation stays dirty")
        #expect(try CaseService(store: f.store).history("C-3").last?.note == "while the rescore runs")
        // With nothing happening meanwhile, the queue is settled.
        let settled = try Rescorer(store: f.store, config: RuleConfig()).rescoreDirty()
        #expect(!settled.keptDirty)
        #expect(try f.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dirty_candidate") } == 0)
    }
}
