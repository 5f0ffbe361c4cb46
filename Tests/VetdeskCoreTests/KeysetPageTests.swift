import GRDB
import Testing
@testable import VetdeskCore

/// Keyset pages give every key once, in SQLite's order, and each later page seeks in the key's index
/// instead of scanning from the first key (KeysetPage; the touched candidates of a sign-in import).
@Suite struct KeysetPageTests {
    static let ids = ["b", "a", "B", "ä", "a'b", "10", "9", "C-000001", "C-000002", "Zz"]

    @Test func pagesOfEverySizeGiveEveryKeyOnceInOrder() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE k (id TEXT PRIMARY KEY NOT NULL, odd INTEGER NOT NULL) WITHOUT ROWID")
            for (i, id) in Self.ids.enumerated() { try db.execute(sql: "INSERT INTO k VALUES (?, ?)", arguments: [id, i % 2]) }
            let ordered = try String.fetchAll(db, sql: "SELECT id FROM k ORDER BY id")
            let odd = try String.fetchAll(db, sql: "SELECT id FROM k WHERE odd = 1 ORDER BY id")
            for size in [1, 3, ordered.count, ordered.count + 1] {
                for (filter, expected) in [(nil, ordered), ("odd = 1", odd)] {
                    var seen: [String] = [], after: String? = nil
                    while case let page = try KeysetPage.next(db, "id", from: "k", where: filter, after: after, limit: size),
                          let last = page.last {
                        #expect(page.count <= size)
                        seen += page
                        after = last
                    }
                    #expect(seen == expected, "pages of \(size), filter \(filter ?? "none")")
                }
            }
        }
    }

    @Test func laterPagesSeekInTheIndex() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TEMP TABLE t (candidate_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID")
            let sql = KeysetPage.sql("candidate_id", from: "temp.t", where: nil, after: true)
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: ["C-1", 10]).map { $0["detail"] as String }
            #expect(plan.contains { $0.hasPrefix("SEARCH") }, "\(plan)")
        }
    }

    @Test func touchedCandidatesComeBackInSlicesInIdOrder() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            let touched = try TouchedCandidates(db: db)
            try touched.add(Self.ids)
            try touched.add(["b", "a"]) // again: kept once
            var slices: [[String]] = []
            try touched.forEachSlice(of: 4) { slices.append($0) }
            #expect(slices.allSatisfy { $0.count <= 4 })
            #expect(slices.flatMap { $0 } == Self.ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            try touched.drop()
        }
    }
}
