import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A temporary store with a small DPRK IT-worker ring (C-1..C-3 share an IBAN and an Astrill VPN exit) and an
/// unrelated candidate C-9 whose data must never leak into the ring's exports. Rows are inserted directly,
/// as the importers and rules engine would write them.
struct CaseFixture {
    let dir: String
    let store: Store
    static let t0: Int64 = 1_772_435_640 // 2026-03-02T07:14:00Z, a Monday

    init(cases: Int = 3) throws {
        dir = NSTemporaryDirectory() + "vetdesk-cases-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try Store(path: dir + "/t.sqlite")
        try store.pool.write { db in
            for i in 1...max(cases, 3) { try Self.insertCandidate(db, id: "C-\(i)", name: "Ring Member \(i)") }
            try Self.insertRingData(db)
            try Self.insertCandidate(db, id: "C-9", name: "Unrelated Person")
            try db.execute(sql: "UPDATE candidate SET email = 'private9@example.org', phone = '+15550009999' WHERE id = 'C-9'")
            try db.execute(sql: """
                INSERT INTO payment_account(id, account_type, identifier, holder_name) VALUES (99, 'iban', 'DE89370400440532013000', 'Other Holder');
                INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES ('P-9', 'wise', \(Self.t0), 'C-9', 99, '10.00', 'EUR');
                INSERT INTO login_ip_use VALUES ('C-9', '198.51.100.99', \(Self.t0), \(Self.t0), 3);
                """)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }

    static func insertCandidate(_ db: Database, id: String, name: String) throws {
        // Plain SQL: Candidate's record encoding names payoutChanges90d "payout_changes90d" (no such column).
        try db.execute(sql: """
            INSERT INTO candidate(id, full_name, email, declared_country, role, platform, updated_at)
            VALUES (?, ?, ?, 'US', 'Senior Backend Engineer', 'upwork', ?)
            """, arguments: [id, name, id.lowercased() + "@mail.example", t0])
        try db.execute(sql: """
            INSERT INTO case_file(candidate_id, status, risk_score, risk_band, top_flags, opened_at, updated_at, version)
            VALUES (?, 'new', 85, 'critical', 'shared_payee,vpn_exit', ?, ?, 0)
            """, arguments: [id, t0, t0])
    }

    static func insertRingData(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO payment_account(id, account_type, identifier, holder_name, iban, iban_valid, bic, bank_name, bank_country)
              VALUES (1, 'iban', 'GB82WEST12345698765432', 'Li Wei', 'GB82WEST12345698765432', 1, 'WESTGB2L', 'West Bank', 'GB');
            INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency, method) VALUES
              ('P-1', 'wise', \(t0), 'C-1', 1, '4200.00', 'USD', 'bank'),
              ('P-2', 'wise', \(t0 + 86400), 'C-1', 1, '4200.50', 'USD', 'bank'),
              ('P-3', 'wise', \(t0), 'C-2', 1, '3900.00', 'USD', 'bank');
            INSERT INTO candidate_account(account, candidate_id) VALUES ('c-1@corp.example', 'C-1');
            INSERT INTO ip_info(ip, country, asn, as_name, anonymous_proxy, provider, provider_kind, provider_dprk_named, looked_up_at)
              VALUES ('45.84.1.7', 'NL', 9009, 'M247 Europe SRL', 0, 'Astrill VPN', 'vpn', 1, \(t0)),
                     ('203.0.113.7', 'US', 64500, 'Example Cable', 0, NULL, NULL, 0, \(t0));
            INSERT INTO login_ip_use VALUES ('C-1', '45.84.1.7', \(t0), \(t0 + 3600), 40),
                                            ('C-1', '203.0.113.7', \(t0), \(t0 + 7200), 2),
                                            ('C-2', '45.84.1.7', \(t0), \(t0 + 3600), 12);
            INSERT INTO login_day VALUES ('C-1', \(t0 / 86400), 'NL', 40), ('C-1', \(t0 / 86400), 'US', 2);
            INSERT INTO login_hour VALUES ('C-1', 0, 1, 30), ('C-1', 0, 2, 10), ('C-1', 4, 23, 2);
            INSERT INTO login_device VALUES ('C-1', 'dev-A', 0, \(t0), \(t0 + 10), 5);
            INSERT INTO identity_check(id, candidate_id, checked_at, provider, document_type, document_country, result, face_match, manipulation_flagged)
              VALUES ('IDC-1', 'C-1', \(t0), 'Veriff', 'passport', 'US', 'failed', 0, 1);
            INSERT INTO interview(id, candidate_id, scheduled_at, kind, outcome, camera, interviewer, notes)
              VALUES ('INT-1', 'C-1', \(t0), 'video', 'held', 'broken', 'Dana', 'Camera broken; answers read from a script');
            """)
        try Flag(candidateId: "C-1", ruleId: "shared_payee", severity: .decisive, weight: 40,
                 summary: "Paid into an IBAN shared with 1 other candidate",
                 evidence: [Evidence(kind: .paymentAccount, ref: "1", detail: "GB82WEST12345698765432 also pays C-2"),
                            Evidence(kind: .candidate, ref: "C-2", detail: "C-2 paid 3900.00 USD into the same IBAN")],
                 computedAt: t0).insert(db)
        try Flag(candidateId: "C-1", ruleId: "vpn_exit", severity: .high, weight: 25,
                 summary: "Logs in through Astrill VPN",
                 evidence: [Evidence(kind: .ip, ref: "45.84.1.7", detail: "2026-03-02 07:14Z 45.84.1.7 NL AS9009 M247 (Astrill VPN)")],
                 computedAt: t0).insert(db)
    }
}

@Suite struct CaseFixtureTests {
    @Test func fixtureHoldsTheRingAndAnOutsider() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let counts = try f.store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM case_file"), try Int.fetchOne(db, sql: "SELECT count(*) FROM flag"))
        }
        #expect(counts.0 == 4)
        #expect(counts.1 == 2)
    }
}
