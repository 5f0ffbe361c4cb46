import CSV
import Foundation
import GRDB
import Testing
@testable import VetdeskCore

@Suite struct ExportReportTests {
    static let outsiderData = ["Unrelated Person", "private9@example.org", "+15550009999", "DE89370400440532013000",
                               "198.51.100.99", "Other Holder"]

    /// The fixture's ring with decisions on C-1 and C-2.
    func decidedRing() throws -> (CaseFixture, Exporter) {
        let f = try CaseFixture()
        let s = CaseService(store: f.store, clock: { CaseFixture.t0 + 3600 })
        try s.apply(.take, to: "C-1", analyst: "alice", note: "Opening: shared IBAN with C-2", expectedVersion: nil)
        let bulk = try s.applyBulk(.escalate(reason: "dprk_it_worker"), to: ["C-1", "C-2"], analyst: "alice",
                        note: "Ring: same IBAN, Astrill VPN exits.\nSecond line of the note.")
        #expect(bulk.allSatisfy { $0.succeeded })
        try s.apply(.refer(to: "law_enforcement"), to: "C-1", analyst: "bob", note: "Reported to the FBI", expectedVersion: nil)
        try s.apply(.note, to: "C-9", analyst: "carol", note: "outsider note must not leak", expectedVersion: nil)
        return (f, Exporter(store: f.store, organisation: "Example Corp", clock: { CaseFixture.t0 + 7200 }))
    }

    @Test func markdownReportHasEverySection() throws {
        let (f, e) = try decidedRing()
        defer { f.remove() }
        let md = try e.render(.markdown, e.load(.cases(["C-1"])))
        for expected in [
            "# Case C-1: Ring Member 1", "| Status | referred (held by bob) |", "| Referred to | law\\_enforcement |",
            "| Risk | **85** (critical) |",
            "1. **shared\\_payee** — decisive, weight 40.0, +100 points: Paid into an IBAN shared with 1 other candidate",
            "2. **vpn\\_exit** — high, weight 25.0, +0 points: Logs in through Astrill VPN",
            "Score carried by shared\\_payee 100 of 100.",
            "payment_account `1`: GB82WEST12345698765432 also pays C-2",
            "ip `45.84.1.7`: 2026-03-02 07:14Z 45.84.1.7 NL AS9009 M247 (Astrill VPN)",
            "## Identity checks", "| FLAGGED |", "Camera broken; answers read from a script",
            "| iban GB82WEST12345698765432 | Li Wei | West Bank WESTGB2L GB | 2 | 8400.5 USD | C-2 |",
            "**Countries:** NL 40, US 2",
            "| 45.84.1.7 | NL | AS9009 M247 Europe SRL | Astrill VPN | 40 |", "named in DPRK IT-worker reporting",
            "Mon   @-" + String(repeating: " ", count: 21) + "| 40", "Fri  " + String(repeating: " ", count: 23) + ".| 2",
            "| C-2 | payment account | GB82WEST12345698765432 |", "| C-2 | ip | 45.84.1.7 |",
            "alice — escalate (in_review → escalated), reason `dprk_it_worker`",
            "> Ring: same IBAN, Astrill VPN exits.", "> Second line of the note.",
            "bob — refer (escalated → referred), to `law_enforcement`", "> Reported to the FBI",
        ] {
            #expect(md.contains(expected), "missing: \(expected)")
        }
        for secret in Self.outsiderData + ["outsider note must not leak"] { #expect(!md.contains(secret)) }
    }

    @Test func otherCandidatesNamesInFlagTextAreWithheld() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        try f.store.pool.write { db in
            try db.execute(sql: "UPDATE flag SET summary = 'Shares an IBAN with C-2 Ring Member 2' WHERE rule_id = 'shared_payee'")
        }
        let e = Exporter(store: f.store)
        for format in Exporter.Format.allCases {
            let alone = try e.render(format, e.load(.cases(["C-1"])))
            #expect(!alone.contains("Ring Member 2"), "\(format) leaks a non-selected candidate's name")
            #expect(alone.contains("C-2"))
        }
        let both = try e.render(.markdown, e.load(.cases(["C-1", "C-2"])))
        #expect(both.contains("Shares an IBAN with C-2 Ring Member 2"))
    }

    @Test func markdownEscapesHostileText() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        try f.store.pool.write { db in
            try db.execute(sql: "UPDATE candidate SET full_name = ? WHERE id = 'C-1'",
                           arguments: ["<script>alert(1)</script> | [x](http://evil) \u{1B}[31mred\u{202E}"])
        }
        let e = Exporter(store: f.store)
        let md = try e.render(.markdown, e.load(.cases(["C-1"])))
        #expect(!md.contains("<script>") && !md.contains("[x](http") && !md.contains("\u{1B}") && !md.contains("\u{202E}"))
        #expect(md.contains("\\<script\\>alert(1)\\</script\\> \\| \\[x\\](http://evil) red"))
    }

    @Test func jsonExportIsTheDocumentedSchema() throws {
        let (f, e) = try decidedRing()
        defer { f.remove() }
        let text = try e.render(.json, e.load(.status(.escalated)))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(doc["schema_version"] as? Int == 1)
        #expect(doc["exported_at"] as? String == "2026-03-02T09:14:00Z")
        let cases = try #require(doc["cases"] as? [[String: Any]])
        #expect(cases.count == 1) // C-2 is escalated; C-1 went on to referred
        let c = cases[0]
        #expect(Set(c.keys) == ["candidate", "case_file", "flags", "login_accounts", "identity_checks", "interviews",
                                "payment_accounts", "payments", "payments_total", "logins", "endpoints",
                                "linked_candidates", "history"])
        #expect((c["candidate"] as? [String: Any])?["id"] as? String == "C-2")
        #expect((c["case_file"] as? [String: Any])?["status"] as? String == "escalated")
        let logins = try #require(c["logins"] as? [String: Any])
        #expect((logins["heatmap"] as? [[Int]])?.count == 7)
        let history = try #require(c["history"] as? [[String: Any]])
        #expect(history.first?["reason_code"] as? String == "dprk_it_worker")
        #expect((history.first?["hash"] as? String)?.count == 64)
        for secret in Self.outsiderData + ["Ring Member 1", "Reported to the FBI"] { #expect(!text.contains(secret)) }
    }

    @Test func csvCellsCannotBecomeFormulas() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let hostile = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn"]
        try f.store.pool.write { db in
            for (i, name) in hostile.enumerated() {
                try CaseFixture.insertCandidate(db, id: "H-\(i)", name: name)
            }
        }
        try CaseService(store: f.store).apply(.note, to: "H-0", analyst: "alice", note: "=cmd|' /C calc'!A0, \"quoted\"\nline 2",
                                              expectedVersion: nil)
        let e = Exporter(store: f.store)
        let text = try e.render(.csv, e.load(.cases(hostile.indices.map { "H-\($0)" })))
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let nameColumn = try #require(reader.headerRow?.firstIndex(of: "full_name"))
        let noteColumn = try #require(reader.headerRow?.firstIndex(of: "last_note"))
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(rows.count == hostile.count)
        for (row, name) in zip(rows, hostile) {
            #expect(row.count == CaseCSV.header.count)
            #expect(row[nameColumn] == "'" + Sanitize.forDisplay(name))
        }
        #expect(rows[0][noteColumn] == "'=cmd|' /C calc'!A0, \"quoted\"\nline 2")
        for row in rows { for cell in row { #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? "")) } }
        #expect(CaseCSV.neutralise("safe = text") == "safe = text")
        #expect(CaseCSV.neutralise("") == "")
    }

    @Test func exportFilesAreOwnerOnlyAndHoldOnlyTheSelection() throws {
        let (f, e) = try decidedRing()
        defer { f.remove() }
        for format in Exporter.Format.allCases {
            let path = f.dir + "/out." + format.fileExtension
            _ = FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
            #expect(try e.export(.cases(["C-1", "C-2"]), format: format, to: path) == 2)
            let attrs = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(format) file is not 0600")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("C-1") && text.contains("C-2"))
            for secret in Self.outsiderData + ["outsider note must not leak"] {
                #expect(!text.contains(secret), "\(format) export leaks \(secret)")
            }
        }
        #expect(throws: VetdeskError.notFound("no candidate with id 'C-404'")) { try e.export(.cases(["C-404"]), format: .json, to: f.dir + "/x") }
        #expect(throws: VetdeskError.self) { try e.export(.status(.cleared), format: .csv, to: f.dir + "/y") }
    }

    @Test func uuidv5MatchesRFCAndSTIXExamples() {
        #expect(NameUUID.v5(namespace: UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!, name: "python.org").lowercased
                == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(STIXBundle.scoId("ipv4-addr", [("value", .string("45.84.1.7"))])
                == "ipv4-addr--3d5530d6-e44c-5a1e-b869-f382a9901c79")
        #expect(JSONValue.object([("b", .int(1)), ("a", .string("x\"\n"))]).serialized(sortKeys: true) == #"{"a":"x\"\n","b":1}"#)
    }
}
