import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Malformed and hostile input: each rejected file names the file, the line or record and the
/// field, and leaves the store exactly as it was.
@Suite("Import: malformed and hostile files")
struct ImportHostileTests {
    /// Imports `path` expecting a malformed-file error with this location and field, and checks
    /// that no row changed.
    func expectRejected(_ h: ImportHarness, _ path: String, kind: ImportKind? = nil, location: String, field: String?,
                        message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try h.snapshot()
        let logsBefore = try h.count("import_log")
        let error = #expect(throws: VetdeskError.self, sourceLocation: sourceLocation) {
            try h.importer.importFile(path: path, kind: kind)
        }
        guard case let .malformed(file, loc, f, msg)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
        #expect(file == path, sourceLocation: sourceLocation)
        #expect(loc == location, sourceLocation: sourceLocation)
        #expect(f == field, sourceLocation: sourceLocation)
        #expect(msg.contains(message), "message was: \(msg)", sourceLocation: sourceLocation)
        #expect(try h.snapshot() == before, "rows were written", sourceLocation: sourceLocation)
        #expect(try h.count("import_log") == logsBefore, sourceLocation: sourceLocation)
    }

    func withCandidates() throws -> ImportHarness {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        return h
    }

    @Test func badDateNamesLineAndField() throws {
        let h = try withCandidates()
        try expectRejected(h, ImportHarness.fixture("bad-date.csv"), location: "line 3", field: "scheduled_at",
                           message: "'2026-13-45' is not an ISO 8601")
    }

    @Test func unknownColumnIsATypo() throws {
        try expectRejected(try ImportHarness(), ImportHarness.fixture("unknown-column.csv"), location: "line 1",
                           field: "emial", message: "unknown column for candidates")
    }

    @Test func missingRequiredColumn() throws {
        try expectRejected(try withCandidates(), ImportHarness.fixture("missing-column.csv"), location: "line 1",
                           field: "result", message: "required column is missing")
    }

    @Test func badCountryRejectsTheWholeFile() throws {
        try expectRejected(try ImportHarness(), ImportHarness.fixture("bad-country.csv"), location: "line 3",
                           field: "declared_country", message: "'Atlantis' is not an ISO 3166")
    }

    @Test func negativeRate() throws {
        try expectRejected(try ImportHarness(), ImportHarness.fixture("negative-rate.csv"), location: "line 3",
                           field: "rate_hourly", message: "negative")
    }

    @Test func wrongFieldCount() throws {
        try expectRejected(try ImportHarness(), ImportHarness.fixture("field-count.csv"), location: "line 3", field: nil,
                           message: "4 fields, but the header has 5")
    }

    @Test func badIP() throws {
        try expectRejected(try ImportHarness(), ImportHarness.fixture("bad-ip.csv"), location: "line 3", field: "ip",
                           message: "not an IP address")
    }

    @Test func paymentForUnknownCandidate() throws {
        try expectRejected(try withCandidates(), ImportHarness.fixture("unknown-candidate-payment.csv"), location: "line 3",
                           field: "contractor_id", message: "unknown candidate 'C-4040'")
    }

    @Test func oktaCountryNameNotKnown() throws {
        try expectRejected(try ImportHarness(), ImportHarness.fixture("okta-bad-country.json"), location: "record 2",
                           field: "client.geographicalContext.country", message: "'Atlantis'")
    }

    @Test func entraRecordWithoutIP() throws {
        try expectRejected(try ImportHarness(), ImportHarness.fixture("entra-missing-ip.ndjson"), location: "line 2",
                           field: "ipAddress", message: "missing")
    }

    @Test func invalidUTF8NamesTheLine() throws {
        let h = try ImportHarness()
        var data = Data("candidate_id,full_name,city\nC-1,Ok Person,Berlin\nC-2,Bad ".utf8)
        data += Data([0xC3, 0x28, 0xFF])
        data += Data(",Paris\n".utf8)
        try expectRejected(h, try h.write("utf8.csv", data), location: "line 3", field: "full_name", message: "invalid UTF-8")
    }

    @Test func invalidUTF8InNDJSON() throws {
        let h = try ImportHarness()
        var data = Data(#"{"candidate_id":"C-1","full_name":"A"}"#.utf8) + Data([0x0A])
        data += Data(#"{"candidate_id":"C-2","full_name":"B"#.utf8) + Data([0xFE]) + Data(#""}"#.utf8) + Data([0x0A])
        try expectRejected(h, try h.write("utf8.ndjson", data), location: "line 2", field: nil, message: "invalid UTF-8")
    }

    @Test func hugeFieldIsCapped() throws {
        let h = try ImportHarness()
        let huge = String(repeating: "A", count: 70 * 1024)
        let path = try h.write("huge.csv", "candidate_id,full_name,address\nC-1,Ok,short\nC-2,Big,\(huge)\n")
        try expectRejected(h, path, location: "line 3", field: "address", message: "longer than 64 KiB")
    }

    @Test func unclosedQuoteIsCaughtByTheCap() throws {
        let h = try ImportHarness()
        let tail = String(repeating: "x,y\n", count: 20_000)
        let path = try h.write("unclosed.csv", "candidate_id,full_name\nC-1,\"Never closed\n" + tail)
        try expectRejected(h, path, location: "line 2", field: "full_name", message: "longer than 64 KiB")
    }

    @Test func overlongNDJSONLine() throws {
        let h = try ImportHarness()
        let first = #"{"list_name":"l","kind":"email","value":"a@example.com"}"#
        let long = #"{"list_name":"l","kind":"email","value":""# + String(repeating: "b", count: 5 << 20) + #""}"#
        try expectRejected(h, try h.write("long.ndjson", first + "\n" + long + "\n"), location: "line 2", field: nil,
                           message: "longer than 4 MiB")
    }

    @Test func identityProviderKindOnACSV() throws {
        try expectRejected(try ImportHarness(), ImportHarness.fixture("logins.csv"), kind: .okta, location: "line 1",
                           field: nil, message: "the header is not that of a okta sign-in export")
    }

    @Test func emptyFileAndUndetectableHeader() throws {
        let h = try ImportHarness()
        try expectRejected(h, try h.write("empty.csv", ""), location: "line 1", field: nil, message: "empty file")
        try expectRejected(h, try h.write("what.csv", "foo,bar\n1,2\n"), location: "line 1", field: nil,
                           message: "cannot tell the kind")
    }

    @Test func brokenJSONDocument() throws {
        let h = try ImportHarness()
        try expectRejected(h, try h.write("broken.json", "[{\"uuid\": \"a\", "), location: "line 1:16", field: nil,
                           message: "the file ends inside record 1, which starts at line 1:2 (truncated?)")
    }

    @Test func nestedValueWhereTextIsExpected() throws {
        let h = try ImportHarness()
        let path = try h.write("nested.ndjson", #"{"candidate_id":"C-1","full_name":{"first":"A"}}"# + "\n")
        try expectRejected(h, path, location: "line 1", field: "full_name", message: "found an object")
    }

    @Test func sqlMetacharactersAndControlCharactersAreStoredAsGiven() throws {
        let h = try ImportHarness()
        let report = try h.load("hostile-text.csv")
        #expect(report.records == 2)
        #expect(try h.count("candidate") == 2) // the table is still there
        #expect(try h.value("SELECT full_name FROM candidate WHERE id = 'C-6001'") == "Robert'); DROP TABLE candidate;--")
        #expect(try h.value("SELECT city FROM candidate WHERE id = 'C-6001'") == "x' OR '1'='1")
        #expect(try h.value("SELECT address FROM candidate WHERE id = 'C-6001'")
                == "line one\nline two with \"quotes\", commas and a tab\there")
        let mallory: String? = try h.value("SELECT full_name FROM candidate WHERE id = 'C-6002'")
        #expect(mallory == "Mallory \u{1B}[31mRED\u{1B}[0m \u{202E}gnp.exe\u{07}")
        #expect(Sanitize.forDisplay(mallory ?? "") == "Mallory RED gnp.exe\u{FFFD}")
        #expect(try h.value("SELECT city FROM candidate WHERE id = 'C-6002'") == "Zürich")
    }

    @Test func failedFileDoesNotStopTheNextOne() throws {
        let h = try ImportHarness()
        #expect(throws: VetdeskError.self) { try h.load("bad-country.csv") }
        #expect(try h.load("candidates.csv").inserted == 3)
    }
}
