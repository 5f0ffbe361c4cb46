import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The shipped mappings (mappings/*.yaml) on fixtures with the vendors' documented columns:
/// the values stored, field by field, and what happens on near misses.
@Suite("Import: shipped mappings on vendor-shaped exports")
struct MappingImportTests {
    /// The repository's mappings/ folder (the tests run from the source tree).
    static func shipped(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("mappings/\(name)").path
    }

    static func fixture(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/mappings/\(name)").path
    }

    @discardableResult
    static func load(_ h: ImportHarness, _ fixture: String, map: String) throws -> ImportReport {
        try h.importer.importFile(path: Self.fixture(fixture), kind: nil, mapping: try ImportMapping.load(path: shipped(map)))
    }

    static func row(_ h: ImportHarness, _ sql: String, _ args: StatementArguments = []) throws -> Row? {
        try h.store.pool.read { try Row.fetchOne($0, sql: sql, arguments: args) }
    }

    @Test func greenhouseHarvestCandidates() throws {
        let h = try ImportHarness()
        let report = try Self.load(h, "greenhouse-harvest-candidates.json", map: "greenhouse-harvest-candidates.yaml")
        #expect(report.kind == .candidates && report.records == 2 && report.inserted == 2)
        let jon = try #require(try Self.row(h, "SELECT * FROM candidate WHERE id = '53883394'"))
        #expect(jon["full_name"] == "Jon Park")
        #expect(jon["email"] == "jon.park@example.com")
        #expect(jon["phone"] == "+1 415 555 0142")
        #expect(jon["phone_type"] == "voip") // Greenhouse "skype"
        #expect(jon["address"] == "455 Market St, San Francisco, CA 94105")
        #expect(jon["role"] == "Senior Backend Engineer")
        #expect(jon["profile_url"] == "https://www.linkedin.com/in/jon-park-dev")
        #expect(jon["applied_at"] == Time.parse("2026-01-12T15:04:11Z"))
        // The primary email maps logins to the candidate.
        #expect(try h.count("candidate_account", "candidate_id = '53883394'") == 1)
        // Empty arrays leave the fields unknown rather than failing.
        let marta = try #require(try Self.row(h, "SELECT * FROM candidate WHERE id = '53883512'"))
        #expect(marta["full_name"] == "Marta Kowalska")
        #expect((marta["phone"] as String?) == nil)
        #expect((marta["phone_type"] as String?) == nil)
        #expect((marta["applied_at"] as Int64?) == nil)
    }

    @Test func gemCandidateInfo() throws {
        let h = try ImportHarness()
        let report = try Self.load(h, "gem-candidate_info.csv", map: "gem-candidates.yaml")
        #expect(report.records == 2 && report.inserted == 2)
        let jon = try #require(try Self.row(h, "SELECT * FROM candidate WHERE id = '9001'"))
        #expect(jon["full_name"] == "Jon Park") // " Jon " trimmed before the join
        #expect(jon["email"] == "jon.park@example.com")
        #expect(jon["city"] == "San Francisco")
        #expect(jon["role"] == "Senior Backend Engineer")
        #expect(jon["profile_url"] == "https://www.linkedin.com/in/jon-park-dev")
        #expect((jon["profile_location"] as String?) == nil) // left unmapped on purpose (see the mapping)
        #expect(try Self.row(h, "SELECT city FROM candidate WHERE id = '9002'")?["city"] == "Kraków")
    }

    @Test func wiseStatementPayments() throws {
        let h = try ImportHarness()
        try Self.load(h, "gem-candidate_info.csv", map: "gem-candidates.yaml") // ids 9001, 9002
        let report = try Self.load(h, "wise-statement.csv", map: "wise-statement.yaml")
        #expect(report.kind == .payments && report.records == 2 && report.inserted == 2)
        let p = try #require(try Self.row(h, """
            SELECT p.*, a.account_type, a.identifier FROM payment p JOIN payment_account a ON a.id = p.account_id
            WHERE p.id = 'TRANSFER-811223344'
            """))
        #expect(p["source"] == "wise")
        #expect(p["paid_at"] == Time.parse("2026-02-28"))
        #expect(p["candidate_id"] == "9001")
        #expect(p["payee_name"] == "Jon Park")
        #expect(p["amount"] == "-2400.00")
        #expect(p["currency"] == "EUR")
        #expect(p["method"] == "bank")
        #expect(p["account_type"] == "bank_account")
        #expect(p["identifier"] == "DE89370400440532013000")
        let second = try #require(try Self.row(h, "SELECT * FROM payment WHERE id = 'TRANSFER-811223399'"))
        #expect(second["paid_at"] == Time.parse("2026-03-03"))
        #expect(second["currency"] == "EUR")
        #expect(second["amount"] == "-1800.50")
    }

    @Test func intuneDiscoveredApps() throws {
        let h = try ImportHarness()
        _ = try h.importer.importFile(path: try h.write("c.csv", "candidate_id,full_name\njon.park@example.com,Jon Park\n"), kind: nil)
        let report = try Self.load(h, "intune-AppInvRawData.csv", map: "intune-discovered-apps.yaml")
        #expect(report.kind == .endpoint && report.records == 2 && report.inserted == 2)
        let o = try #require(try Self.row(h, "SELECT * FROM endpoint_observation WHERE name = 'AnyDesk'"))
        #expect(o["id"] == "6f1c2d4e-8a90-4b3c-9d1e-2f3a4b5c6d7e:0000f9a5b2c1e8d4")
        #expect(o["candidate_id"] == "jon.park@example.com")
        #expect(o["observed_at"] == Time.parse("2026-03-01"))
        #expect(o["device_id"] == "6f1c2d4e-8a90-4b3c-9d1e-2f3a4b5c6d7e")
        #expect(o["kind"] == "software")
    }

    @Test func reimportChangesNothing() throws {
        let h = try ImportHarness()
        try Self.load(h, "greenhouse-harvest-candidates.json", map: "greenhouse-harvest-candidates.yaml")
        let before = try h.snapshot()
        let again = try Self.load(h, "greenhouse-harvest-candidates.json", map: "greenhouse-harvest-candidates.yaml")
        #expect(again.inserted == 0 && again.skippedDuplicates == 2)
        #expect(try h.snapshot() == before)
    }

    // MARK: near misses

    /// A header the mapping names is not in the export: the error names the mapping file and the
    /// column, lists the export's columns, and nothing is written.
    @Test func missingColumnNamesMappingAndColumn() throws {
        let h = try ImportHarness()
        let csv = try h.write("wise.csv", "TransferWise ID,Date,Amount,Currency,Reference,Payee Name,Payee Account Number\n"
                              + "TRANSFER-1,28-02-2026,-1.00,EUR,9001,A,DE89370400440532013000\n")
        let mapping = try ImportMapping.load(path: Self.shipped("wise-statement.yaml"))
        let e = #expect(throws: VetdeskError.self) { try h.importer.importFile(path: csv, kind: nil, mapping: mapping) }
        guard case .malformed(let file, let location, let field, let message) = e else { Issue.record("\(String(describing: e))"); return }
        #expect(file.hasSuffix("wise-statement.yaml"))
        let lines = try String(contentsOfFile: Self.shipped("wise-statement.yaml"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(location == "line \(lines.firstIndex { $0.hasPrefix("  contractor_id:") }! + 1)")
        #expect(field == "Payment Reference")
        #expect(message.contains(csv) && message.contains("Reference"))
        #expect(try h.totalRows() == 0)
    }

    /// Headers that differ in case, spaces or dashes still match ("transferwise id" → "TransferWise ID").
    @Test func looseHeaderMatch() throws {
        let h = try ImportHarness()
        try Self.load(h, "gem-candidate_info.csv", map: "gem-candidates.yaml")
        let csv = try h.write("wise.csv", "transferwise_id,DATE,amount,currency,payment-reference,payee name,Payee Account Number\n"
                              + "TRANSFER-1,28-02-2026,-1.00,EUR,9001,A,DE89370400440532013000\n")
        let report = try h.importer.importFile(path: csv, kind: nil, mapping: try ImportMapping.load(path: Self.shipped("wise-statement.yaml")))
        #expect(report.inserted == 1)
    }

    /// A value that does not fit: file, line, and "source column → field" are named.
    @Test func badDateNamesSourceColumnAndField() throws {
        let h = try ImportHarness()
        try Self.load(h, "gem-candidate_info.csv", map: "gem-candidates.yaml")
        let csv = try h.write("wise.csv", "TransferWise ID,Date,Amount,Currency,Payment Reference,Payee Name,Payee Account Number\n"
                              + "TRANSFER-1,28-02-2026,-1.00,EUR,9001,A,DE89370400440532013000\n"
                              + "TRANSFER-2,2026-03-01,-1.00,EUR,9001,A,DE89370400440532013000\n")
        let before = try h.snapshot()
        let e = #expect(throws: VetdeskError.self) {
            try h.importer.importFile(path: csv, kind: nil, mapping: try ImportMapping.load(path: Self.shipped("wise-statement.yaml")))
        }
        #expect(e == .malformed(file: csv, location: "line 3", field: "Date → paid_at",
                                message: "'2026-03-01' does not match the date format 'dd-MM-yyyy'"))
        #expect(try h.snapshot() == before)
    }

    /// Errors the importer raises after the mapping also name the source column.
    @Test func importerErrorsNameSourceColumn() throws {
        let h = try ImportHarness()
        let e = #expect(throws: VetdeskError.self) { try Self.load(h, "wise-statement.csv", map: "wise-statement.yaml") }
        guard case .malformed(_, let location, let field, let message) = e else { Issue.record("\(String(describing: e))"); return }
        #expect(location == "line 2" && field == "Payment Reference → contractor_id" && message.contains("unknown candidate '9001'"))
    }

    @Test func unmappedValueIsAnError() throws {
        let h = try ImportHarness()
        let json = try h.write("gh.json", #"[{"id": 1, "first_name": "A", "last_name": "B", "phone_numbers": [{"value": "1", "type": "pager"}]}]"#)
        let e = #expect(throws: VetdeskError.self) {
            try h.importer.importFile(path: json, kind: nil, mapping: try ImportMapping.load(path: Self.shipped("greenhouse-harvest-candidates.yaml")))
        }
        guard case .malformed(_, let location, let field, let message) = e else { Issue.record("\(String(describing: e))"); return }
        #expect(location == "record 1" && field == "phone_numbers.0.type → phone_type" && message.contains("'pager'"))
    }

    /// A top-level key no JSON record has is a typo in the mapping, reported after the last record.
    @Test func jsonKeyNoRecordHas() throws {
        let h = try ImportHarness()
        let json = try h.write("gh.json", #"""
            [{"id": 1, "firstname": "A", "last_name": "B", "title": null, "phone_numbers": [], "addresses": [],
              "email_addresses": [], "social_media_addresses": [], "applications": []}]
            """#)
        let e = #expect(throws: VetdeskError.self) {
            try h.importer.importFile(path: json, kind: nil, mapping: try ImportMapping.load(path: Self.shipped("greenhouse-harvest-candidates.yaml")))
        }
        guard case .malformed(let file, _, let field, _) = e else { Issue.record("\(String(describing: e))"); return }
        #expect(file.hasSuffix("greenhouse-harvest-candidates.yaml") && field == "first_name")
        #expect(try h.totalRows() == 0)
    }

    @Test func kindContradictingTheMappingIsRefused() throws {
        let h = try ImportHarness()
        #expect(throws: VetdeskError.self) {
            try h.importer.importFile(path: Self.fixture("wise-statement.csv"), kind: .candidates,
                                      mapping: try ImportMapping.load(path: Self.shipped("wise-statement.yaml")))
        }
    }
}
