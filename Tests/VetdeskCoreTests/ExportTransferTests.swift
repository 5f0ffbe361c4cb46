import Foundation
import Testing
@testable import VetdeskCore

/// Exports carry the after-hire transfer evidence (issue 10); intel formats only for escalated cases.
@Suite struct ExportTransferTests {
    func fixture(escalate: Bool) throws -> (CaseFixture, Exporter) {
        let f = try CaseFixture()
        if escalate {
            let s = CaseService(store: f.store, clock: { CaseFixture.t0 + 3600 })
            try s.apply(.escalate(reason: "dprk_it_worker"), to: "C-1", analyst: "alice", note: "Cloned everything from a VPS",
                        expectedVersion: nil)
        }
        try f.store.pool.write { db in
            try db.execute(sql: "INSERT INTO ip_info(ip, country, asn, as_name, provider_kind, looked_up_at) VALUES ('5.101.96.180', 'NL', 14061, 'DIGITALOCEAN-ASN', 'hosting', 0)")
        }
        try TransferEventWriter.insertAll(f.store, (0..<4).map { k in
            TransferEventRecord(source: .github, candidateId: "C-1", actor: "ringdev1", occurredAt: CaseFixture.t0 + Int64(k) * 60,
                                ip: "5.101.96.180", action: .clone, vendorAction: "git.clone", object: "acme/repo-\(k)|x",
                                objectKind: "repository")
        } + [TransferEventRecord(source: .git, candidateId: "C-1", actor: "c1@example.com", occurredAt: CaseFixture.t0,
                                 utcOffsetMinutes: 540, action: .commit, vendorAction: "commit", object: "acme/app", objectKind: "commit")])
        return (f, Exporter(store: f.store, organisation: "Example Corp", clock: { CaseFixture.t0 + 7200 }))
    }

    @Test func markdownAndJSONCarryTheTransfers() throws {
        let (f, e) = try fixture(escalate: false)
        defer { f.remove() }
        let cases = try e.load(.cases(["C-1"]))
        let md = try e.render(.markdown, cases)
        for expected in ["## After-hire activity", "4 clone(s) or download(s) on 1 day(s)", "**Busiest day:** 2026-03-02, 4 event(s) on 4 object(s)",
                         "| acme/repo-0\\|x | repository | 1 |", "| 5.101.96.180 | NL | AS14061 DIGITALOCEAN-ASN | hosting | 4 | **no** |",
                         "**Commit UTC offsets:** UTC+09:00 1"] {
            #expect(md.contains(expected), "missing \(expected)")
        }
        let json = try e.render(.json, cases)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let first = try #require((doc["cases"] as? [[String: Any]])?.first)
        let transfers = try #require(first["transfers"] as? [String: Any])
        let ip = try #require((transfers["ips"] as? [[String: Any]])?.first)
        #expect(ip["ip"] as? String == "5.101.96.180" && ip["seen_in_sign_ins"] as? Bool == false)
        #expect((transfers["commit_offsets"] as? [[String: Any]])?.first?["offset_minutes"] as? Int == 540)
        #expect((transfers["days"] as? [Any])?.count == 1)
        // Not escalated: the intel formats leave the transfer IP out.
        #expect(!(try e.render(.stix, cases)).contains("5.101.96.180"))
        #expect(!(try e.render(.misp, cases)).contains("5.101.96.180"))
    }

    @Test func escalatedCaseSharesTheTransferIPs() throws {
        let (f, e) = try fixture(escalate: true)
        defer { f.remove() }
        let cases = try e.load(.cases(["C-1"]))
        let stix = try e.render(.stix, cases)
        #expect(stix.contains("[ipv4-addr:value = '5.101.96.180']"))
        #expect(stix.contains("After-hire activity: 4 clones or downloads on 1 days"))
        let misp = try e.render(.misp, cases)
        #expect(misp.contains("Clone/download IP of candidate C-1, 4 transfers (hosting, NL), never in sign-ins"))
    }
}
