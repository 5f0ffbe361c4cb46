import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Issue 11: NUL bytes and invisible characters in imported data. A NUL would truncate the value
/// in SQLite (renaming "C-1001\0x" to the existing "C-1001"); an invisible character in a key makes a
/// second candidate that displays exactly like the first. Both are rejected, naming file, record, field.
@Suite("Import: NUL bytes and invisible characters in keys")
struct ImportKeyHygieneTests {
    let header = "candidate_id,full_name,email\n"

    func rejected(_ h: ImportHarness, _ path: String, kind: ImportKind? = nil) throws -> (location: String, field: String?, message: String) {
        let before = try h.snapshot()
        let error = #expect(throws: VetdeskError.self) { try h.importer.importFile(path: path, kind: kind) }
        #expect(try h.snapshot() == before, "rows were written")
        guard case let .malformed(file, location, field, message)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return ("", nil, "")
        }
        #expect(file == path)
        return (location, field, message)
    }

    @Test func nulInACSVFieldRejectsTheRecord() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        // Unquoted and quoted: both would otherwise be stored as "C-1001", overwriting Anna Keller's name.
        for (i, row) in ["C-1001\u{0}x,Mallory,m@evil.example", "\"C-1001\u{0}x\",Mallory,m@evil.example"].enumerated() {
            let path = try h.write("nul-\(i).csv", header + "C-7001,Fine Person,fine@example.com\n" + row + "\n")
            let r = try rejected(h, path)
            #expect(r.location == "line 3" && r.field == "candidate_id")
            #expect(r.message.contains("NUL byte"))
        }
        #expect(try h.value("SELECT full_name FROM candidate WHERE id = 'C-1001'") == "Anna Keller")
    }

    @Test func nulInAJSONStringRejectsTheRecord() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let ndjson = try h.write("nul.ndjson", """
            {"candidate_id": "C-7002", "full_name": "Fine Person"}
            {"candidate_id": "C-1001\\u0000x", "full_name": "Mallory"}

            """)
        let r = try rejected(h, ndjson)
        #expect(r.location == "line 2" && r.field == "candidate_id" && r.message.contains("NUL byte"))
        // The identity-provider path: an Okta sign-in whose account carries a NUL.
        let okta = try String(contentsOfFile: ImportHarness.fixture("okta.ndjson"), encoding: .utf8)
            .replacingOccurrences(of: "\"alternateId\": \"mark.d@contractor.example\"",
                                  with: "\"alternateId\": \"mark.d@contractor.example\\u0000evil\"")
        let o = try rejected(h, try h.write("okta-nul.ndjson", okta))
        #expect(o.field == "actor.alternateId" && o.message.contains("NUL byte"))
        #expect(o.location == "line 1")
        // A whole JSON document (a Graph page of Entra sign-ins).
        let entra = try String(contentsOfFile: ImportHarness.fixture("entra.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"akeller@corp.example.com\"", with: "\"akeller@corp.example.com\\u0000x\"")
        let g = try rejected(h, try h.write("entra-nul.json", entra))
        #expect(g.field == "userPrincipalName" && g.location == "record 1" && g.message.contains("NUL byte"))
    }

    @Test func invisibleCharactersInIdsAndEmailsAreRefused() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let cases: [(row: String, field: String, codePoint: String)] = [
            ("\u{FEFF}C-7003,Bom Person,bom@example.com", "candidate_id", "U+FEFF"),
            ("C-1001\u{200B},Anna Keller,anna2@example.com", "candidate_id", "U+200B"),
            ("C-7004,Zw Person,anna.keller\u{200D}@example.com", "email", "U+200D"),
            ("C-10\u{2060}01,Wj Person,wj@example.com", "candidate_id", "U+2060"),
            ("C-7005,Tag Person,tag\u{E0041}@example.com", "email", "U+E0041"),
            ("C-7006\u{00AD},Shy Person,shy@example.com", "candidate_id", "U+00AD"),
        ]
        for (i, c) in cases.enumerated() {
            // A BOM at the very start of a file is the file's BOM: put the record on line 3.
            let path = try h.write("invisible-\(i).csv", header + "C-7000,Fine Person,fine@example.com\n" + c.row + "\n")
            let r = try rejected(h, path)
            #expect(r.location == "line 3" && r.field == c.field, "\(c.codePoint): \(r)")
            #expect(r.message.contains("invisible character \(c.codePoint)"), "\(r.message)")
            #expect(!r.message.unicodeScalars.contains { KeyText.isInvisible($0) })
            #expect(r.message.contains("<\(c.codePoint)>"), "the invisible character is spelled out: \(r.message)")
        }
    }

    @Test func lookalikeOfAnExistingIdIsReported() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        // Fullwidth letters and digits fold (NFKC) to "C-1001".
        let fullwidth = try h.write("fullwidth.csv", header + "\u{FF23}-\u{FF11}\u{FF10}\u{FF10}\u{FF11},Anna Keller,a3@example.com\n")
        let r = try rejected(h, fullwidth)
        #expect(r.location == "line 2" && r.field == "candidate_id")
        #expect(r.message.contains("looks like the existing candidate 'C-1001'"))
        // Within one file too.
        let twice = try h.write("twice.csv", header + "C-7100,One,one@example.com\nC-71\u{FF10}0,Two,two@example.com\n")
        #expect(try rejected(h, twice).message.contains("'C-7100'"))
        // An email that folds to an existing account (fullwidth "＠", Kelvin sign for "k").
        let email = try h.write("email.csv", header + "C-7200,Other,anna.\u{212A}eller\u{FF20}example.com\n")
        let e = try rejected(h, email)
        #expect(e.field == "email" && e.message.contains("looks like the existing account 'anna.keller@example.com'"))
        // Re-importing the same file is not a lookalike of itself.
        _ = try h.load("candidates.csv")
    }

    /// Only non-ASCII keys are held by skeleton (LookalikeKeys): an ASCII key imported later must still
    /// be reported as a lookalike of a non-ASCII one already stored, for ids and accounts alike.
    @Test func asciiKeyLikeAStoredNonASCIIKeyIsReported() throws {
        let h = try ImportHarness()
        let first = try h.write("first.csv", header + "\u{FF23}-8000,Wide,\u{FF42}ob@example.com\n")
        _ = try h.importer.importFile(path: first, kind: nil)
        let sameId = try h.write("same-id.csv", header + "C-8000,Narrow,narrow@example.com\n")
        let r = try rejected(h, sameId)
        #expect(r.field == "candidate_id" && r.message.contains("looks like the existing candidate"))
        let sameAccount = try h.write("same-account.csv", header + "C-8001,Bob,BOB@example.com\n")
        let a = try rejected(h, sameAccount)
        #expect(a.field == "email" && a.message.contains("looks like the existing account"))
    }

    @Test func referencesToCandidatesAreNFCToo() throws {
        let h = try ImportHarness()
        _ = try h.importer.importFile(path: try h.write("nfc.csv", header + "C-R\u{E9}ne,René Dupont,rene@example.com\n"), kind: nil)
        // An interview naming the candidate in NFD (as macOS file systems and some exports write it) finds them.
        let nfd = try h.write("interviews.csv", try String(contentsOfFile: ImportHarness.fixture("interviews.csv"), encoding: .utf8)
            .split(separator: "\n").prefix(2).joined(separator: "\n").replacingOccurrences(of: "C-1001", with: "C-Re\u{301}ne") + "\n")
        _ = try h.importer.importFile(path: nfd, kind: nil)
        #expect(try h.count("interview", "candidate_id = 'C-R\u{E9}ne'") == 1)
    }

    @Test func keysAreStoredInNFC() throws {
        let h = try ImportHarness()
        // "e" + combining acute: stored precomposed, so it is the same key as a precomposed "é".
        let path = try h.write("nfd.csv", header + "C-Re\u{0301}ne,René Dupont,rene\u{0301}@example.com\n")
        _ = try h.importer.importFile(path: path, kind: nil)
        #expect(try h.count("candidate", "id = 'C-R\u{E9}ne'") == 1)
        #expect(try h.count("candidate_account", "account = 'ren\u{E9}@example.com'") == 1)
    }
}
