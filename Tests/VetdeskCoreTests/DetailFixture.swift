import Foundation
import GRDB
@testable import VetdeskCore

/// A small store populated by direct inserts (independent of the importer): candidate A with
/// every section filled, and candidates linked to A through each kind of link.
enum DetailFixture {
    static let t0: Int64 = 1_767_225_600 // 2026-01-01T00:00:00Z, a Thursday

    static func tempStore() throws -> Store {
        let dir = NSTemporaryDirectory() + "vetdesk-detail-\(UUID().uuidString)"
        return try Store(path: dir + "/store.sqlite")
    }

    static func candidate(_ id: String, _ name: String, _ configure: (inout Candidate) -> Void = { _ in }) -> Candidate {
        var c = Candidate(id: id, fullName: name, updatedAt: t0)
        configure(&c)
        return c
    }

    static func openCase(_ db: Database, _ id: String, risk: Int, status: CaseStatus = .new, flags: String = "") throws {
        try db.execute(sql: """
            INSERT INTO case_file(candidate_id, status, risk_score, risk_band, top_flags, opened_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, status.rawValue, risk, RiskBand.forScore(risk).rawValue, flags, t0, t0])
    }

    static func ipUse(_ db: Database, _ candidate: String, _ ip: String, events: Int = 1) throws {
        try db.execute(sql: "INSERT INTO login_ip_use(candidate_id, ip, first_at, last_at, events) VALUES (?, ?, ?, ?, ?)",
                       arguments: [candidate, ip, t0, t0 + 3600, events])
    }

    /// Builds the fixture; `crowd` candidates share one extra hosting IP with A (to test caps).
    static func populate(_ store: Store, crowd: Int = 0) throws {
        try store.pool.write { db in
            try candidate("A", "Jan Novak") {
                $0.email = "jan.novak@example.com"; $0.phone = "+420600100200"; $0.phoneType = "voip"
                $0.declaredCountry = "CZ"; $0.city = "Brno"; $0.address = "Hlavni 1, Brno"
                $0.shipToAddress = "12 Warehouse Rd, Newark"; $0.shipToCountry = "US"
                $0.platform = "upwork"; $0.role = "backend developer"; $0.rateHourly = 25; $0.rateCurrency = "EUR"
                $0.referrerId = "J"; $0.resumeHash = "r-1"; $0.photoHash = "p-1"
                $0.githubUsername = "jnovak-dev"
            }.insert(db)
            try candidate("B", "Bob Shared-IP").insert(db)
            try candidate("C", "Cara Shared-Account").insert(db)
            try candidate("D", "Dan Same-Email") { $0.email = "JAN.NOVAK@example.com" }.insert(db)
            try candidate("E", "Eve Same-Phone") { $0.phone = "+420600100200" }.insert(db)
            try candidate("F", "Fay Same-Address") { $0.address = "Hlavni 1, Brno" }.insert(db)
            try candidate("G", "Gus Same-Resume") { $0.resumeHash = "r-1" }.insert(db)
            try candidate("H", "Hal Same-Photo") { $0.photoHash = "p-1" }.insert(db)
            try candidate("I", "Ivy Shared-Device").insert(db)
            try candidate("J", "Joe Referrer").insert(db)
            try candidate("K", "Kim Referred") { $0.referrerId = "A" }.insert(db)
            try candidate("L", "Lea Office-Mate").insert(db)
            for i in 0..<crowd { try candidate(String(format: "Z%03d", i), "Crowd \(i)").insert(db) }
            try openCase(db, "A", risk: 91, status: .inReview, flags: "shared_payment_account,known_dprk_vpn")
            try openCase(db, "B", risk: 60, status: .escalated)
            try openCase(db, "C", risk: 40)

            try Flag(candidateId: "A", ruleId: "known_dprk_vpn", severity: .high, weight: 0.6,
                     summary: "Logins through Astrill VPN",
                     evidence: [Evidence(kind: .ip, ref: "45.84.1.7", detail: "2026-01-05 01:10Z 45.84.1.7 NL Astrill VPN")],
                     computedAt: t0).insert(db)
            try Flag(candidateId: "A", ruleId: "shared_payment_account", severity: .decisive, weight: 0.9,
                     summary: "Paid into an account shared with 1 other candidate",
                     evidence: [Evidence(kind: .candidate, ref: "C", detail: "Cara Shared-Account, same IBAN")],
                     computedAt: t0).insert(db)
            try Flag(candidateId: "B", ruleId: "shared_login_ip", severity: .medium, weight: 0.3, summary: "x",
                     evidence: [], computedAt: t0).insert(db)

            try IdentityCheck(id: "ic1", candidateId: "A", checkedAt: t0 + 10, provider: "Onfido", documentType: "passport",
                              documentCountry: "CZ", result: "failed", faceMatch: false, nameOnDocument: "Jan Novak").insert(db)
            try Interview(id: "iv1", candidateId: "A", scheduledAt: t0 + 20, kind: "video", outcome: "held", camera: "refused",
                          interviewer: "hr@corp", notes: "Camera broken, again.").insert(db)
            try Interview(id: "iv2", candidateId: "A", scheduledAt: t0 + 30, kind: "video", outcome: "no_show").insert(db)

            let shared = PaymentAccount(id: 1, accountType: "iban", identifier: "DE89370400440532013000", holderName: "Kim Chol",
                                        iban: "DE89370400440532013000", ibanValid: true, bankName: "Bank", bankCountry: "DE")
            try shared.insert(db)
            let own = PaymentAccount(id: 2, accountType: "wallet", identifier: "0xabc", holderName: nil)
            try own.insert(db)
            for (i, day) in [1, 5, 9].enumerated() {
                try Payment(id: "pA\(i)", source: "payroll", paidAt: t0 + Int64(day) * 86400, candidateId: "A",
                            accountId: shared.id!, amount: "1000.00", currency: "EUR", method: "bank").insert(db)
            }
            try Payment(id: "pA9", source: "payroll", paidAt: t0 + 2 * 86400, candidateId: "A", accountId: own.id!,
                        amount: "50", currency: "USDT", method: "crypto").insert(db)
            try Payment(id: "pC0", source: "payroll", paidAt: t0 + 3 * 86400, candidateId: "C", accountId: shared.id!,
                        amount: "900.00", currency: "EUR", method: "bank").insert(db)

            try IPInfo(ip: "45.84.1.7", country: "NL", asn: 9009, asName: "M247 Europe SRL", provider: "Astrill VPN",
                       providerKind: "vpn", providerDprkNamed: true, lookedUpAt: t0).insert(db)
            try IPInfo(ip: "10.0.0.1", country: "CZ", asn: 64512, asName: "Corp", provider: "Corp egress",
                       providerKind: "corporate", lookedUpAt: t0).insert(db)
            try IPInfo(ip: "203.0.113.9", country: "DE", asn: 24940, asName: "Hetzner", provider: "Hetzner (hosting)",
                       providerKind: "hosting", lookedUpAt: t0).insert(db)
            // A logs in Mon-Fri 00:00-08:59 UTC (09-18 in UTC+9): 5 events per cell.
            for wd in 0..<5 { for h in 0..<9 {
                try db.execute(sql: "INSERT INTO login_hour(candidate_id, weekday, hour, events) VALUES ('A', ?, ?, 5)",
                               arguments: [wd, h])
            } }
            try db.execute(sql: "INSERT INTO login_day(candidate_id, day, country, events) VALUES ('A', 20454, 'NL', 200), ('A', 20455, 'NL', 10), ('A', 20455, 'CZ', 15)")
            try ipUse(db, "A", "45.84.1.7", events: 210)
            try ipUse(db, "A", "10.0.0.1", events: 15)
            try ipUse(db, "B", "45.84.1.7")
            try ipUse(db, "L", "10.0.0.1")
            if crowd > 0 {
                try ipUse(db, "A", "203.0.113.9")
                for i in 0..<crowd { try ipUse(db, String(format: "Z%03d", i), "203.0.113.9") }
            }
            for i in 0..<5 {
                try LoginEvent(source: "okta", sourceId: "e\(i)", candidateId: "A", account: "jan", occurredAt: t0 + Int64(i) * 3600,
                               ip: i < 4 ? "45.84.1.7" : "10.0.0.1", outcome: i == 2 ? "failure" : "success",
                               deviceId: "dev-1").insert(db)
            }
            try LoginEvent(source: "okta", sourceId: "other", candidateId: "B", account: "bob", occurredAt: t0 + 99_999,
                           ip: "45.84.1.7", outcome: "success").insert(db)
            try db.execute(sql: """
                INSERT INTO login_device(candidate_id, device_id, managed, first_at, last_at, events)
                VALUES ('A', 'dev-1', 0, ?, ?, 5), ('I', 'dev-1', 0, ?, ?, 2)
                """, arguments: [t0, t0, t0, t0])
            try EndpointObservation(id: "ep1", candidateId: "A", observedAt: t0 + 40, deviceId: "dev-1", kind: "software",
                                    name: "AnyDesk").insert(db)
            for (i, action) in ["take", "note", "escalate"].enumerated() {
                try db.execute(sql: """
                    INSERT INTO history(candidate_id, at, analyst, action, from_status, to_status, reason_code, note, prev_hash, hash)
                    VALUES ('A', ?, 'ana', ?, ?, ?, NULL, ?, 'h\(i)', 'h\(i + 1)')
                    """, arguments: [t0 + Int64(i) * 60, action, i == 2 ? "in_review" : nil, i == 2 ? "escalated" : nil,
                                     "note \(i)"])
            }
        }
    }
}
