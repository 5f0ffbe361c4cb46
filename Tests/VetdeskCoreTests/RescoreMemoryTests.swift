import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The rescore holds nothing per candidate of the run (issue 13's memory aim): ids come in keyset
/// pages, shared values are found per chunk, address groups by SQLite's sorter. Each gives what the
/// run-wide structures gave.
@Suite(.serialized) struct RescoreMemoryTests {
    static func describe(_ groups: [RuleLinkQueries.Group]) -> [String] {
        groups.map { g in
            "\(g.kind.rawValue)|\(g.value)|\(g.label)|\(g.members.joined(separator: ","))|\(g.shipsHere.sorted().joined(separator: ","))"
        }
    }

    /// Addresses that meet (or nearly meet) in every way the rules distinguish: same key, other
    /// spelling, digits shared without the key, ship-to elsewhere, no home, empty ship-to, a ship-to
    /// equal to the home, canonically equal (NFC and NFD) spellings, and keys that sort by Unicode.
    static let addresses: [(id: String, home: String?, ship: String?)] = [
        ("A-01", "Hauptstr. 5, 10115 Berlin", nil),
        ("A-02", "Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin"),
        ("A-03", "Main Street 5, 10115 Berlin", ""),
        ("A-04", "12 Main St.", "Forwarder Lane 9, 3044 AS Rotterdam"),
        ("A-05", nil, "Forwarder Ln 9, 3044AS Rotterdam"),
        ("A-06", "Other Road 77", "Forwarder Lane 9, 3044 AS Rotterdam"),
        ("A-07", "Main Street 12", nil),
        ("A-08", "Ulica Krak\u{00F3}wska 3, 30-001 Krak\u{00F3}w", nil), // NFC ó
        ("A-09", "Ulica Krako\u{0301}wska 3, 30-001 Krako\u{0301}w", nil), // NFD ó
        ("A-10", "\u{0416}\u{0443}\u{043A}\u{043E}\u{0432}\u{0430} 8", nil), // Cyrillic, no other spelling
        ("A-11", "\u{0416}\u{0443}\u{043A}\u{043E}\u{0432}\u{0430} 8", "Z\u{00FC}rich 8"),
        ("A-12", "Lone Street 4242", "Lone Street 4242"),
        ("A-13", "Same 1", "same 1"),
        ("A-14", "Same 1", nil),
        ("A-15", "", "Forwarder Lane 9, 3044 AS Rotterdam"),
    ]

    static func storeWithAddresses() throws -> (Store, URL) {
        let (store, dir) = try DemoRankingTests.importDemo()
        try store.pool.write { db in
            for a in addresses {
                try db.execute(sql: """
                    INSERT INTO candidate (id, full_name, address, ship_to_address, updated_at) VALUES (?, 'Addr Test', ?, ?, 0)
                    """, arguments: [a.id, a.home, a.ship])
            }
        }
        return (store, dir)
    }

    @Test func sqlAddressGroupsAreTheInMemoryOnes() throws {
        let (store, dir) = try Self.storeWithAddresses()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.pool.read { db in
            let expected = try RuleLinkQueries.addressGroupsInMemory(db)
            let got = try AddressGroupScan.groups(db)
            #expect(Self.describe(got) == Self.describe(expected))
            // The test data forms groups of each kind, including the canonically equal spellings.
            #expect(expected.contains { $0.kind == .shipTo && $0.members.contains("A-05") })
            #expect(expected.contains { $0.members.contains("A-08") && $0.members.contains("A-09") })
            #expect(expected.contains { $0.kind == .address && $0.members == ["A-01", "A-02"] })
        }
    }

    @Test func pagesGiveEveryIdOnceInOrderAndMarkTheLast() throws {
        let (store, dir) = try RescoreRangeTests.storeWithOddIds()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.pool.writeWithoutTransaction { db in
            let all = try String.fetchAll(db, sql: "SELECT id FROM candidate ORDER BY id")
            let plan = try RescorePlan(db, prepare: { _ in (.all, .everything) }, secondPass: true, maxCandidatesPerIP: 25)
            for size in [1, 3, all.count - 1, all.count, all.count + 1] {
                var pages = try RescorePages(db, plan, size: size)
                var seen: [String] = [], lasts: [Bool] = []
                while let p = try pages.next() {
                    #expect(!p.ids.isEmpty && p.ids.count <= size)
                    seen += p.ids
                    lasts.append(p.last)
                }
                #expect(seen == all, "pages of \(size)")
                #expect(lasts.last == true && lasts.dropLast().allSatisfy { !$0 }, "pages of \(size)")
                #expect(lasts.count == (all.count + size - 1) / size)
            }
            // A scope in temp.rescore_scope: only its ids that name a candidate.
            let some = all.enumerated().filter { $0.offset % 4 == 1 }.map(\.element) + ["no-such-candidate"]
            let scoped = try RescorePlan(db, prepare: { db in try RuleScope.fill(db, ids: some); return (.table, .scope) },
                                         secondPass: true, maxCandidatesPerIP: 25)
            var pages = try RescorePages(db, scoped, size: 2)
            var seen: [String] = []
            while let p = try pages.next() { seen += p.ids }
            #expect(seen == Array(some.dropLast()))
        }
    }

    /// Shared values found per chunk (a range of a full run, or the ids of temp.rescore_chunk) are
    /// the ones an index of every shared value of the store gives, for every candidate.
    @Test func linksPerChunkAreTheStoreWideOnes() throws {
        let (store, dir) = try Self.storeWithAddresses()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.pool.writeWithoutTransaction { db in
            let all = try String.fetchAll(db, sql: "SELECT id FROM candidate ORDER BY id")
            let whole = try RuleLinkIndex(db, scope: .all, maxCandidatesPerIP: 25,
                                          groupsOfRun: .init(addresses: RuleLinkQueries.addressGroupsInMemory(db)))
            let plan = try RescorePlan(db, prepare: { _ in (.all, .everything) }, secondPass: true, maxCandidatesPerIP: 25)
            var shared = 0
            for size in [1, 7, 64] {
                for start in stride(from: 0, to: all.count, by: size) {
                    let part = all[start..<min(all.count, start + size)]
                    let byRange = try plan.links(db, .range(first: part.first!, last: part.last!))
                    try RuleScope.fillChunk(db, ids: part)
                    let byTable = try plan.links(db, .chunk)
                    for id in part {
                        let expected = whole.sharedValues(of: id)
                        shared += expected.count
                        #expect(byRange.sharedValues(of: id) == expected, "\(id), chunks of \(size)")
                        #expect(byTable.sharedValues(of: id) == expected, "\(id), chunks of \(size)")
                    }
                }
            }
            #expect(shared > 0)
        }
    }

    /// A full run on two read connections with chunk boundaries at every size around the candidate
    /// count (one chunk, exactly full, one id over) stores what one sequential chunk stores,
    /// referral second pass included.
    @Test func parallelRunsAtChunkBoundariesStoreTheSame() throws {
        let (store, dir) = try Self.storeWithAddresses()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") ?? 0 }
        try ChunkedRescoreTests.forget(store)
        var whole = Rescorer(store: store, config: RuleConfig())
        whole.chunkSize = count + 10
        whole.parallelChunks = 1
        let wholeReport = try whole.rescoreAll()
        let expected = try ChunkedRescoreTests.stored(store)
        #expect(wholeReport.flagsByRule["referral_chain", default: 0] > 0)
        for size in [count - 1, count, count + 1, count / 2, 2] {
            try ChunkedRescoreTests.forget(store)
            var chunked = Rescorer(store: store, config: RuleConfig())
            chunked.chunkSize = size
            chunked.parallelChunks = 2
            let report = try chunked.rescoreAll()
            #expect(try ChunkedRescoreTests.stored(store) == expected, "chunks of \(size)")
            #expect(report.candidates == wholeReport.candidates && report.flagsByRule == wholeReport.flagsByRule)
        }
    }
}
