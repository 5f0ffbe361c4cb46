import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Migration v15-logindata (LoginDataSchema): dedupe inside login_candidate_time, hours packed in login_week.
@Suite("Login data: v15-logindata tables, dedupe and packed hours")
struct LoginDataTests {
    @Test func migrationKeepsHoursAndEvents() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator().migrate(queue, upTo: "v14-console-flag-candidate")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO login_hour (candidate_id, weekday, hour, events) VALUES ('A', 0, 1, 5), ('A', 6, 23, 2), ('B', 3, 12, 1);
                INSERT INTO login_event (source, source_id, candidate_id, account, occurred_at, ip, outcome, event_key)
                VALUES ('csv', 'e1', 'A', 'a', 100, '10.0.0.1', 'success', 7), ('csv', 'e2', NULL, 'z', 100, '10.0.0.1', 'success', 8);
                """)
        }
        try Schema.migrator().migrate(queue)
        try queue.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT candidate_id, weekday, hour, events FROM login_hour ORDER BY 1, 2, 3")
                .map { "\($0[0] as String) \($0[1] as Int) \($0[2] as Int) \($0[3] as Int)" }
            #expect(rows == ["A 0 1 5", "A 6 23 2", "B 3 12 1"])
            #expect(try Int.fetchOne(db, sql: "SELECT h1 + h167 FROM login_week WHERE candidate_id = 'A'") == 7)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM login_event") == 2)
            // The dedupe space of a mapped event is its candidate and second; of an unmapped one, all unmapped events.
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: """
                    INSERT INTO login_event (source, source_id, candidate_id, account, occurred_at, ip, outcome, event_key)
                    VALUES ('csv', 'x', 'A', 'a', 100, '10.0.0.1', 'success', 7)
                    """)
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: """
                    INSERT INTO login_event (source, source_id, candidate_id, account, occurred_at, ip, outcome, event_key)
                    VALUES ('csv', 'x', NULL, 'y', 999, '10.0.0.1', 'success', 8)
                    """)
            }
            // Rows inserted through the view add to the candidate's counters.
            try db.execute(sql: "INSERT INTO login_hour (candidate_id, weekday, hour, events) VALUES ('A', 0, 1, 3)")
            #expect(try Int.fetchOne(db, sql: "SELECT events FROM login_hour WHERE candidate_id = 'A' AND weekday = 0 AND hour = 1") == 8)
        }
    }

    @Test func reimportAfterTheCandidateArrivesAddsNothing() throws {
        let h = try ImportHarness()
        try h.load("logins.csv")
        #expect(try h.count("login_event", "candidate_id IS NULL") == 6)
        try h.load("candidates.csv")
        let events = try h.count("login_event")
        let again = try h.load("logins.csv")
        #expect(again.inserted == 0 && again.skippedDuplicates == 6)
        #expect(try h.count("login_event") == events)
    }

    @Test func eventStoredUnmappedIsFoundWhenItsAccountMapsByEmail() throws {
        // The account matches only a candidate's email (no candidate_account row): mapUnmappedLogins
        // leaves the stored copy unmapped, and the re-import, now mapped, must still see it.
        let h = try ImportHarness()
        let file = try h.write("late.csv", "event_id,occurred_at,account,ip,outcome\nlate-1,2026-03-02T10:00:00Z,x@late.example,10.0.0.2,success\n")
        #expect(try h.importer.importFile(path: file, kind: nil).inserted == 1)
        try h.store.pool.write { db in
            try db.execute(sql: "INSERT INTO candidate (id, full_name, email, updated_at) VALUES ('C-9', 'Late Arrival', 'x@late.example', 0)")
        }
        let again = try h.importer.importFile(path: file, kind: nil)
        #expect(again.inserted == 0 && again.skippedDuplicates == 1)
        #expect(try h.count("login_event", "source_id = 'late-1'") == 1)
    }

    @Test func sameSourceIdAtAnotherTimeIsAnotherEvent() throws {
        // Documented limit of v15-logindata: dedupe looks within the candidate's second.
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let a = try h.write("a.csv", "event_id,occurred_at,account,ip,outcome\nsame-1,2026-03-02T10:00:00Z,mdaniels,10.0.0.2,success\n")
        let b = try h.write("b.csv", "event_id,occurred_at,account,ip,outcome\nsame-1,2026-03-02T10:00:01Z,mdaniels,10.0.0.2,success\n")
        #expect(try h.importer.importFile(path: a, kind: nil).inserted == 1)
        #expect(try h.importer.importFile(path: a, kind: nil).inserted == 0)
        #expect(try h.importer.importFile(path: b, kind: nil).inserted == 1)
    }

    @Test func packedHoursMatchARebuild() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.load("logins.csv")
        let more = try h.write("more.csv", """
            event_id,occurred_at,account,ip,outcome
            m-1,2026-03-08T23:59:59Z,mdaniels,10.0.0.2,success
            m-2,2026-03-09T00:00:00Z,mdaniels,10.0.0.2,failure
            m-3,2026-03-09T00:30:00Z,mdaniels,10.0.0.3,success

            """)
        #expect(try h.importer.importFile(path: more, kind: nil).inserted == 3)
        let sunday = try h.value("SELECT events FROM login_hour WHERE candidate_id = 'C-1002' AND weekday = 6 AND hour = 23") as Int?
        let monday = try h.value("SELECT events FROM login_hour WHERE candidate_id = 'C-1002' AND weekday = 0 AND hour = 0") as Int?
        #expect(sunday == 1 && monday == 2)
        let incremental = try h.snapshot(["login_week", "login_hour"])
        try h.store.pool.write { db in try LoginSummaryStore(db: db).rebuild(candidateId: "C-1002") }
        #expect(try h.snapshot(["login_week", "login_hour"]) == incremental)
    }
}
