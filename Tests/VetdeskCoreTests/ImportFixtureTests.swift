import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A temporary store with an importer, for the import tests.
struct ImportHarness {
    static let now: Int64 = 1_775_000_000
    let dir: String
    let store: Store
    let importer: Importer

    init() throws {
        dir = NSTemporaryDirectory() + "vetdesk-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try Store(path: dir + "/t.sqlite")
        let intel = IPIntelligence(databasePath: nil, providers: try ProviderList.bundled(), clock: { ImportHarness.now })
        importer = Importer(store: store, intel: intel, clock: { ImportHarness.now })
    }

    static func fixture(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/import/\(name)").path
    }

    /// Writes a file into the temp dir and returns its path.
    func write(_ name: String, _ data: Data) throws -> String {
        let path = dir + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

    @discardableResult
    func load(_ fixture: String, kind: ImportKind? = nil) throws -> ImportReport {
        try importer.importFile(path: Self.fixture(fixture), kind: kind)
    }

    func count(_ table: String, _ condition: String = "1") throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table) WHERE \(condition)")! }
    }

    func value<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try store.pool.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    static let dataTables = ["candidate", "candidate_account", "identity_check", "interview", "payment_account", "payment",
                             "login_event", "login_ip_use", "login_day", "login_hour", "login_session", "login_device",
                             "ip_info", "endpoint_observation", "watchlist_entry", "case_file", "dirty_candidate"]

    /// Every row of every data table (import_log aside), in a stable order: equal snapshots mean
    /// nothing changed.
    func snapshot(_ tables: [String] = dataTables) throws -> [String: [String]] {
        try store.pool.read { db in
            var out: [String: [String]] = [:]
            for t in tables {
                out[t] = try Row.fetchAll(db, sql: "SELECT * FROM \(t)").map { $0.description }.sorted()
            }
            return out
        }
    }

    func totalRows() throws -> Int {
        var n = 0
        for t in Self.dataTables { n += try count(t) }
        return n
    }
}

@Suite("Import: every kind from its fixture")
struct ImportFixtureTests {
    @Test func candidatesCSV() throws {
        let h = try ImportHarness()
        let report = try h.load("candidates.csv")
        #expect(report.kind == .candidates)
        #expect(report.records == 3 && report.inserted == 3 && report.skippedDuplicates == 0)
        let anna: Row? = try h.store.pool.read { try Row.fetchOne($0, sql: "SELECT * FROM candidate WHERE id = 'C-1001'") }
        #expect(anna?["declared_country"] == "DE")
        #expect(anna?["address"] == "Torstraße 12, 10119 Berlin")
        #expect(anna?["hired_at"] == Time.parse("2026-02-01T09:00:00Z"))
        #expect(anna?["updated_at"] == ImportHarness.now)
        #expect(try h.value("SELECT declared_country FROM candidate WHERE id = 'C-1002'") == "US")
        #expect(try h.value("SELECT declared_country FROM candidate WHERE id = 'C-1003'") == "SK")
        #expect(try h.value("SELECT full_name FROM candidate WHERE id = 'C-1003'") == "Lena Novak, PhD")
        #expect(try h.value("SELECT rate_hourly FROM candidate WHERE id = 'C-1002'") == 22.5)
        #expect(try h.value("SELECT byod_requested FROM candidate WHERE id = 'C-1002'") == true)
        #expect(try h.value("SELECT phone_type FROM candidate WHERE id = 'C-1002'") == "voip")
        #expect(try h.count("candidate_account", "candidate_id = 'C-1002'") == 3)
        #expect(try h.value("SELECT candidate_id FROM candidate_account WHERE account = 'MDANIELS'") == "C-1002")
        #expect(try h.count("case_file", "status = 'new' AND opened_at = \(ImportHarness.now)") == 3)
        #expect(try h.count("dirty_candidate") == 3)
        #expect(try h.count("import_log", "kind = 'candidates' AND records = 3 AND inserted = 3") == 1)
    }

    @Test func candidatesNDJSONAndAbsentColumnsKeepTheirValues() throws {
        let h = try ImportHarness()
        let report = try h.load("candidates.ndjson")
        #expect(report.kind == .candidates && report.records == 2)
        #expect(try h.value("SELECT declared_country FROM candidate WHERE id = 'C-2002'") == "SE")
        #expect(try h.value("SELECT applied_at FROM candidate WHERE id = 'C-2002'") == Time.parse("2026-02-01T09:00:00Z"))
        #expect(try h.value("SELECT phone_changes FROM candidate WHERE id = 'C-2002'") == 3)
        // A later file that only updates the name leaves the other columns alone.
        let update = try h.write("rename.csv", "candidate_id,full_name\nC-2002,Sara Lindqvist\n")
        #expect(try h.importer.importFile(path: update, kind: nil).inserted == 1)
        #expect(try h.value("SELECT full_name FROM candidate WHERE id = 'C-2002'") == "Sara Lindqvist")
        #expect(try h.value("SELECT phone_changes FROM candidate WHERE id = 'C-2002'") == 3)
    }

    @Test func identityChecksInterviewsEndpoint() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.store.pool.write { try $0.execute(sql: "DELETE FROM dirty_candidate") }
        #expect(try h.load("identity-checks.csv").records == 2)
        #expect(try h.value("SELECT document_country FROM identity_check WHERE id = 'IDV-1'") == "DE")
        #expect(try h.value("SELECT manipulation_flagged FROM identity_check WHERE id = 'IDV-2'") == true)
        #expect(try h.value("SELECT face_match FROM identity_check WHERE id = 'IDV-2'") == false)
        #expect(try h.load("interviews.csv").records == 3)
        #expect(try h.count("interview", "candidate_id = 'C-1002' AND camera IN ('broken', 'off')") == 2)
        #expect(try h.value("SELECT notes FROM interview WHERE id = 'INT-1'") == "Strong on Go; asked good questions")
        #expect(try h.load("endpoint.csv").kind == .endpoint)
        #expect(try h.count("endpoint_observation", "approved = 0 AND candidate_id = 'C-1002'") == 2)
        #expect(try h.value("SELECT vendor_id FROM endpoint_observation WHERE id = 'OBS-2'") == "1d6b")
        #expect(try h.store.pool.read { try String.fetchAll($0, sql: "SELECT candidate_id FROM dirty_candidate ORDER BY 1") }
                == ["C-1001", "C-1002"])
    }

    @Test func paymentsValidateIBANsWithoutRejectingThem() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let report = try h.load("payments.csv")
        #expect(report.records == 4 && report.inserted == 4)
        #expect(try h.value("SELECT iban_valid FROM payment_account WHERE identifier = 'DE89370400440532013000'") == true)
        // GB82WEST12345698765431: one digit off the valid example, stored with iban_valid = 0.
        #expect(try h.value("SELECT iban_valid FROM payment_account WHERE identifier = 'GB82WEST12345698765431'") == false)
        #expect(try h.value("SELECT holder_name FROM payment_account WHERE account_type = 'iban' AND bank_country = 'GB'")
                == "Li Wei Trading Ltd")
        #expect(try h.count("payment_account", "account_type = 'wallet' AND identifier = '0xabc0000000000000000000000000000000000def'") == 1)
        #expect(try h.count("payment_account", "account_type = 'platform' AND identifier = 'lena.novak@payoneer.example'") == 1)
        #expect(try h.value("SELECT amount FROM payment WHERE id = 'PAY-3'") == "950.50")
        #expect(try h.value("SELECT currency FROM payment WHERE id = 'PAY-3'") == "USDT")
    }

    @Test func watchlistNormalisesAndMarksEveryCandidate() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.store.pool.write { try $0.execute(sql: "DELETE FROM dirty_candidate") }
        #expect(try h.load("watchlist.csv").inserted == 5)
        #expect(try h.count("watchlist_entry", "kind = 'email' AND value = 'mark.daniels@example.net'") == 1)
        #expect(try h.count("watchlist_entry", "kind = 'wallet' AND value = '0xabc0000000000000000000000000000000000def'") == 1)
        #expect(try h.count("watchlist_entry", "kind = 'iban' AND value = 'GB82WEST12345698765431'") == 1)
        #expect(try h.count("watchlist_entry", "kind = 'handle' AND value = 'devmark99'") == 1)
        #expect(try h.count("dirty_candidate") == 3)
        // Nothing new: nobody is marked again.
        try h.store.pool.write { try $0.execute(sql: "DELETE FROM dirty_candidate") }
        #expect(try h.load("watchlist.csv").inserted == 0)
        #expect(try h.count("dirty_candidate") == 0)
    }

    @Test func loginsCSV() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let report = try h.load("logins.csv")
        #expect(report.kind == .logins && report.records == 6 && report.inserted == 6)
        #expect(try h.count("login_event", "candidate_id = 'C-1001'") == 2) // one account written in capitals
        #expect(try h.count("login_event", "candidate_id = 'C-1002'") == 3)
        #expect(try h.count("login_event", "candidate_id IS NULL AND account = 'ghost.user@example.com'") == 1)
        #expect(try h.value("SELECT reported_country FROM login_event WHERE source_id = 'ev-0002'") == "GB")
        #expect(try h.value("SELECT source FROM login_event WHERE source_id = 'ev-0002'") == "vpn-gw")
        #expect(try h.value("SELECT device_managed FROM login_event WHERE source_id = 'ev-0004'") == false)
        #expect(try h.value("SELECT country FROM ip_info WHERE ip = '175.45.176.10'") == "KP")
        #expect(try h.value("SELECT provider FROM ip_info WHERE ip = '2.56.16.10'") == "M247 (hosting)")
        #expect(try h.value("SELECT anonymous_proxy FROM ip_info WHERE ip = '185.220.101.1'") == true)
        #expect(try h.count("ip_info") == 4)
    }

    @Test func oktaArrayAndNDJSONAgree() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let report = try h.load("okta.json")
        #expect(report.kind == .okta && report.records == 4 && report.inserted == 2 && report.ignored == 2)
        #expect(try h.value("SELECT reported_country FROM login_event WHERE source_id = 'f2a9b0c4-1d2e-11f0-9a3b-0b6f5c2d7e81'") == "DE")
        #expect(try h.value("SELECT reported_country FROM login_event WHERE source_id = 'f2a9b0c5-1d2e-11f0-9a3b-0b6f5c2d7e81'") == "KP")
        #expect(try h.count("login_event", "source = 'okta' AND candidate_id = 'C-1002' AND outcome = 'failure'") == 1)
        #expect(try h.value("SELECT device_id FROM login_event WHERE source = 'okta' AND outcome = 'success'") == "guo4a5u7JHHhjXpTi0g4")
        #expect(try h.value("SELECT session_id FROM login_event WHERE source = 'okta' AND outcome = 'success'") == "102nZ2vx4xTRFSiCSNGHaNR0A")
        #expect(try h.value("SELECT occurred_at FROM login_event WHERE source = 'okta' AND outcome = 'success'")
                == Time.parse("2026-03-04T01:02:03Z"))
        let again = try h.load("okta.ndjson")
        #expect(again.kind == .okta && again.records == 4 && again.inserted == 0 && again.skippedDuplicates == 2)
    }

    @Test func entraPage() throws {
        let h = try ImportHarness()
        let report = try h.load("entra.json")
        #expect(report.kind == .entra && report.records == 2 && report.inserted == 2)
        #expect(try h.count("login_event", "source = 'entra' AND outcome = 'success' AND device_managed = 1 AND reported_country = 'GB'") == 1)
        #expect(try h.count("login_event", "source = 'entra' AND outcome = 'failure' AND device_id IS NULL AND ip = '2a01:4f8::1'") == 1)
        #expect(try h.value("SELECT user_agent FROM login_event WHERE source_id = 'b01b1a3e-5f6d-4a1c-9e7e-2c4b8e0d9f12'")
                == "Firefox 123.0; Linux")
        #expect(try h.value("SELECT provider FROM ip_info WHERE ip = '2a01:4f8::1'") == "Hetzner (hosting)")
    }

    @Test func googleReport() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let report = try h.load("google.json")
        #expect(report.kind == .google && report.records == 3 && report.inserted == 2 && report.ignored == 1)
        #expect(try h.count("login_event", "source = 'google' AND candidate_id = 'C-1003'") == 2)
        #expect(try h.count("login_event", "source_id = '2026-03-06T09:30:15Z|-4002925318849294510|login_success' AND outcome = 'success' AND reported_country = 'NL'") == 1)
    }

    @Test func explicitKindOverridesDetection() throws {
        let h = try ImportHarness()
        #expect(throws: VetdeskError.self) { try h.load("candidates.csv", kind: .interviews) }
        #expect(try h.totalRows() == 0)
    }
}
