import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Migration v17-login-day-blocks (LoginDayBlockSchema): login_day's rows packed per candidate, block of
/// 32 days and country. The cases sit on block edges (day & 31 = 31 then 0), before 1970 and on unknown
/// countries, where a wrong shift or slot would move a count to another day.
@Suite("Login days packed in 32-day blocks")
struct LoginDayBlockTests {
    /// 2026-01-26 is day 20479 (block 639, slot 31); 2026-01-27 is 20480 (block 640, slot 0).
    static let lastOfBlock: Int64 = 20479

    @Test func migrationKeepsEveryDayAndCount() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator().migrate(queue, upTo: "v16-ringsmem-upsert-safe-marks")
        let rows = ["A \(Self.lastOfBlock) DE 2", "A \(Self.lastOfBlock) NL 5", "A \(Self.lastOfBlock + 1) NL 1",
                    "A \(Self.lastOfBlock + 40) NL 7", "B -1 US 3", "B -32 US 4", "B -33 US 6", "C 0  1"]
        try queue.write { db in
            for r in rows {
                let f = r.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                try db.execute(sql: "INSERT INTO login_day (candidate_id, day, country, events) VALUES (?, ?, ?, ?)",
                               arguments: [f[0], Int64(f[1])!, f[2], Int(f[3])!])
            }
        }
        try Schema.migrator().migrate(queue)
        try queue.write { db in
            let view = try Row.fetchAll(db, sql: "SELECT candidate_id, day, country, events FROM login_day ORDER BY 1, 2, 3")
                .map { "\($0[0] as String) \($0[1] as Int64) \($0[2] as String) \($0[3] as Int)" }
            #expect(view == ["A \(Self.lastOfBlock) DE 2", "A \(Self.lastOfBlock) NL 5", "A \(Self.lastOfBlock + 1) NL 1",
                             "A \(Self.lastOfBlock + 40) NL 7", "B -33 US 6", "B -32 US 4", "B -1 US 3", "C 0  1"])
            // A: (639, DE), (639, NL), (640, NL), (641, NL); B: (-2, US), (-1, US); C: (0, '').
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM login_day_block") == 7)
            #expect(try Int.fetchOne(db, sql: "SELECT d31 FROM login_day_block WHERE candidate_id = 'A' AND block = 639 AND country = 'NL'") == 5)
            #expect(try Int.fetchOne(db, sql: "SELECT d0 FROM login_day_block WHERE candidate_id = 'B' AND block = -1 AND country = 'US'") == 4)
            #expect(try Int.fetchOne(db, sql: "SELECT d31 FROM login_day_block WHERE candidate_id = 'B' AND block = -2 AND country = 'US'") == 6)
            // Rows inserted through the view add to the counters.
            try db.execute(sql: "INSERT INTO login_day (candidate_id, day, country, events) VALUES ('A', \(Self.lastOfBlock + 1), 'NL', 2)")
            #expect(try Int.fetchOne(db, sql: "SELECT events FROM login_day WHERE candidate_id = 'A' AND day = \(Self.lastOfBlock + 1)") == 3)
            let countries = try LoginDayBlockSchema.countries(db, candidateId: "A").map { "\($0.country) \($0.events)" }
            #expect(countries == ["NL 15", "DE 2"])
        }
    }

    @Test func importedDaysAcrossABlockEdgeMatchARebuild() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.load("logins.csv")
        // Two files, so the second adds to rows the first wrote: the last day of block 639 and the first of 640.
        let first = try h.write("first.csv", """
            event_id,occurred_at,account,ip,outcome
            b-1,2026-01-26T23:59:59Z,mdaniels,10.0.0.2,success
            b-2,2026-01-27T00:00:00Z,mdaniels,10.0.0.2,failure

            """)
        let second = try h.write("second.csv", """
            event_id,occurred_at,account,ip,outcome
            b-3,2026-01-26T08:00:00Z,mdaniels,10.0.0.2,success
            b-4,2026-01-27T09:00:00Z,mdaniels,10.0.0.3,success
            b-5,2026-02-28T09:00:00Z,mdaniels,10.0.0.3,success

            """)
        #expect(try h.importer.importFile(path: first, kind: nil).inserted == 2)
        #expect(try h.importer.importFile(path: second, kind: nil).inserted == 3)
        let edge: [String] = try h.store.pool.read {
            try Row.fetchAll($0, sql: """
                SELECT day, events FROM login_day WHERE candidate_id = 'C-1002' AND day BETWEEN ? AND ? ORDER BY day
                """, arguments: [Self.lastOfBlock, Self.lastOfBlock + 33]).map { "\($0[0] as Int64) \($0[1] as Int)" }
        }
        #expect(edge == ["\(Self.lastOfBlock) 2", "\(Self.lastOfBlock + 1) 2", "\(Self.lastOfBlock + 33) 1"])
        let incremental = try h.snapshot(["login_day_block", "login_day"])
        try h.store.pool.write { db in try LoginSummaryStore(db: db).rebuild(candidateId: "C-1002") }
        #expect(try h.snapshot(["login_day_block", "login_day"]) == incremental)
    }

    @Test func dayStatsReadAcrossBlocksKeepDayOrder() throws {
        let fx = try RuleFixture()
        // day0 + 29 is the last day of its block (RuleFixture.day0 & 31 == 2), day0 + 30 the first of the next.
        #expect(LoginDayBlockSchema.slot(ofDay: RuleFixture.day0 + 29) == 31)
        try fx.candidate("EDGE", "Ann Lee", ["declared_country": "GB"])
        try fx.ip("5.81.1.1", country: "GB", asn: 2856, asName: "British Telecommunications PLC")
        try fx.ip("62.153.1.1", country: "DE", asn: 3320, asName: "Deutsche Telekom AG")
        try fx.ipUse("EDGE", "5.81.1.1"); try fx.ipUse("EDGE", "62.153.1.1")
        try fx.loginDay("EDGE", day: 28, "GB"); try fx.loginDay("EDGE", day: 29, "GB")
        try fx.loginDay("EDGE", day: 30, "DE", events: 4); try fx.loginDay("EDGE", day: 30, "GB", events: 1)
        try fx.loginDay("EDGE", day: 31, "DE", events: 2); try fx.loginDay("EDGE", day: 70, "GB")
        let context = try fx.store.pool.read { db in
            var loader = RuleContextLoader(db: db, scope: .all, config: .defaults, now: RuleFixture.t0 + 80 * 86400)
            return try loader.load().first { $0.candidate.id == "EDGE" }
        }
        let d = RuleFixture.day0
        #expect(context?.days?.knownDays == 5)
        #expect(context?.days?.awayDays == 1)
        #expect(context?.days?.firstDay == d + 28 && context?.days?.lastDay == d + 70)
        // Two countries on day 30, and day 31 differs from day 30; day 70 follows no day.
        #expect(context?.days?.burstDays == [d + 30, d + 31])
        let countries = context?.countries.map { "\($0.country) \($0.days) \($0.events) \($0.firstDay - d) \($0.lastDay - d)" }
        #expect(countries == ["GB 4 10 28 70", "DE 2 6 30 31"])
    }
}
