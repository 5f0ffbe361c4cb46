import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Retention ages out only cleared cases, records each step in the chained history, and an access request
/// returns everything held about a person including the exports that carried their data.
@Suite struct RetentionAndAccessTests {
    static let day: Int64 = 86_400

    /// C-1 cleared 400 days ago, C-2 cleared 100 days ago, C-3 escalated 500 days ago (legal hold).
    func fixture() throws -> (CaseFixture, CaseService) {
        let f = try CaseFixture()
        let t0 = CaseFixture.t0
        try f.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO login_event(source, source_id, candidate_id, account, occurred_at, ip, outcome, event_key) VALUES
                  ('okta', 'a', 'C-1', 'c-1@corp.example', \(t0), '203.0.113.7', 'success', 1),
                  ('okta', 'b', 'C-2', 'c-2@corp.example', \(t0), '203.0.113.8', 'success', 2),
                  ('okta', 'c', 'C-3', 'c-3@corp.example', \(t0), '203.0.113.9', 'success', 3);
                INSERT INTO login_ip_use VALUES ('C-3', '203.0.113.9', \(t0), \(t0), 1);
                """)
        }
        try CaseService(store: f.store, clock: { t0 }).apply(.clear, to: "C-1", analyst: "alice", note: "Ring Member 1 is fine", expectedVersion: nil)
        try CaseService(store: f.store, clock: { t0 + 300 * Self.day }).apply(.clear, to: "C-2", analyst: "alice", note: "ok", expectedVersion: nil)
        try CaseService(store: f.store, clock: { t0 - 100 * Self.day }).apply(.escalate(reason: "other"), to: "C-3", analyst: "bob",
                                                                              note: "hold", expectedVersion: nil)
        return (f, CaseService(store: f.store))
    }

    @Test func dryRunListsOnlyAgedClearedCasesAndChangesNothing() throws {
        let (f, _) = try fixture()
        defer { f.remove() }
        let r = Retention(store: f.store, policy: RetentionPolicy(clearedEventsDays: 90, clearedPseudonymiseDays: 365),
                          clock: { CaseFixture.t0 + 400 * Self.day })
        let steps = try r.plan()
        let kinds = steps.map { "\($0.candidateId) \($0.kind.rawValue)" }
        #expect(kinds == ["C-1 delete_events", "C-1 pseudonymise", "C-2 delete_events"])
        let held = steps.filter { $0.candidateId == "C-3" }
        #expect(held.isEmpty, "escalated cases are under legal hold")
        let events = try f.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM login_event") }
        #expect(events == 3)
    }

    @Test func applyDeletesPseudonymisesAndRecordsItInAVerifyingHistory() throws {
        let (f, s) = try fixture()
        defer { f.remove() }
        let r = Retention(store: f.store, policy: RetentionPolicy(), clock: { CaseFixture.t0 + 400 * Self.day })
        let done = try r.apply(analyst: "dpo")
        #expect(done.count == 3)
        try f.store.pool.read { db in
            #expect(try String.fetchAll(db, sql: "SELECT candidate_id FROM login_event ORDER BY 1") == ["C-3"])
            let c1 = try Row.fetchOne(db, sql: "SELECT full_name, email FROM candidate WHERE id = 'C-1'")!
            #expect((c1["full_name"] as String).hasPrefix("Pseudonymised ") && (c1["email"] as String?) == nil)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM payment WHERE candidate_id = 'C-1'") == 0)
            #expect(try String.fetchOne(db, sql: "SELECT full_name FROM candidate WHERE id = 'C-3'") == "Ring Member 3")
        }
        let h1 = try s.history("C-1")
        #expect(h1.first?.note == "" && h1.first?.erasedBy != nil, "the clearing note named the person")
        #expect(h1.filter { $0.action == "retention" }.count == 2)
        let audit = try s.verifyChain()
        #expect(audit.isIntact, "\(audit.problem?.message ?? "")")
        #expect(audit.redactionSummary != nil)
        // Applying again finds nothing more to do.
        #expect(try r.plan().isEmpty)
    }

    @Test func aPolicyFileIsCheckedAndNamedInErrors() throws {
        let dir = NSTemporaryDirectory() + "vetdesk-ret-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "cleared_events_days: 30\ncleared_pseudonymise_days: 180\n".write(toFile: dir + "/ok.yaml", atomically: true, encoding: .utf8)
        #expect(try RetentionPolicy.load(path: dir + "/ok.yaml") == RetentionPolicy(clearedEventsDays: 30, clearedPseudonymiseDays: 180))
        try "cleared_event_days: 30\n".write(toFile: dir + "/typo.yaml", atomically: true, encoding: .utf8)
        #expect { try RetentionPolicy.load(path: dir + "/typo.yaml") } throws: { "\($0)".contains("unknown setting 'cleared_event_days'") }
        try "cleared_events_days: 400\ncleared_pseudonymise_days: 100\n".write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        #expect(throws: VetdeskError.self) { try RetentionPolicy.load(path: dir + "/bad.yaml") }
    }

    @Test func anAccessRequestHoldsEverythingAndTheExportsThatIncludedThePerson() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let s = CaseService(store: f.store, clock: { CaseFixture.t0 })
        try s.apply(.escalate(reason: "payment_mule"), to: "C-1", analyst: "alice", note: "Shared IBAN with C-2", expectedVersion: nil)
        let e = Exporter(store: f.store, analyst: "alice", clock: { CaseFixture.t0 + 60 })
        try e.export(.cases(["C-1", "C-2"]), format: .stix, to: f.dir + "/ring.stix.json")
        try e.export(.cases(["C-2"]), format: .markdown, to: f.dir + "/c2.md")

        let out = f.dir + "/dsr"
        let written = try SubjectAccess(store: f.store, clock: { CaseFixture.t0 + 120 }).write(candidateId: "C-1", to: out)
        var st = stat()
        #expect(stat(out, &st) == 0 && st.st_mode & 0o777 == 0o700)
        #expect(stat(written.json, &st) == 0 && st.st_mode & 0o777 == 0o600)

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: written.json))) as! [String: Any]
        let cases = json["cases"] as! [[String: Any]]
        #expect((cases[0]["candidate"] as! [String: Any])["full_name"] as? String == "Ring Member 1")
        #expect((cases[0]["payment_accounts"] as! [Any]).count == 1)
        #expect((cases[0]["history"] as! [[String: Any]]).first?["note"] as? String == "Shared IBAN with C-2")
        let exports = json["exports_including_subject"] as! [[String: Any]]
        #expect(exports.count == 1 && exports[0]["format"] as? String == "stix" && exports[0]["analyst"] as? String == "alice")

        let md = try String(contentsOfFile: written.markdown, encoding: .utf8)
        #expect(md.contains("## Exports that included you") && md.contains("ring.stix.json"))
        #expect(!md.contains("c2.md"), "an export without this person is not listed")
        #expect(md.contains("every\ndecision below was made by a named analyst") || md.contains("decision below was made by a named analyst"))
    }
}
