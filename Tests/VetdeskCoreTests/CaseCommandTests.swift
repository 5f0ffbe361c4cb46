import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The case commands as a user runs them: the built `vetdesk` binary on a fixture store.
@Suite struct CaseCommandTests {
    func vetdesk(_ f: CaseFixture, _ args: [String], analyst: String = "alice") throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = try #require(CaseBinary.vetdesk(), CaseBinary.missingMessage)
        return try CaseBinary.run(binary, args + ["--store", f.store.path], environment: ["VETDESK_ANALYST": analyst])
    }

    @Test func secondAnalystIsToldWhoDecidedFirst() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let first = try vetdesk(f, ["decide", "C-1", "--escalate", "dprk_it_worker", "--note", "ring"])
        #expect(first.status == 0 && first.stdout.contains("C-1: escalated, held by alice (version 1)"))
        let second = try vetdesk(f, ["decide", "C-1", "--clear", "--note", "looks fine"], analyst: "bob")
        #expect(second.status == 1)
        #expect(second.stderr.contains("cannot clear case C-1: it is already escalated; reopen it first (now escalated by alice at"))
        let stale = try vetdesk(f, ["decide", "C-1", "--reopen", "--note", "x", "--expected-version", "0", "--json"], analyst: "bob")
        #expect(stale.status == 1 && stale.stdout.contains("\"error_kind\" : \"conflict\""))
        let history = try vetdesk(f, ["history", "C-1"])
        #expect(history.stdout.contains("#1 ") && history.stdout.contains("alice escalate new -> escalated [dprk_it_worker]"))
        #expect(history.stdout.contains("    ring"))
    }

    @Test func auditVerifyExitsOneNamingTheEntry() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        #expect(try vetdesk(f, ["note", "C-1", "--note", "first"]).status == 0)
        #expect(try vetdesk(f, ["assign", "C-2"]).status == 0)
        let ok = try vetdesk(f, ["audit", "verify"])
        #expect(ok.status == 0 && ok.stdout.hasPrefix("OK: 2 entries verified"))
        try f.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER history_no_update; UPDATE history SET analyst = 'mallory' WHERE seq = 2")
        }
        let broken = try vetdesk(f, ["audit", "verify", "--json"])
        #expect(broken.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as? [String: Any]
        #expect(report?["intact"] as? Bool == false)
        #expect((report?["problem"] as? [String: Any])?["seq"] as? Int == 2)
    }

    @Test func exportWritesAnOwnerOnlyFile() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        #expect(try vetdesk(f, ["decide", "C-1", "C-2", "--escalate", "payment_mule", "--note", "shared IBAN"]).status == 0)
        let out = f.dir + "/escalated.csv"
        let run = try vetdesk(f, ["export", "--status", "escalated", "--format", "csv", "--out", out])
        #expect(run.status == 0 && run.stderr.contains("exported 2 case(s)"))
        let attrs = try FileManager.default.attributesOfItem(atPath: out)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\r\n").count == 3)
    }
}
