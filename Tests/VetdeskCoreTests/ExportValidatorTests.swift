import Foundation
import Testing
@testable import VetdeskCore

/// Runs the real validators from the venv `make test` creates (stix2-validator, pymisp).
@Suite struct ExportValidatorTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let venv = ProcessInfo.processInfo.environment["VETDESK_VENV"] ?? repoRoot + "/.venv"
    static let venvPresent = FileManager.default.isExecutableFile(atPath: venv + "/bin/python")

    func ring() throws -> (CaseFixture, Exporter) {
        let f = try CaseFixture()
        let s = CaseService(store: f.store, clock: { CaseFixture.t0 + 3600 })
        let bulk = try s.applyBulk(.escalate(reason: "dprk_it_worker"), to: ["C-1", "C-2", "C-3"], analyst: "alice",
                        note: "Ring paid into one IBAN; logins through Astrill VPN")
        #expect(bulk.allSatisfy { $0.succeeded })
        try f.store.pool.write { db in
            try db.execute(sql: """
                UPDATE candidate SET phone = '+15550101234', github_username = 'ringdev1', address = '1 Main St' WHERE id = 'C-1';
                INSERT INTO payment_account(id, account_type, identifier, holder_name) VALUES (2, 'wallet', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'x');
                INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES ('P-4', 'crypto', \(CaseFixture.t0), 'C-1', 2, '0.1', 'BTC');
                INSERT INTO ip_info(ip, country, asn, as_name, looked_up_at) VALUES ('2001:db8::7', 'NL', 9009, 'M247 Europe SRL', 0);
                INSERT INTO login_ip_use VALUES ('C-1', '2001:db8::7', \(CaseFixture.t0), \(CaseFixture.t0 + 60), 1);
                """)
        }
        // After-hire transfers (issue 10): a night of clones from a VPS the account never signed in from.
        try f.store.pool.write { db in
            try db.execute(sql: "INSERT INTO ip_info(ip, country, asn, as_name, provider_kind, looked_up_at) VALUES ('5.101.96.180', 'NL', 14061, 'DIGITALOCEAN-ASN', 'hosting', 0)")
        }
        try TransferEventWriter.insertAll(f.store, (0..<3).map { k in
            TransferEventRecord(source: .github, candidateId: "C-1", actor: "ringdev1", occurredAt: CaseFixture.t0 + Int64(k) * 60,
                                ip: "5.101.96.180", action: .clone, vendorAction: "git.clone", object: "acme/repo-\(k)",
                                objectKind: "repository")
        })
        return (f, Exporter(store: f.store, organisation: "Example Corp", clock: { CaseFixture.t0 + 7200 }))
    }

    func python(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try CaseBinary.run(Self.venv + "/bin/python", args)
    }

    @Test(.enabled(if: venvPresent, "no venv at \(venv): run `make test` (creates it with stix2-validator and pymisp) or set VETDESK_VENV"))
    func stixBundlePassesTheOASISValidatorStrict() throws {
        let (f, e) = try ring()
        defer { f.remove() }
        let path = f.dir + "/ring.stix.json"
        try e.export(.cases(["C-1", "C-2", "C-3"]), format: .stix, to: path)
        let out = try CaseBinary.run(Self.venv + "/bin/stix2_validator", ["--strict", "--version", "2.1", path])
        print("stix2_validator --strict:\n" + out.stdout + out.stderr)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"ipv4-addr--3d5530d6-e44c-5a1e-b869-f382a9901c79\""))
        #expect(text.contains("\"intrusion-set\"") && text.contains("\"Famous Chollima\"") && text.contains("\"impersonates\""))
        #expect(text.contains(TLPLevel.amberStrict.stixMarkingId))
        // The escalated case's transfer VPS is an observable and an indicator value.
        #expect(text.contains("[ipv4-addr:value = '5.101.96.180']") && text.contains("After-hire activity: 3 clones or downloads"))
        // Deterministic: exporting again gives the same objects.
        #expect(try e.render(.stix, e.load(.cases(["C-1", "C-2", "C-3"]))) == text)
    }

    @Test(.enabled(if: venvPresent, "no venv at \(venv): run `make test` (creates it with stix2-validator and pymisp) or set VETDESK_VENV"))
    func mispEventLoadsInPyMISPWithValidTypeCategoryPairs() throws {
        let (f, e) = try ring()
        defer { f.remove() }
        let path = f.dir + "/ring.misp.json"
        try e.export(.cases(["C-1", "C-2", "C-3"]), format: .misp, to: path)
        let out = try python([Self.repoRoot + "/tools/validate/misp_check.py", path] + (["tlp:amber+strict"] + ThreatActor.dprkITWorkers.mispGalaxyTags).flatMap { ["--require-tag", $0] })
        print("misp_check.py:\n" + out.stdout + out.stderr)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for needle in ["\"type\": \"iban\"", "\"type\": \"btc\"", "\"type\": \"ip-src\"", "\"type\": \"github-username\"",
                       "\"name\": \"bank-account\"", "\"name\": \"person\"", "\"name\": \"user-account\"",
                       "Clone/download IP of candidate C-1, 3 transfers (hosting, NL), never in sign-ins"] {
            #expect(text.contains(needle), "missing \(needle)")
        }
    }

    @Test(.enabled(if: venvPresent, "no venv at \(venv): run `make test` or set VETDESK_VENV"))
    func mispCheckerRejectsAWrongCategory() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let bad = f.dir + "/bad.json"
        try #"{"Event":{"info":"x","date":"2026-03-02","threat_level_id":"4","analysis":"0","distribution":"0","Attribute":[{"type":"iban","category":"Person","value":"GB82WEST12345698765432"}]}}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let out = try python([Self.repoRoot + "/tools/validate/misp_check.py", bad])
        #expect(out.status == 1 && out.stdout.contains("not allowed in category 'Person'"))
    }
}
