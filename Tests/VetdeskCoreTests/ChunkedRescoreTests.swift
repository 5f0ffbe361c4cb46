import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A rescore in chunks (a few candidates each, so ring members and referral neighbours fall into
/// different chunks) stores exactly what one chunk over every candidate stores, and reports the same.
@Suite(.serialized) struct ChunkedRescoreTests {
    /// Flags and case_file score fields as stored, one line per row.
    static func stored(_ store: Store) throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT candidate_id || '|' || rule_id || '|' || severity || '|' || weight || '|' || summary || '|' || evidence
                FROM flag ORDER BY candidate_id, rule_id
                """)
            + String.fetchAll(db, sql: """
                SELECT candidate_id || '|' || risk_score || '|' || risk_band || '|' || top_flags FROM case_file ORDER BY candidate_id
                """)
        }
    }

    static func forget(_ store: Store) throws {
        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM flag")
            try db.execute(sql: "UPDATE case_file SET risk_score = 0, risk_band = 'none', top_flags = ''")
        }
    }

    @Test func fullRunInSmallChunksStoresAndReportsTheSame() throws {
        let (store, dir) = try DemoRankingTests.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.forget(store)
        var whole = Rescorer(store: store, config: RuleConfig())
        whole.chunkSize = 100_000
        let wholeReport = try whole.rescoreAll()
        let expected = try Self.stored(store)
        #expect(wholeReport.flagsByRule["referral_chain", default: 0] > 0, "the demo exercises the second pass")

        for size in [1, 7, 64] {
            try Self.forget(store)
            var chunked = Rescorer(store: store, config: RuleConfig())
            chunked.chunkSize = size
            let report = try chunked.rescoreAll()
            #expect(try Self.stored(store) == expected, "chunks of \(size)")
            #expect(report.candidates == wholeReport.candidates && report.flags == wholeReport.flags)
            #expect(report.bands == wholeReport.bands && report.flagsByRule == wholeReport.flagsByRule)
        }
    }

    @Test func dirtyRunInSmallChunksStoresTheSame() throws {
        let (store, dir) = try DemoRankingTests.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected = try Self.stored(store)
        func markSome() throws {
            try store.pool.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO dirty_candidate(candidate_id) SELECT id FROM candidate WHERE rowid % 9 = 0")
                try db.execute(sql: "DELETE FROM flag WHERE candidate_id IN (SELECT candidate_id FROM dirty_candidate)")
            }
        }
        try markSome()
        var whole = Rescorer(store: store, config: RuleConfig())
        whole.chunkSize = 100_000
        let wholeReport = try whole.rescoreDirty()
        #expect(try Self.stored(store) == expected)
        try markSome()
        var chunked = Rescorer(store: store, config: RuleConfig())
        chunked.chunkSize = 5
        let report = try chunked.rescoreDirty()
        #expect(try Self.stored(store) == expected)
        #expect(report.candidates == wholeReport.candidates && report.dirty == wholeReport.dirty && report.linked == wholeReport.linked)
        #expect(report.bands == wholeReport.bands && report.flagsByRule == wholeReport.flagsByRule)
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dirty_candidate") } == 0)
    }
}
