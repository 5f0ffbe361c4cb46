import Foundation
import GRDB
import Testing
@testable import VetdeskCore

@Suite("Import: logins, account mapping, summaries, idempotency")
struct ImportLoginTests {
    static let summaryTables = ["login_ip_use", "login_day", "login_hour", "login_session", "login_device", "login_locale"]

    @Test func reimportChangesNothing() throws {
        let h = try ImportHarness()
        let files = ["candidates.csv", "identity-checks.csv", "interviews.csv", "payments.csv", "endpoint.csv",
                     "watchlist.csv", "logins.csv", "okta.json", "entra.json", "google.json", "candidates.ndjson"]
        for f in files { try h.load(f) }
        let before = try h.snapshot()
        let rows = try h.totalRows()
        for f in files {
            let again = try h.load(f)
            #expect(again.inserted == 0, "\(f) inserted \(again.inserted) on re-import")
        }
        #expect(try h.totalRows() == rows)
        #expect(try h.snapshot() == before)
        #expect(try h.count("import_log") == files.count * 2)
    }

    @Test func duplicateEventsAreCountedOnceInSummaries() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.load("logins.csv")
        let summaries = try h.snapshot(Self.summaryTables)
        let report = try h.load("logins.csv")
        #expect(report.skippedDuplicates == 6 && report.inserted == 0)
        #expect(try h.snapshot(Self.summaryTables) == summaries)
        #expect(try h.value("SELECT events FROM login_ip_use WHERE candidate_id = 'C-1001' AND ip = '81.2.69.142'") == 2)
    }

    @Test func loginsBeforeCandidatesMapWhenTheCandidateArrives() throws {
        let late = try ImportHarness()
        try late.load("logins.csv")
        #expect(try late.count("login_event", "candidate_id IS NULL") == 6)
        #expect(try late.count("login_ip_use") == 0)
        try late.load("okta.json")
        try late.load("candidates.csv")
        #expect(try late.count("login_event", "candidate_id IS NULL") == 1) // ghost.user has no candidate
        #expect(try late.count("login_event", "candidate_id = 'C-1002'") == 5)   // by extra account and by okta login
        #expect(try late.count("dirty_candidate", "candidate_id IN ('C-1001', 'C-1002')") == 2)

        let early = try ImportHarness()
        try early.load("candidates.csv")
        try early.load("logins.csv")
        try early.load("okta.json")
        // Incremental summaries (in memory, upserted) equal the SQL rebuild done on late mapping.
        #expect(try early.snapshot(Self.summaryTables) == late.snapshot(Self.summaryTables))
    }

    @Test func summariesMatchTheEvents() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.load("logins.csv")
        let monday = Time.dayNumber(Time.parse("2026-03-02")!)
        #expect(Time.weekday(Time.parse("2026-03-02")!) == 0)
        let ipUse: Row? = try h.store.pool.read {
            try Row.fetchOne($0, sql: "SELECT * FROM login_ip_use WHERE candidate_id = 'C-1001'")
        }
        #expect(ipUse?["first_at"] == Time.parse("2026-03-02T07:14:00Z"))
        #expect(ipUse?["last_at"] == Time.parse("2026-03-02T18:02:00Z"))
        #expect(ipUse?["events"] == 2)
        // Days count the resolved country: KP and VN from libloc beat the reported US.
        let days = try h.store.pool.read {
            try Row.fetchAll($0, sql: "SELECT day, country, events FROM login_day WHERE candidate_id = 'C-1002' ORDER BY day")
                .map { "\($0["day"] as Int64 - monday) \($0["country"] as String) \($0["events"] as Int)" }
        }
        #expect(days == ["0 KP 1", "1 VN 2"])
        #expect(try h.count("login_hour", "candidate_id = 'C-1001' AND weekday = 0 AND hour IN (7, 18) AND events = 1") == 2)
        #expect(try h.count("login_hour", "candidate_id = 'C-1002' AND weekday = 1 AND hour = 2 AND events = 2") == 1)
        let session: Row? = try h.store.pool.read {
            try Row.fetchOne($0, sql: "SELECT * FROM login_session WHERE candidate_id = 'C-1002' AND session_id = 's-201'")
        }
        #expect(session?["events"] == 2)
        #expect((session?["ended_at"] as Int64? ?? 0) - (session?["started_at"] as Int64? ?? 0) == 60)
        let device: Row? = try h.store.pool.read {
            try Row.fetchOne($0, sql: "SELECT * FROM login_device WHERE candidate_id = 'C-1002' AND device_id = 'LAPTOP-7781'")
        }
        #expect(device?["managed"] == false) // the later event reports no flag: the earlier one stands
        #expect(device?["events"] == 2)
        #expect(try h.count("login_session", "candidate_id IS NULL") == 0)
    }

    @Test func secondFileAddsToSummaries() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.load("logins.csv")
        let more = try h.write("more.csv", """
            event_id,source,occurred_at,account,ip,country,outcome,device_id,device_managed,session_id
            ev-0100,vpn-gw,2026-03-01T05:00:00Z,anna.keller@example.com,81.2.69.142,GB,success,LAPTOP-7702,false,s-100
            ev-0101,vpn-gw,2026-03-09T05:00:00Z,anna.keller@example.com,81.2.69.142,GB,success,LAPTOP-7702,true,s-100

            """)
        #expect(try h.importer.importFile(path: more, kind: nil).inserted == 2)
        let ipUse: Row? = try h.store.pool.read {
            try Row.fetchOne($0, sql: "SELECT * FROM login_ip_use WHERE candidate_id = 'C-1001'")
        }
        #expect(ipUse?["first_at"] == Time.parse("2026-03-01T05:00:00Z"))
        #expect(ipUse?["last_at"] == Time.parse("2026-03-09T05:00:00Z"))
        #expect(ipUse?["events"] == 4)
        #expect(try h.value("SELECT events FROM login_session WHERE candidate_id = 'C-1001' AND session_id = 's-100'") == 4)
        #expect(try h.value("SELECT managed FROM login_device WHERE candidate_id = 'C-1001'") == true)
        // Same numbers as a rebuild from login_event.
        let incremental = try h.snapshot(Self.summaryTables)
        try h.store.pool.write { db in
            for c in ["C-1001", "C-1002"] { try LoginSummaryStore(db: db).rebuild(candidateId: c) }
        }
        #expect(try h.snapshot(Self.summaryTables) == incremental)
    }

    @Test func localesAreSummarisedPerCandidate() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.load("logins.csv")
        let total: Int? = try h.value("SELECT sum(events) FROM login_locale")
        let events: Int? = try h.value("""
            SELECT count(*) FROM login_event WHERE candidate_id IS NOT NULL AND locale IS NOT NULL AND locale <> ''
            """)
        #expect(total == events && (total ?? 0) > 0)
        #expect(try h.value("SELECT events FROM login_locale WHERE candidate_id = 'C-1001' AND locale = 'de-DE'") == 2)
    }

    @Test func eventKeyCollisionKeepsBothEvents() throws {
        // A row already holding the new event's key (as a hash collision would) pushes the new
        // event to the next key instead of dropping it; re-importing then finds it there.
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let key = LoginEventKey.of(source: "csv", sourceId: "clash-1")
        // Same candidate and second: the dedupe space of login_candidate_time (v15-logindata).
        try h.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO login_event (source, source_id, candidate_id, account, occurred_at, ip, outcome, event_key)
                VALUES ('other', 'not-the-same', 'C-1002', 'x@example.com', ?, '10.0.0.1', 'success', ?)
                """, arguments: [Time.parse("2026-03-02T10:00:00Z")!, key])
        }
        let file = try h.write("clash.csv", "event_id,occurred_at,account,ip,outcome\nclash-1,2026-03-02T10:00:00Z,mdaniels,10.0.0.2,success\n")
        #expect(try h.importer.importFile(path: file, kind: nil).inserted == 1)
        #expect(try h.value("SELECT event_key FROM login_event WHERE source_id = 'clash-1'") == LoginEventKey.next(after: key))
        let again = try h.importer.importFile(path: file, kind: nil)
        #expect(again.inserted == 0 && again.skippedDuplicates == 1)
    }

    @Test func rowsWrittenWithoutKeyAreDeduplicated() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO login_event (source, source_id, account, occurred_at, ip, outcome)
                VALUES ('csv', 'pre-1', 'mdaniels', 0, '10.0.0.1', 'success')
                """)
        }
        let file = try h.write("pre.csv", "event_id,occurred_at,account,ip,outcome\npre-1,2026-03-02T10:00:00Z,mdaniels,10.0.0.1,success\n")
        #expect(try h.importer.importFile(path: file, kind: nil).inserted == 0)
        #expect(try h.count("login_event", "event_key IS NULL") == 0)
    }

    @Test func largeFileCrossesReadBuffers() throws {
        // 30k rows (~2.5 MB) cross the reader's 1 MiB buffer several times, with quoted fields.
        let h = try ImportHarness()
        try h.load("candidates.csv")
        var text = "event_id,occurred_at,account,ip,outcome,user_agent\n"
        for i in 0..<30_000 {
            text += "e\(i),2026-03-0\(1 + i % 9)T0\(i % 10):00:00Z,mdaniels,10.0.\(i % 200).\(i % 250 + 1),success,\"UA, v\(i)\"\n"
        }
        let report = try h.importer.importFile(path: try h.write("big.csv", text), kind: nil)
        #expect(report.records == 30_000 && report.inserted == 30_000)
        #expect(try h.value("SELECT user_agent FROM login_event WHERE source_id = 'e29999'") == "UA, v29999")
        #expect(try h.value("SELECT sum(events) FROM login_hour WHERE candidate_id = 'C-1002'") == 30_000)
    }
}
