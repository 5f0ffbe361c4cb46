import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A full rescore reads its chunks as id ranges (RuleScope.range) on the pool's readers, several at
/// once: each range loads exactly what the same ids in temp.rescore_chunk load, odd ids included, and
/// the run stores what one sequential chunk stores.
@Suite(.serialized) struct RescoreRangeTests {
    /// Ids that sort between the demo's (BINARY), need quoting, or are prefixes of each other.
    static let oddIds = ["C-0001'; DROP", "C-0001", "C-0002 ü€😀", "C-0002\\%_", "c-lower", "C-0003\"q"]

    /// The demo store, with some candidates (and all their rows) moved to odd ids and two candidates
    /// added that have no rows anywhere else.
    static func storeWithOddIds() throws -> (Store, URL) {
        let (store, dir) = try DemoRankingTests.importDemo()
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            let tables = try String.fetchAll(db, sql: """
                SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
                WHERE m.type = 'table' AND p.name = 'candidate_id' ORDER BY 1
                """)
            let donors = try String.fetchAll(db, sql: """
                SELECT candidate_id FROM flag GROUP BY candidate_id ORDER BY count(*) DESC, candidate_id LIMIT 4
                """)
            #expect(donors.count == 4)
            try db.inTransaction {
                for (old, new) in zip(donors, oddIds) {
                    for t in tables { try db.execute(sql: "UPDATE OR REPLACE \(t) SET candidate_id = ? WHERE candidate_id = ?", arguments: [new, old]) }
                    try db.execute(sql: "UPDATE candidate SET id = ? WHERE id = ?", arguments: [new, old])
                    try db.execute(sql: "UPDATE candidate SET referrer_id = ? WHERE referrer_id = ?", arguments: [new, old])
                }
                for new in oddIds.dropFirst(4) {
                    try db.execute(sql: "INSERT INTO candidate (id, full_name, updated_at) VALUES (?, 'No Rows', 0)", arguments: [new])
                }
                return .commit
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        return (store, dir)
    }

    @Test func aRangeLoadsWhatTheSameIdsInTheChunkTableLoad() throws {
        let (store, dir) = try Self.storeWithOddIds()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = RuleConfig(), now: Int64 = 1_772_409_600
        try store.pool.writeWithoutTransaction { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM candidate ORDER BY id")
            for odd in Self.oddIds { #expect(ids.contains(odd)) }
            var compared = 0, nonEmpty = 0
            for start in stride(from: 0, to: ids.count, by: 5) {
                let part = ids[start..<min(ids.count, start + 5)]
                try RuleScope.fillChunk(db, ids: part)
                var byTable = RuleContextLoader(db: db, scope: .chunk, config: config, now: now)
                let expected = try byTable.load()
                var byRange = RuleContextLoader(db: db, scope: .range(first: part.first!, last: part.last!), config: config, now: now)
                let got = try byRange.load()
                #expect(got.map(\.candidate.id) == Array(part))
                #expect(String(reflecting: got) == String(reflecting: expected), "ids \(part.first!) ... \(part.last!)")
                compared += got.count
                nonEmpty += got.filter { !$0.accounts.isEmpty || $0.hours != nil || !$0.networkIPs.isEmpty }.count
            }
            #expect(compared == ids.count && nonEmpty > 0)
        }
    }

    /// Rows of an id that is in the range but names no candidate are read and skipped.
    @Test func aRangeSkipsRowsOfIdsThatAreNotCandidates() throws {
        let (store, dir) = try DemoRankingTests.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.pool.writeWithoutTransaction { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM candidate ORDER BY id LIMIT 3")
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO interview (id, candidate_id, scheduled_at, outcome) VALUES ('I-gone', ?, 0, 'no_show')",
                           arguments: [ids[0] + "-gone"])
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            var loader = RuleContextLoader(db: db, scope: .range(first: ids[0], last: ids[2]), config: RuleConfig(), now: 1_772_409_600)
            #expect(try loader.load().map(\.candidate.id) == ids)
        }
    }

    @Test func chunksOnTheReadersStoreWhatOneSequentialChunkStores() throws {
        let (store, dir) = try Self.storeWithOddIds()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ChunkedRescoreTests.forget(store)
        var whole = Rescorer(store: store, config: RuleConfig())
        whole.chunkSize = 100_000
        whole.parallelChunks = 1
        let wholeReport = try whole.rescoreAll()
        let expected = try ChunkedRescoreTests.stored(store)
        #expect(expected.contains { $0.hasPrefix(Self.oddIds[0] + "|") })
        for (size, workers) in [(1, 2), (7, 2), (7, 3), (64, 1)] {
            try ChunkedRescoreTests.forget(store)
            var chunked = Rescorer(store: store, config: RuleConfig())
            chunked.chunkSize = size
            chunked.parallelChunks = workers
            let report = try chunked.rescoreAll()
            #expect(try ChunkedRescoreTests.stored(store) == expected, "chunks of \(size), \(workers) at once")
            #expect(report.candidates == wholeReport.candidates && report.flags == wholeReport.flags)
            #expect(report.bands == wholeReport.bands && report.flagsByRule == wholeReport.flagsByRule)
        }
    }
}
