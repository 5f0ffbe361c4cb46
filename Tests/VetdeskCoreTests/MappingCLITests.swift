import Foundation
import Testing
@testable import VetdeskCore

/// `vetdesk map init` and `vetdesk import --map` through the real binary: what a user types.
@Suite("CLI: map init and import --map")
struct MappingCLITests {
    @Test func mapInitThenImport() throws {
        let binary = try #require(CaseBinary.vetdesk(), CaseBinary.missingMessage)
        let h = try ImportHarness()
        let store = h.dir + "/cli.sqlite"
        let csv = try h.write("ats.csv", "Candidate ID,First Name,Last Name,E-mail,Applied On\nC-1,Anna,Berg,anna@x.example,03/14/2026\n")
        let draft = h.dir + "/ats.yaml"
        let made = try CaseBinary.run(binary, ["map", "init", csv, "-o", draft])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr.contains("vetdesk import --map \(draft)"))
        // Never overwritten.
        let again = try CaseBinary.run(binary, ["map", "init", csv, "-o", draft])
        #expect(again.status == 1)
        #expect(again.stderr.contains("not overwritten"))

        let imported = try CaseBinary.run(binary, ["import", "--store", store, "--no-rescore", "--map", draft, csv])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("candidates: 1 records, 1 inserted"))
        let s = try Store(path: store)
        #expect(try s.pool.read { try String.fetchOne($0, sql: "SELECT full_name FROM candidate WHERE id = 'C-1'") } == "Anna Berg")
    }

    @Test func mappingMistakesExitOne() throws {
        let binary = try #require(CaseBinary.vetdesk(), CaseBinary.missingMessage)
        let h = try ImportHarness()
        let store = h.dir + "/cli.sqlite"
        let csv = try h.write("ats.csv", "ID,Name\n1,A\n")
        let bad = try h.write("bad.yaml", "kind: candidates\nfields:\n  candidate_id: ID\n  full_name: Full Name\n")
        let r = try CaseBinary.run(binary, ["import", "--store", store, "--no-rescore", "--map", bad, csv])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(bad): line 4: field 'Full Name': no such column in \(csv) (its columns: ID, Name)"), "\(r.stderr)")
        let wrongKind = try CaseBinary.run(binary, ["map", "init", csv, "--kind", "okta"])
        #expect(wrongKind.status == 2)
    }
}
