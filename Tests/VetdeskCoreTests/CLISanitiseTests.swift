import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Issue 11: what the CLI echoes from the data (header cells, file names, ids, analyst names, the
/// "now … by X" conflict text) reaches the terminal sanitised; analyst names are validated on entry.
@Suite struct CLISanitiseTests {
    /// Clear-screen, an OSC 52 clipboard write, BEL, a one-byte C1 CSI, a bidi override, a newline.
    static let hostile = "x\u{1B}[2Jy\u{1B}]52;c;cm0gLXJmIH4=\u{07}z\u{07}\u{9B}31m\u{202E}gnp.exe\nforged line"

    /// No byte a terminal would act on: C0 controls except the newline, DEL, C1, bidi controls.
    static func isClean(_ s: String) -> Bool {
        !s.unicodeScalars.contains { v in
            (v.value < 0x20 && v.value != 0x0A) || (0x7F...0x9F).contains(v.value) || Sanitize.bidi.contains(v.value)
        }
    }

    func vetdesk(_ args: [String], environment: [String: String] = ["VETDESK_ANALYST": "alice"]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let binary = try #require(CaseBinary.vetdesk(), CaseBinary.missingMessage)
        return try CaseBinary.run(binary, args, environment: environment)
    }

    @Test func unknownHeaderCellAndFileNameAreEchoedSanitised() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let file = f.dir + "/cand\u{1B}[2Jidates\u{202E}.csv"
        try Data("candidate_id,full_name,\(Self.hostile.replacingOccurrences(of: "\n", with: " "))\nC-77,Someone,x\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        let r = try vetdesk(["import", "--store", f.store.path, "--kind", "candidates", "--no-rescore", file])
        #expect(r.status == 1)
        #expect(r.stderr.contains("unknown column"))
        #expect(Self.isClean(r.stderr), "stderr: \(r.stderr.debugDescription)")
        #expect(Self.isClean(r.stdout))
        let json = try vetdesk(["import", "--store", f.store.path, "--kind", "candidates", "--no-rescore", "--json", file])
        #expect(Self.isClean(json.stdout) && Self.isClean(json.stderr))
    }

    @Test func hostileAnalystNamesAreRefusedWithExitTwo() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let viaOption = try vetdesk(["decide", "C-1", "--clear", "--note", "n", "--analyst", Self.hostile, "--store", f.store.path])
        #expect(viaOption.status == 2)
        #expect(viaOption.stderr.contains("--analyst") && viaOption.stderr.contains("U+001B"))
        #expect(Self.isClean(viaOption.stderr), "stderr: \(viaOption.stderr.debugDescription)")
        let viaEnvironment = try vetdesk(["note", "C-1", "--note", "n", "--store", f.store.path],
                                         environment: ["VETDESK_ANALYST": "bob\u{202E}evil"])
        #expect(viaEnvironment.status == 2)
        #expect(viaEnvironment.stderr.contains("VETDESK_ANALYST") && viaEnvironment.stderr.contains("U+202E"))
        let tooLong = try vetdesk(["assign", "C-1", "--analyst", String(repeating: "a", count: 65), "--store", f.store.path])
        #expect(tooLong.status == 2 && tooLong.stderr.contains("at most 64"))
        // Nothing was written by the refused commands.
        let entries = try f.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM history") }
        #expect(entries == 0)
        #expect(try vetdesk(["note", "C-1", "--note", "n", "--analyst", "Zoë Ångström", "--store", f.store.path]).status == 0)
    }

    @Test func analystNameValidation() throws {
        #expect(try AnalystName.validated("  alice ") == "alice")
        #expect(try AnalystName.validated("Zoe\u{0308}") == "Zoë") // NFC
        for bad in ["", "a\nb", "a\u{1B}[2J", "a\u{9B}1m", "a\u{202E}b", "a\u{200B}b", "a\u{07}", String(repeating: "x", count: 65)] {
            #expect(throws: VetdeskError.self) { try AnalystName.validated(bad) }
        }
        #expect(throws: VetdeskError.self) {
            try AnalystName.resolve(option: nil, environment: ["VETDESK_ANALYST": "eve\u{1B}]52;c;aGk=\u{07}"])
        }
        #expect(try AnalystName.resolve(option: nil, environment: ["VETDESK_ANALYST": "sam"]) == "sam")
    }

    /// A name stored before validation existed (or written by another tool) is still sanitised
    /// in the "now escalated by X" text of a refusal and a conflict.
    @Test func conflictTextNamingAHostileAnalystIsSanitised() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        #expect(try vetdesk(["decide", "C-1", "--escalate", "dprk_it_worker", "--note", "ring", "--store", f.store.path]).status == 0)
        try f.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER history_no_update")
            try db.execute(sql: "UPDATE history SET analyst = ?", arguments: [Self.hostile])
            try db.execute(sql: "UPDATE case_file SET assignee = ? WHERE candidate_id = 'C-1'", arguments: [Self.hostile])
        }
        let refused = try vetdesk(["decide", "C-1", "--clear", "--note", "fine", "--store", f.store.path],
                                  environment: ["VETDESK_ANALYST": "bob"])
        #expect(refused.status == 1 && refused.stderr.contains("now escalated by x"))
        #expect(Self.isClean(refused.stderr), "stderr: \(refused.stderr.debugDescription)")
        #expect(!refused.stderr.contains("forged line\n") || refused.stderr.split(separator: "\n").count == 1)
        let stale = try vetdesk(["decide", "C-1", "--reopen", "--note", "x", "--expected-version", "0", "--store", f.store.path],
                                environment: ["VETDESK_ANALYST": "bob"])
        #expect(stale.status == 1 && stale.stderr.contains("conflict"))
        #expect(Self.isClean(stale.stderr))
        #expect(stale.stderr.split(separator: "\n").count == 1)
        let json = try vetdesk(["decide", "C-1", "--reopen", "--note", "x", "--expected-version", "0", "--json",
                                "--store", f.store.path], environment: ["VETDESK_ANALYST": "bob"])
        #expect(Self.isClean(json.stdout.replacingOccurrences(of: "\n", with: " ")))
        let history = try vetdesk(["history", "C-1", "--json", "--store", f.store.path])
        #expect(Self.isClean(history.stdout), "history --json: \(history.stdout.debugDescription)")
        #expect(history.stdout.contains("\\u009b") && history.stdout.contains("\\u202e"))
        let plain = try vetdesk(["history", "C-1", "--store", f.store.path])
        #expect(Self.isClean(plain.stdout))
        let unknownId = try vetdesk(["history", "C\u{1B}[2J-404", "--store", f.store.path])
        #expect(Self.isClean(unknownId.stdout) && unknownId.stdout.contains("no case with this id"))
    }

    @Test func showAndQueueJSONEscapeBidiAndC1() throws {
        let path = try DetailCLITests.fixture() // candidate B is named "Bob <OSC title> U+202E evil"
        for args in [["show", "B", "--json"], ["queue", "--json"]] {
            let r = try DetailCLITests.run(args + ["--store", path])
            #expect(r.status == 0)
            #expect(Self.isClean(r.out), "\(args[0]) --json: raw control")
            #expect(r.out.contains("\\u202e"), "\(args[0]) --json escapes the bidi override")
        }
    }

    @Test func errorDescriptionsAreSanitised() {
        let e = VetdeskError.malformed(file: "f\u{1B}]0;t\u{07}.csv", location: "line 1", field: "a\u{9B}2Jb",
                                       message: "bad \u{202E}value\nnext")
        #expect(Self.isClean(e.description) && !e.description.contains("\n"))
        #expect(e.description == "f.csv: line 1: field 'ab': bad value next")
        #expect(VetdeskError.conflict("now cleared by \u{1B}[2Jeve").description == "now cleared by eve")
    }

    @Test func jsonEscapesC1AndBidiControls() throws {
        let text = JSONSafeText.escapingUnsafe("{\"a\":\"x\u{9B}y\u{202E}z\u{85}\"}")
        #expect(text == "{\"a\":\"x\\u009by\\u202ez\\u0085\"}")
        let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(back?["a"] == "x\u{9B}y\u{202E}z\u{85}")
        var quoted = ""
        JSONText.quote("a\u{9B}\u{2066}b", into: &quoted)
        #expect(quoted == "\"a\\u009b\\u2066b\"")
    }
}
