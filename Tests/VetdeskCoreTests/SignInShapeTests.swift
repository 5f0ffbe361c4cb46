import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// One stored sign-in, the fields the maintainers' bar names: user, UTC time, IP, outcome, plus
/// device, session, country and the provider's risk verdict.
struct StoredSignIn: Equatable, CustomStringConvertible {
    var account: String
    var at: Int64
    var ip: String
    var outcome: String
    var device: String?
    var session: String?
    var country: String?
    var risk: String?
    var description: String { "\(account) \(at) \(ip) \(outcome) dev=\(device ?? "-") ses=\(session ?? "-") cc=\(country ?? "-") risk=\(risk ?? "-")" }
}

extension ImportHarness {
    @discardableResult
    func loadSignIns(_ path: String, kind: ImportKind? = nil) throws -> ImportReport {
        try importer.importFile(path: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(path)").path, kind: kind)
    }

    func signIn(_ sourceId: String) throws -> StoredSignIn? {
        try store.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT account, occurred_at, ip, outcome, device_id, session_id, reported_country, idp_risk_level, idp_risk
                FROM login_event WHERE source_id = ?
                """, arguments: [sourceId]).map { r in
                StoredSignIn(account: r[0], at: r[1], ip: r[2], outcome: r[3], device: r[4], session: r[5], country: r[6],
                             risk: (r[7] as String?).map { "\($0): \(r[8] as String? ?? "")" })
            }
        }
    }
}

@Suite("Sign-in shapes: Entra ID")
struct EntraShapeTests {
    @Test func graphV1PageKeepsEveryField() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("entra/graph-signins-v1.json")
        #expect(report.kind == .entra && report.inserted == 2 && report.records == 2)
        #expect(try h.signIn("66ea54eb-6301-4ee5-be62-ff5a759b0100") == StoredSignIn(
            account: "testaccount1@contoso.com", at: 1_584_126_941, ip: "131.107.159.37", outcome: "success", device: nil,
            session: "d79f5bee-5860-4832-928f-3133e22ae912", country: "US", risk: nil))
        // Offset time to UTC, IPv6 to its canonical text, sessionId before correlationId, ID Protection's verdict.
        #expect(try h.signIn("8a4de8b5-095c-47d0-a96f-a75130c61d54") == StoredSignIn(
            account: "testaccount1@contoso.com", at: 1_584_151_327, ip: "2a02:598:2::1003", outcome: "failure",
            device: "4f1f0a2b-2f8e-4c57-9c1c-0d5c2f9b6e11", session: "a5a6e6f2-4c1f-4d8e-9b5a-1f2e3d4c5b6a", country: "CZ",
            risk: "high: Entra riskLevelDuringSignIn=high; riskEventTypes_v2=[anonymizedIPAddress,unfamiliarFeatures]; riskState=atRisk"))
    }

    @Test func graphBetaSkipsServicePrincipalsAndMapsIPv4MappedAddresses() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("entra/graph-signins-beta.json")
        #expect(report.inserted == 1 && report.skippedByReason == ["service_principal": 1])
        #expect(try h.signIn("b01b1a3e-5f6d-4a1c-9e7e-2c4b8e0d9f12") == StoredSignIn(
            account: "MeganB@contoso.com", at: 1_695_130_957, ip: "81.2.69.144", outcome: "success", device: nil,
            session: "3b7c2d40-9f0e-4c8d-8b6a-5e4f3d2c1b0a", country: "GB", risk: nil))
    }

    @Test func diagnosticSettingsRecordsAndLinesAreTheSameSignIns() throws {
        for file in ["entra/diagnostic-settings-records.json", "entra/diagnostic-settings.jsonl",
                     "entra/event-hub-records-per-line.jsonl"] {
            let h = try ImportHarness()
            let report = try h.loadSignIns(file)
            #expect(report.kind == .entra, "\(file)")
            #expect(report.inserted == 2 && report.skippedByReason == ["service_principal": 1, "managed_identity": 1], "\(file)")
            #expect(try h.signIn("8a4de8b5-095c-47d0-a96f-a75130c61d53") == StoredSignIn(
                account: "test@elastic.co", at: 1_571_391_948, ip: "81.2.69.144", outcome: "failure", device: nil,
                session: "8a4de8b5-095c-47d0-a96f-a75130c61d53", country: "FR", risk: nil), "\(file)")
            #expect(try h.signIn("22222222-fb7b-4f83-bf74-3876f9ef3900") == StoredSignIn(
                account: "hello.world@company.de", at: 1_627_644_059, ip: "11.22.33.44", outcome: "success",
                device: "22222222-1e7a-44dc-8bc9-5736d8e2b063", session: "22222222-18ab-4afa-aa79-21af67c8b108",
                country: "DE", risk: nil), "\(file)")
        }
    }

    /// A user sign-in without a UPN keeps what the user typed, else the user id: never dropped.
    @Test func signInWithoutUPN() throws {
        let h = try ImportHarness()
        let page = #"{"value":[{"id":"x1","createdDateTime":"2024-01-01T00:00:00Z","userPrincipalName":null,"#
            + #""userId":"48d31887-5fad-4d73-a9f5-3c356e68a038","ipAddress":"81.2.69.142","status":{"errorCode":0}},"#
            + #"{"id":"x2","createdDateTime":"2024-01-01T00:00:01Z","userPrincipalName":"","signInIdentifier":"meganb@contoso.com","#
            + #""ipAddress":"81.2.69.142","status":{"errorCode":0}}]}"#
        let report = try h.importer.importFile(path: try h.write("noupn.json", page), kind: .entra)
        #expect(report.inserted == 2)
        #expect(try h.signIn("x1")?.account == "48d31887-5fad-4d73-a9f5-3c356e68a038")
        #expect(try h.signIn("x2")?.account == "meganb@contoso.com")
    }

    @Test func adfsRecordsAndPlaceholderCountries() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("entra/diagnostic-adfs-and-placeholders.jsonl")
        #expect(report.inserted == 2 && report.skippedByReason == ["service_principal": 1])
        #expect(try h.signIn("58f8ce73-9fc8-4f02-8ea8-1908964f842e") == StoredSignIn(
            account: "april.oniel@turtles.com", at: 1_765_551_391, ip: "10.205.19.37", outcome: "success", device: nil,
            session: "59928765-deec-4dca-fe00-008002040075", country: nil, risk: nil))
        #expect(try h.signIn("77777777-7777-7777-7777-777777777777")?.country == nil)
    }

    @Test func logAnalyticsExportReadsJSONCellsAndUSTimes() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("entra/log-analytics-SigninLogs.csv")
        #expect(report.kind == .entra && report.inserted == 2)
        #expect(try h.signIn("56b9bd55-36cc-4180-b997-270fa6e61a00") == StoredSignIn(
            account: "MeganB@contoso.com", at: 1_695_130_957, ip: "131.107.160.11", outcome: "success",
            device: "5f0a4c1e-7d2b-4a8e-9c3f-2b1a0e9d8c7b", session: "e9202c39-aad0-4ae4-8ee5-6a3459a7e034", country: "US", risk: nil))
        #expect(try h.signIn("b069bb58-4f48-4f41-9380-e26c3d6cb600") == StoredSignIn(
            account: "MeganB@contoso.com", at: 1_695_122_462, ip: "113.161.64.10", outcome: "failure", device: nil,
            session: "3033e807-77c5-4e7b-bfad-323d7db37235", country: "VN",
            risk: "high: Entra riskLevelDuringSignIn=high; riskEventTypes_v2=[unfamiliarFeatures,unlikelyTravel]; riskState=atRisk"))
        let nonInteractive = try h.loadSignIns("entra/log-analytics-AADNonInteractiveUserSignInLogs.csv")
        #expect(nonInteractive.inserted == 1)
        #expect(try h.signIn("0d3c2b1a-9e8f-4a7b-8c6d-5e4f3a2b1c0d")?.at == 1_695_131_398)
    }

    @Test func adminCenterDownloadCSV() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("entra/InteractiveSignIns_2024-02-01_2024-02-08.csv")
        #expect(report.kind == .entra && report.inserted == 2)
        #expect(try h.signIn("1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b") == StoredSignIn(
            account: "MeganB@contoso.com", at: 1_707_293_643, ip: "81.2.69.142", outcome: "success",
            device: "4f1f0a2b-2f8e-4c57-9c1c-0d5c2f9b6e11", session: "c0ffee00-1111-4222-8333-944455556666", country: "GB", risk: nil))
        #expect(try h.signIn("2a3b4c5d-6e7f-4081-92a3-b4c5d6e7f809") == StoredSignIn(
            account: "MeganB@contoso.com", at: 1_707_296_504, ip: "185.220.101.7", outcome: "failure", device: nil,
            session: "7e6d5c4b-3a29-4180-8f7e-6d5c4b3a2918", country: "DE", risk: nil))
        let nonInteractive = try h.loadSignIns("entra/NonInteractiveSignIns_2024-02-01_2024-02-08.csv")
        #expect(nonInteractive.kind == .entra && nonInteractive.inserted == 1)
        #expect(try h.signIn("3b4c5d6e-7f80-4192-a3b4-c5d6e7f8091a") == StoredSignIn(
            account: "MeganB@contoso.com", at: 1_707_298_212, ip: "81.2.69.142", outcome: "success",
            device: "4f1f0a2b-2f8e-4c57-9c1c-0d5c2f9b6e11", session: "c0ffee00-1111-4222-8333-944455556666", country: "GB", risk: nil))
    }
}

@Suite("Sign-in shapes: Okta")
struct OktaShapeTests {
    static let janeFailure = StoredSignIn(account: "jane.doe@example.com", at: 1_698_999_190, ip: "45.84.1.7", outcome: "failure",
                                          device: nil, session: "102XyZsessionJane", country: "NL", risk: nil)
    static let idpSignIn = StoredSignIn(account: "jane.doe@example.com", at: 1_698_999_164, ip: "2001:db8::7", outcome: "success",
                                        device: nil, session: nil, country: "DE", risk: nil)
    static let riskyRisk = "high: Okta securityContext.isProxy=true; Okta debugData.threatSuspected=true; "
        + "Okta debugData.risk={reasons=Anomalous Location, level=HIGH}; Okta behaviors POSITIVE: New Geo-Location, New IP"

    @Test func eventHookDeliveryHoldsSeveralEvents() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("okta/event-hook-delivery.json")
        #expect(report.kind == .okta && report.records == 5 && report.inserted == 3)
        #expect(report.skippedByReason == ["logout": 1, "not_a_sign_in": 1])
        #expect(try h.signIn("3aeede38-4f67-11ea-abd3-1f5d113f2546") == StoredSignIn(
            account: "xxxxxx@elastic.co", at: 1_581_711_537, ip: "175.16.199.1", outcome: "success", device: "guo4a5u7JHHhjXpTi0g4",
            session: "102bZDNFfWaQSyEZQuDgWt-uQ", country: "US", risk: Self.riskyRisk))
        // auth_via_IDP by "Okta System" is the target user's sign-in; session "unknown" is none.
        #expect(try h.signIn("5b1ac2e0-7a9e-11ee-8c99-0242ac120002") == Self.idpSignIn)
        #expect(try h.signIn("6c2bd3f1-7a9e-11ee-8c99-0242ac120002") == Self.janeFailure)
        #expect(try h.count("login_event", "account = 'system@okta.com'") == 0)
    }

    @Test func deliveriesLoggedOnePerLine() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("okta/event-hook-deliveries.ndjson")
        #expect(report.kind == .okta && report.inserted == 3)
        #expect(try h.signIn("6c2bd3f1-7a9e-11ee-8c99-0242ac120002") == Self.janeFailure)
    }

    /// Okta Log Streaming to AWS EventBridge wraps each LogEvent in `detail`
    /// (help.okta.com "Log Streaming", AWS EventBridge event structure).
    @Test func eventBridgeLogStream() throws {
        let h = try ImportHarness()
        let hook = try JSONSerialization.jsonObject(with: Data(contentsOf: Bundle.module.resourceURL!
            .appendingPathComponent("Fixtures/okta/event-hook-delivery.json"))) as! [String: Any]
        let events = (hook["data"] as! [String: Any])["events"] as! [Any]
        let lines = try events.map { event -> String in
            let wrapped: [String: Any] = ["version": "0", "id": UUID().uuidString, "detail-type": "SystemLog",
                                          "source": "aws.partner/okta.com/example/okta-logs", "account": "123456789012",
                                          "time": "2023-11-03T08:14:05Z", "region": "us-east-1", "resources": [], "detail": event]
            return String(decoding: try JSONSerialization.data(withJSONObject: wrapped), as: UTF8.self)
        }
        let report = try h.importer.importFile(path: try h.write("eventbridge.ndjson", lines.joined(separator: "\n")), kind: nil)
        #expect(report.kind == .okta && report.records == 5 && report.inserted == 3)
        #expect(try h.signIn("6c2bd3f1-7a9e-11ee-8c99-0242ac120002") == Self.janeFailure)
    }

    @Test func siemFlattenedAndLowerCasedKeys() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("okta/siem-flattened.ndjson")
        #expect(report.kind == .okta && report.inserted == 3)
        #expect(try h.signIn("3aeede38-4f67-11ea-abd3-1f5d113f2546")?.risk == Self.riskyRisk)
        #expect(try h.signIn("6c2bd3f1-7a9e-11ee-8c99-0242ac120002") == Self.janeFailure)
        #expect(try h.signIn("5b1ac2e0-7a9e-11ee-8c99-0242ac120002") == Self.idpSignIn)
    }

    @Test func downloadWithJSONCells() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("okta/system-log-download-json-cells.csv")
        #expect(report.kind == .okta && report.records == 5 && report.inserted == 3)
        #expect(try h.signIn("6c2bd3f1-7a9e-11ee-8c99-0242ac120002") == Self.janeFailure)
        #expect(try h.signIn("5b1ac2e0-7a9e-11ee-8c99-0242ac120002") == Self.idpSignIn)
        #expect(try h.signIn("3aeede38-4f67-11ea-abd3-1f5d113f2546")?.risk == Self.riskyRisk)
        #expect(try h.signIn("3aeede38-4f67-11ea-abd3-1f5d113f2546")?.device == "guo4a5u7JHHhjXpTi0g4")
    }

    @Test func sentinelOktaTableExport() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("okta/sentinel-Okta_CL-export.csv")
        #expect(report.kind == .okta && report.records == 4 && report.inserted == 3 && report.skippedByReason == ["logout": 1])
        #expect(try h.signIn("6c2bd3f1-7a9e-11ee-8c99-0242ac120002") == Self.janeFailure)
        #expect(try h.signIn("5b1ac2e0-7a9e-11ee-8c99-0242ac120002") == Self.idpSignIn)
        #expect(try h.signIn("3aeede38-4f67-11ea-abd3-1f5d113f2546") == StoredSignIn(
            account: "xxxxxx@elastic.co", at: 1_581_711_537, ip: "175.16.199.1", outcome: "success", device: nil,
            session: "102bZDNFfWaQSyEZQuDgWt-uQ", country: "US",
            risk: "high: Okta securityContext.isProxy=true; Okta debugData.threatSuspected=true; "
                + "Okta risk level=HIGH (Anomalous Device); Okta behaviors POSITIVE: New Geo-Location"))
    }

    @Test func adminConsoleDownloadCSV() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("okta/system-log-download.csv")
        #expect(report.kind == .okta && report.records == 5 && report.inserted == 3)
        #expect(try h.signIn("6c2bd3f1-7a9e-11ee-8c99-0242ac120002") == Self.janeFailure)
        #expect(try h.signIn("5b1ac2e0-7a9e-11ee-8c99-0242ac120002") == Self.idpSignIn)
        #expect(try h.signIn("3aeede38-4f67-11ea-abd3-1f5d113f2546")?.risk
            == "high: Okta securityContext.isProxy=true; Okta debugData.threatSuspected=true")
    }
}

@Suite("Sign-in shapes: Google Workspace")
struct GoogleShapeTests {
    @Test func cloudLoggingLoginAudit() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("google/cloud-logging-login.json")
        #expect(report.kind == .google && report.inserted == 2 && report.skippedByReason == ["logout": 1])
        #expect(try h.signIn("2021-08-12T22:41:10Z|556196293031|login_success") == StoredSignIn(
            account: "admin@gsecurity.net", at: 1_628_808_070, ip: "2600::111", outcome: "success", device: nil, session: nil,
            country: nil, risk: nil))
        #expect(try h.signIn("2021-08-12T23:13:19Z|-8375579481294953117|login_failure") == StoredSignIn(
            account: "test-user@example.net", at: 1_628_809_999, ip: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", outcome: "failure",
            device: nil, session: nil, country: nil, risk: "medium: Google is_suspicious=true"))
    }

    /// uniqueQualifier is unique only among events of the same time: two events sharing it are two
    /// sign-ins (keyed on it alone, the second was merged into the first).
    @Test func eventsAsOneObjectAndIdentityIsTimeQualifierAndName() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("google/reports-events-object.ndjson")
        #expect(report.kind == .google && report.records == 6 && report.inserted == 3)
        #expect(report.skippedByReason == ["logout": 1, "not_a_sign_in": 2])
        #expect(try h.signIn("2020-10-02T15:00:00Z|1|login_success")?.outcome == "success")
        #expect(try h.signIn("2020-10-02T15:00:01Z|1|login_success") == StoredSignIn(
            account: "foo@bar.com", at: 1_601_650_801, ip: "67.43.156.13", outcome: "success", device: nil, session: nil,
            country: nil, risk: "medium: Google is_suspicious=true"))
        #expect(try h.signIn("2020-10-02T15:00:00Z|1|login_failure")?.outcome == "failure")
    }

    /// A SIEM that dropped id.uniqueQualifier: the activity is still stored, keyed on what it has.
    @Test func activityWithoutQualifier() throws {
        let h = try ImportHarness()
        let line = #"{"id":{"time":"2024-03-05T18:40:00Z","applicationName":"login"},"actor":{"email":"a@example.com"},"#
            + #""ipAddress":"203.0.113.9","events":[{"name":"login_success"}]}"#
        let report = try h.importer.importFile(path: try h.write("noq.ndjson", line + "\n"), kind: nil)
        #expect(report.kind == .google && report.inserted == 1)
        #expect(try h.signIn("csv|2024-03-05T18:40:00Z|a@example.com|203.0.113.9|login_success")?.outcome == "success")
    }

    @Test func adminConsoleDownloadCSV() throws {
        let h = try ImportHarness()
        let report = try h.loadSignIns("google/admin-console-user-log-events.csv")
        #expect(report.kind == .google && report.inserted == 2 && report.skippedByReason == ["logout": 1, "not_a_sign_in": 1])
        let rows = try h.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT account, occurred_at, ip, outcome, idp_risk_level FROM login_event ORDER BY occurred_at")
        }
        #expect(rows.map { "\($0[0] as String) \($0[1] as Int64) \($0[2] as String) \($0[3] as String) \($0[4] as String? ?? "-")" } == [
            "alice@example.com 1709662272 203.0.113.9 success -",
            "alice@example.com 1709664000 175.45.176.3 failure medium",
        ])
    }
}

@Suite("Sign-in shapes: no silent loss")
struct SignInLossTests {
    static let files = [
        "entra/graph-signins-v1.json", "entra/graph-signins-beta.json", "entra/diagnostic-settings-records.json",
        "entra/diagnostic-settings.jsonl", "entra/event-hub-records-per-line.jsonl", "entra/log-analytics-SigninLogs.csv",
        "entra/log-analytics-AADNonInteractiveUserSignInLogs.csv", "entra/InteractiveSignIns_2024-02-01_2024-02-08.csv",
        "entra/NonInteractiveSignIns_2024-02-01_2024-02-08.csv",
        "okta/event-hook-delivery.json", "okta/event-hook-deliveries.ndjson", "okta/siem-flattened.ndjson",
        "okta/system-log-download.csv", "okta/sentinel-Okta_CL-export.csv", "okta/system-log-download-json-cells.csv", "entra/diagnostic-adfs-and-placeholders.jsonl",
        "google/cloud-logging-login.json", "google/reports-events-object.ndjson",
        "google/admin-console-user-log-events.csv",
    ]

    /// Every record a file holds is stored, a duplicate, or skipped with a reason: an import that
    /// reports success never holds fewer sign-ins than the file.
    @Test func everyRecordIsAccountedFor() throws {
        for file in Self.files {
            let h = try ImportHarness()
            let r = try h.loadSignIns(file)
            let skipped = r.skippedByReason.values.reduce(0, +)
            #expect(r.records == r.inserted + r.skippedDuplicates + skipped, "\(file): \(r)")
            #expect(try h.count("login_event") == r.inserted, "\(file)")
            #expect(r.inserted > 0, "\(file)")
        }
    }

    /// A sign-in that cannot be read rejects the file, naming file, record and field: never stored short.
    @Test func unreadableSignInRejectsTheFile() throws {
        let h = try ImportHarness()
        let text = try String(contentsOfFile: Bundle.module.resourceURL!
            .appendingPathComponent("Fixtures/entra/diagnostic-settings.jsonl").path, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "\"ipAddress\": \"11.22.33.44\"", with: "\"ipAddress\": \"11.22.33\"")
        let path = try h.write("broken.jsonl", broken)
        #expect {
            try h.importer.importFile(path: path, kind: nil)
        } throws: { error in
            guard case VetdeskError.malformed(_, let location, let field, _) = error else { return false }
            return location == "line 2" && field == "ipAddress"
        }
        #expect(try h.count("login_event") == 0)
    }
}

@Suite("Sign-in shapes: canonical IPs, countries and times")
struct SignInNormalisationTests {
    @Test func ipsAreStoredInOneSpelling() {
        #expect(CanonicalIP.text("81.2.69.142") == "81.2.69.142")
        #expect(CanonicalIP.text("2001:DB8:0:0:0:0:0:1") == "2001:db8::1")
        #expect(CanonicalIP.text("2a02:0598:0002:0000:0000:0000:0000:1003") == "2a02:598:2::1003")
        #expect(CanonicalIP.text("::ffff:81.2.69.142") == "81.2.69.142")     // IPv4-mapped: the IPv4 client
        #expect(CanonicalIP.text("::FFFF:5102:458e") == "81.2.69.142")
        #expect(CanonicalIP.text("[2001:db8::1]:443") == "2001:db8::1")
        #expect(CanonicalIP.text("81.2.69.142:51234") == "81.2.69.142")
        #expect(CanonicalIP.text("fe80::1%eth0") == "fe80::1")
        #expect(CanonicalIP.text("81.2.69") == nil)
        #expect(CanonicalIP.text("unknown") == nil)
    }

    @Test func countryNamesAsGeoIPDatabasesWriteThem() {
        let names = ["Congo Republic": "CG", "St Kitts and Nevis": "KN", "U.S. Virgin Islands": "VI",
                     "Korea, Democratic People's Republic of": "KP", "Republic of Korea": "KR", "Russia": "RU",
                     "Vietnam": "VN", "Hashemite Kingdom of Jordan": "JO", "Republic of Moldova": "MD", "Türkiye": "TR",
                     "St Vincent and Grenadines": "VC", "Democratic Republic of Congo": "CD", "Åland": "AX",
                     "Sint Maarten": "SX", "Vatican City": "VA", "Palestinian Territory": "PS", "Kosovo": "XK"]
        for (name, code) in names { #expect(Country.alpha2(name) == code, "\(name)") }
    }

    @Test func exportTimesAreUTC() {
        #expect(SignInTime.parse("9/19/2023, 1:45:17.287 PM") == 1_695_131_117)
        #expect(SignInTime.parse("9/19/2023 12:05:00 AM") == 1_695_081_900)
        #expect(SignInTime.parse("12/1/2023 23:59") == 1_701_475_140)
        #expect(SignInTime.parse("1628808070524169") == 1_628_808_070)
        #expect(SignInTime.parse("2019-10-18T04:45:48.0729893-05:00") == 1_571_391_948)
        // elastic/integrations azure signinlogs test-time-formats-corner-cases.log: all 2007-01-09 09:41:00Z.
        for t in ["01/09/2007 09:41:00", "1/9/2007 9:41:00 AM", "1/9/2007 10:41:00 AM +01:00", "2007-01-09T09:41:00",
                  "2007-01-09T09:41:00.535404056Z", "2007-01-09T11:41:00+02:00"] {
            #expect(SignInTime.parse(t) == 1_168_335_660, "\(t)")
        }
        #expect(SignInTime.parse("/Date(1695130957848)/") == 1_695_130_957)
        #expect(SignInTime.parse("13/19/2023, 1:45 PM") == nil)
        #expect(SignInTime.parse("9/19/2023, 13:45 PM") == nil)
    }
}
