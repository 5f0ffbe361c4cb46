import Foundation
import GRDB
import Testing
@testable import VetdeskCore

@Suite struct CaseWorkflowTests {
    @Test func fullLifecycleRecordsEachStep() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let s = CaseService(store: f.store, clock: { CaseFixture.t0 + 60 })
        var c = try s.apply(.take, to: "C-1", analyst: "alice", note: "looking", expectedVersion: 0)
        #expect(c.status == .inReview && c.assignee == "alice" && c.version == 1)
        c = try s.apply(.escalate(reason: "dprk_it_worker"), to: "C-1", analyst: "alice", note: "shared IBAN", expectedVersion: 1)
        #expect(c.status == .escalated && c.version == 2)
        c = try s.apply(.refer(to: "law_enforcement"), to: "C-1", analyst: "bob", note: "FBI tip line", expectedVersion: 2)
        #expect(c.status == .referred && c.referredTo == "law_enforcement" && c.assignee == "bob")
        c = try s.apply(.reopen, to: "C-1", analyst: "carol", note: "new evidence", expectedVersion: nil)
        #expect(c.status == .inReview && c.referredTo == nil && c.assignee == "carol")
        c = try s.apply(.note, to: "C-1", analyst: "dave", note: "  just a remark  ", expectedVersion: nil)
        #expect(c.status == .inReview && c.version == 5)
        c = try s.apply(.clear, to: "C-1", analyst: "carol", note: "false positive", expectedVersion: 5)
        #expect(c.status == .cleared && c.updatedAt == CaseFixture.t0 + 60)

        let h = try s.history("C-1")
        #expect(h.map(\.action) == ["take", "escalate", "refer", "reopen", "note", "clear"])
        #expect(h.map(\.toStatus) == ["in_review", "escalated", "referred", "in_review", "in_review", "cleared"])
        #expect(h[1].reasonCode == "dprk_it_worker" && h[2].reasonCode == "law_enforcement")
        #expect(h[4].note == "just a remark" && h[4].analyst == "dave")
        #expect(h[0].prevHash == HistoryChain.genesis)
        for i in 1..<h.count { #expect(h[i].prevHash == h[i - 1].hash) }
        #expect(try s.verifyChain().isIntact)
    }

    @Test func invalidTransitionsAreRefusedAndWriteNothing() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let s = CaseService(store: f.store)
        func refused(_ a: CaseAction, _ id: String, _ who: String = "alice") -> String? {
            do { _ = try s.apply(a, to: id, analyst: who, note: "n", expectedVersion: nil); return nil }
            catch let VetdeskError.invalidTransition(m) { return m }
            catch { return "unexpected \(error)" }
        }
        #expect(refused(.refer(to: "legal"), "C-1")?.contains("only an escalated case can be referred") == true)
        #expect(refused(.reopen, "C-1")?.contains("only a closed case can be reopened") == true)
        #expect(refused(.release, "C-1")?.contains("only a case in review can be released") == true)
        _ = try s.apply(.take, to: "C-1", analyst: "alice", note: "mine", expectedVersion: nil)
        let held = refused(.clear, "C-1", "bob")
        #expect(held?.contains("held by alice") == true)
        #expect(refused(.take, "C-1")?.contains("already hold") == true)
        _ = try s.apply(.clear, to: "C-1", analyst: "alice", note: "ok", expectedVersion: nil)
        let again = refused(.escalate(reason: "other"), "C-1")
        #expect(again?.contains("already cleared") == true && again?.contains("by alice at") == true)
        #expect(try s.history("C-1").count == 2)
        #expect(try s.caseFile("C-1")?.version == 2)
    }

    @Test func notesReasonsAndTargetsAreValidated() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let s = CaseService(store: f.store)
        #expect(throws: VetdeskError.invalidArgument("a note is required for 'clear' (it is empty)")) {
            try s.apply(.clear, to: "C-1", analyst: "alice", note: " \n\t ", expectedVersion: nil)
        }
        #expect(throws: VetdeskError.self) { try s.apply(.escalate(reason: ""), to: "C-1", analyst: "a", note: "n", expectedVersion: nil) }
        #expect(throws: VetdeskError.self) { try s.apply(.escalate(reason: "vibes"), to: "C-1", analyst: "a", note: "n", expectedVersion: nil) }
        #expect(throws: VetdeskError.self) { try s.apply(.refer(to: "twitter"), to: "C-1", analyst: "a", note: "n", expectedVersion: nil) }
        #expect(throws: VetdeskError.invalidArgument("an analyst name is required")) {
            try s.apply(.note, to: "C-1", analyst: " ", note: "n", expectedVersion: nil)
        }
        #expect(throws: VetdeskError.notFound("no candidate with id 'C-404'")) {
            try s.apply(.note, to: "C-404", analyst: "a", note: "n", expectedVersion: nil)
        }
        #expect(try s.history("C-1").isEmpty)
        #expect(CaseService.referralTargets == ["legal", "hr", "law_enforcement", "partner_cert"])
        #expect(CaseService.escalationReasons.contains { $0.code == "dprk_it_worker" })
    }

    @Test func staleVersionIsAConflictNamingTheWinner() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let s = CaseService(store: f.store, clock: { CaseFixture.t0 })
        _ = try s.apply(.escalate(reason: "laptop_farm"), to: "C-2", analyst: "alice", note: "farm", expectedVersion: 0)
        do {
            _ = try s.apply(.clear, to: "C-2", analyst: "bob", note: "fine", expectedVersion: 0)
            Issue.record("bob's stale decision was accepted")
        } catch let VetdeskError.conflict(message) {
            #expect(message.contains("now escalated by alice at 2026-03-02T07:14:00Z"))
        }
        #expect(try s.history("C-2").count == 1)
        #expect(try s.caseFile("C-2")?.status == .escalated)
    }

    @Test func decisionDropsOnlyThatAnalystsDraftAndMarksDirty() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        for who in ["alice", "bob"] {
            // Drafts of earlier versions, in the store (the console keeps them in DraftBook now).
            try f.store.pool.write { db in
                try db.execute(sql: "INSERT INTO draft_note (analyst, candidate_id, action, text, updated_at) VALUES (?, 'C-1', 'clear', 'draft', 1)",
                               arguments: [who])
            }
        }
        _ = try CaseService(store: f.store).apply(.clear, to: "C-1", analyst: "alice", note: "done", expectedVersion: nil)
        let (drafts, dirty) = try f.store.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT analyst FROM draft_note WHERE candidate_id = 'C-1'"),
             try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM dirty_candidate WHERE candidate_id = 'C-1')"))
        }
        #expect(drafts == ["bob"])
        #expect(dirty == true)
    }

    @Test func caseIsOpenedForACandidateWithoutOne() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        try f.store.pool.write { db in try CaseFixture.insertCandidate(db, id: "C-50", name: "X")
            try db.execute(sql: "DELETE FROM case_file WHERE candidate_id = 'C-50'") }
        let c = try CaseService(store: f.store).apply(.take, to: "C-50", analyst: "a", note: "n", expectedVersion: 0)
        #expect(c.status == .inReview && c.version == 1)
    }

    @Test func bulkEscalatesARingAndReportsEachRefusal() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let s = CaseService(store: f.store)
        _ = try s.apply(.take, to: "C-3", analyst: "bob", note: "mine", expectedVersion: nil)
        let results = try s.applyBulk(.escalate(reason: "payment_mule"), to: ["C-1", "C-2", "C-3", "C-404"],
                                      analyst: "alice", note: "ring paid into one IBAN")
        #expect(results.map(\.succeeded) == [true, true, false, false])
        if case .invalidTransition = results[2].error {} else { Issue.record("C-3 should be refused: held by bob") }
        #expect(results[3].error == .notFound("no candidate with id 'C-404'"))
        for id in ["C-1", "C-2"] {
            let h = try s.history(id)
            #expect(h.count == 1 && h[0].note == "ring paid into one IBAN" && h[0].reasonCode == "payment_mule")
        }
        #expect(try s.caseFile("C-3")?.status == .inReview)
        #expect(try s.verifyChain().isIntact)
    }

    @Test func analystNameComesFromTheEnvironmentFirst() {
        #expect(AnalystName.current(environment: ["VETDESK_ANALYST": "sam"]) == "sam")
        #expect(!AnalystName.current(environment: [:]).isEmpty)
    }
}
