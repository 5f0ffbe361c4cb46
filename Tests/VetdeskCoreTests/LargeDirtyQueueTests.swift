import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A dirty run whose queue holds most candidates runs as a full run (Rescorer.fullRunShare): it must
/// store exactly what the dirty run stores and settle the queue; a small queue stays a dirty run.
@Suite(.serialized) struct LargeDirtyQueueTests {
    static func markDirty(_ store: Store, where condition: String) throws {
        try store.pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO dirty_candidate(candidate_id) SELECT id FROM candidate WHERE \(condition)")
        }
        try ChunkedRescoreTests.forget(store)
    }

    static func queued(_ store: Store) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dirty_candidate") ?? -1 }
    }

    @Test func everyCandidateDirtyRunsInFullAndStoresWhatTheDirtyRunStores() throws {
        let (store, dir) = try DemoRankingTests.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }

        try Self.markDirty(store, where: "1")
        var dirtyRun = Rescorer(store: store, config: RuleConfig())
        dirtyRun.fullRunMinimum = .max // never promoted
        let dirtyReport = try dirtyRun.rescoreDirty()
        let expected = try ChunkedRescoreTests.stored(store)
        #expect(dirtyReport.asFullRun == nil)
        #expect(try Self.queued(store) == 0)

        try Self.markDirty(store, where: "1")
        var promoted = Rescorer(store: store, config: RuleConfig())
        promoted.fullRunMinimum = 1
        let report = try promoted.rescoreDirty()
        #expect(report.asFullRun == true)
        #expect(try ChunkedRescoreTests.stored(store) == expected)
        #expect(report.candidates == dirtyReport.candidates && report.dirty == dirtyReport.dirty)
        #expect(report.bands == dirtyReport.bands && report.flagsByRule == dirtyReport.flagsByRule)
        #expect(try Self.queued(store) == 0)
    }

    @Test func aSmallShareStaysADirtyRun() throws {
        let (store, dir) = try DemoRankingTests.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let candidates = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") ?? 0 }
        // Just under a fifth of the candidates (the near miss), then a fifth (promoted).
        let under = Int((Double(candidates) * 0.2).rounded(.up)) - 1
        try Self.markDirty(store, where: "rowid IN (SELECT rowid FROM candidate ORDER BY rowid LIMIT \(under))")
        var rescorer = Rescorer(store: store, config: RuleConfig())
        rescorer.fullRunMinimum = 1
        let small = try rescorer.rescoreDirty()
        #expect(small.asFullRun == nil)
        #expect(small.dirty == under)

        try Self.markDirty(store, where: "rowid IN (SELECT rowid FROM candidate ORDER BY rowid LIMIT \(under + 1))")
        let large = try rescorer.rescoreDirty()
        #expect(large.asFullRun == true)
        #expect(large.candidates == candidates)
        #expect(try Self.queued(store) == 0)
    }
}
