import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// No silent loss: --max-errors and the rejects file, files that store nothing, and dry runs that
/// leave the store untouched.
@Suite("Import: rejects, nothing stored, dry run")
struct ImportRejectsTests {
    static let oktaEvent = #"{"uuid": "%@", "published": "2026-03-04T01:0%@:03Z", "eventType": "%@", "actor": {"alternateId": "x@example.com"}, "client": {"ipAddress": "81.2.69.142", "geographicalContext": {"country": "%@"}}, "outcome": {"result": "SUCCESS"}}"#

    static func okta(_ id: String, minute: Int = 1, type: String = "user.session.start", country: String = "United Kingdom") -> String {
        String(format: oktaEvent, id, "\(minute)", type, country)
    }

    func rejectsLines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func maxErrorsImportsTheRestAndWritesRejects() throws {
        let h = try ImportHarness()
        let text = "[\n" + [Self.okta("a1"), Self.okta("a2", minute: 2, country: "Atlantis"), "{\"uuid\": \"a3\", oops}",
                            Self.okta("a4", minute: 4)].joined(separator: ",\n") + "\n]"
        let path = try h.write("okta.json", text)
        let report = try h.importer.importFile(path: path, kind: nil, options: ImportOptions(maxErrors: 2, rejectsPath: h.dir))
        #expect(report.records == 4)
        #expect(report.inserted == 2)
        #expect(report.rejected == 2)
        #expect(try h.count("login_event") == 2)
        let rejects = try #require(report.rejectsFile)
        #expect(rejects.hasPrefix(h.dir + "/okta.json-"))
        let mode = try FileManager.default.attributesOfItem(atPath: rejects)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let lines = try rejectsLines(rejects)
        #expect(lines.count == 2)
        #expect(lines[0]["location"] as? String == "record 2")
        #expect(lines[0]["field"] as? String == "client.geographicalContext.country")
        #expect((lines[0]["reason"] as? String)?.contains("Atlantis") == true)
        #expect((lines[0]["raw"] as? String)?.contains("\"uuid\": \"a2\"") == true)
        #expect(lines[1]["location"] as? String == "record 3")
        #expect((lines[1]["reason"] as? String)?.hasPrefix("not valid JSON at line 4:16") == true)
        #expect(lines[1]["raw"] as? String == "{\"uuid\": \"a3\", oops}")
    }

    /// The first records are read before the import knows it keeps texts: theirs are kept anyway.
    @Test func firstRecordsRejectedWithTheirText() throws {
        let h = try ImportHarness()
        let text = "[" + ["{\"uuid\": 1,,}", Self.okta("a2", country: "Atlantis"), Self.okta("a3")].joined(separator: ",\n") + "]"
        let path = try h.write("okta.json", text)
        let report = try h.importer.importFile(path: path, kind: nil, options: ImportOptions(maxErrors: 2, rejectsPath: h.dir))
        #expect(report.rejected == 2)
        #expect(report.inserted == 1)
        let lines = try rejectsLines(try #require(report.rejectsFile))
        #expect(lines.map { $0["raw"] as? String } == ["{\"uuid\": 1,,}", Self.okta("a2", country: "Atlantis")])
    }

    @Test func overBudgetFailsTheFileAndKeepsNoRejects() throws {
        let h = try ImportHarness()
        let text = "[" + [Self.okta("a1"), Self.okta("a2", country: "Atlantis"), Self.okta("a3", country: "Narnia")]
            .joined(separator: ",") + "]"
        let path = try h.write("okta.json", text)
        let before = try h.snapshot()
        #expect(throws: VetdeskError.self) {
            try h.importer.importFile(path: path, kind: nil, options: ImportOptions(maxErrors: 1, rejectsPath: h.dir))
        }
        #expect(try h.snapshot() == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: h.dir).filter { $0.contains("rejects") }
        #expect(left.isEmpty)
    }

    @Test func structuralErrorIsNeverSkipped() throws {
        let h = try ImportHarness()
        let path = try h.write("okta.json", "[" + Self.okta("a1") + "," + Self.okta("a2", minute: 2))
        #expect(throws: VetdeskError.self) {
            try h.importer.importFile(path: path, kind: nil, options: ImportOptions(maxErrors: 10, rejectsPath: h.dir))
        }
        #expect(try h.count("login_event") == 0)
    }

    @Test func csvRowsRejectedWithinBudget() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let report = try h.importer.importFile(path: ImportHarness.fixture("bad-date.csv"), kind: nil,
                                               options: ImportOptions(maxErrors: 5, rejectsPath: h.dir))
        #expect(report.rejected == 1)
        #expect(report.inserted == report.records - 1)
        let lines = try rejectsLines(try #require(report.rejectsFile))
        #expect(lines.first?["location"] as? String == "line 3")
        #expect(lines.first?["field"] as? String == "scheduled_at")
        #expect(lines.first?["raw"] as? String == "INT-11,C-1001,2026-13-45,video,held,on,j.smith,")
    }

    @Test func csvFieldCountRowRejectedWithinBudget() throws {
        let h = try ImportHarness()
        let report = try h.importer.importFile(path: ImportHarness.fixture("field-count.csv"), kind: nil,
                                               options: ImportOptions(maxErrors: 5, rejectsPath: h.dir))
        #expect(report.rejected == 1)
        #expect(report.inserted >= 1)
        #expect(try h.count("login_event") == report.inserted)
    }

    @Test func fileOfOnlySkippedRecordsStoredNothing() throws {
        let h = try ImportHarness()
        let path = try h.write("okta.json", "[" + Self.okta("p1", type: "user.account.update_password") + "]")
        let report = try h.importer.importFile(path: path, kind: nil)
        #expect(report.storedNothing)
        #expect(report.skippedByReason == ["not_a_sign_in": 1])
    }

    @Test func reimportIsNotStoredNothing() throws {
        let h = try ImportHarness()
        let path = try h.write("okta.json", "[" + Self.okta("a1") + "]")
        #expect(try h.importer.importFile(path: path, kind: nil).storedNothing == false)
        let again = try h.importer.importFile(path: path, kind: nil)
        #expect(again.skippedDuplicates == 1)
        #expect(again.storedNothing == false)
    }

    @Test func dryRunOfLoginsWritesNothingAndListsEveryProblem() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let text = "[" + [Self.okta("a1"), Self.okta("a2", country: "Atlantis"), "{\"uuid\": 1,}", Self.okta("a4", minute: 4)]
            .joined(separator: ",\n") + "]"
        let path = try h.write("okta.json", text)
        let before = try h.snapshot()
        let logs = try h.count("import_log")
        let report = try h.importer.importFile(path: path, kind: nil, options: ImportOptions(dryRun: true, sampleRows: 1))
        #expect(try h.snapshot() == before)
        #expect(try h.count("import_log") == logs)
        #expect(report.dryRun)
        #expect(report.records == 4)
        #expect(report.inserted == 2)
        #expect(report.rejectsFile == nil)
        #expect(report.problems?.count == 2)
        #expect(report.problems?.first?.contains("record 2") == true)
        #expect(report.sample?.count == 1)
        #expect(report.sample?.first?["occurred_at"] == "2026-03-04T01:01:03Z")
        #expect(report.sample?.first?["country"] == "GB")
    }

    @Test func dryRunOfAFlatFileWritesNothing() throws {
        let h = try ImportHarness()
        let before = try h.snapshot()
        let report = try h.importer.importFile(path: ImportHarness.fixture("candidates.csv"), kind: nil,
                                               options: ImportOptions(dryRun: true, sampleRows: 2))
        #expect(try h.snapshot() == before)
        #expect(try h.count("import_log") == 0)
        #expect(report.inserted == report.records)
        #expect(report.sample?.count == 2)
        #expect(report.sample?.first?["candidate_id"] != nil)
        #expect(report.problems == [])
    }

    @Test func progressCountsRecordsAndBytes() throws {
        let h = try ImportHarness()
        let progress = ImportProgress()
        _ = try h.importer.importFile(path: ImportHarness.fixture("okta.json"), kind: nil,
                                      options: ImportOptions(progress: progress))
        let s = progress.snapshot
        #expect(s.records > 0)
        #expect(s.fileSize > 0)
        #expect(s.bytesRead == s.fileSize)
        #expect(s.phase == "done")
    }
}
