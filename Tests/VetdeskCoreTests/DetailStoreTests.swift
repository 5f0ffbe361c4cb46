import Foundation
import GRDB
import Testing
@testable import VetdeskCore

@Suite struct DetailStoreTests {
    @Test func unknownIdIsNil() throws {
        let store = try DetailFixture.tempStore()
        try DetailFixture.populate(store)
        #expect(try store.candidateDetail("nobody") == nil)
    }

    @Test func everySectionIsFilled() throws {
        let store = try DetailFixture.tempStore()
        try DetailFixture.populate(store)
        let d = try #require(try store.candidateDetail("A"))
        #expect(d.candidate.fullName == "Jan Novak")
        #expect(d.caseFile?.riskScore == 91)
        #expect(d.caseFile?.status == .inReview)
        // Flags ordered by weight, evidence decoded from JSON.
        #expect(d.flags.map(\.ruleId) == ["shared_payment_account", "known_dprk_vpn"])
        #expect(d.flags[0].evidence == [Evidence(kind: .candidate, ref: "C", detail: "Cara Shared-Account, same IBAN")])
        #expect(d.identityChecks.map(\.id) == ["ic1"])
        #expect(d.interviews.map(\.id) == ["iv2", "iv1"]) // newest first
        // Accounts: most recently paid first, with counts and the other candidate paid into it.
        #expect(d.accounts.count == 2)
        #expect(d.accounts[0].account.identifier == "DE89370400440532013000")
        #expect(d.accounts[0].payments == 3)
        #expect(d.accounts[0].firstPaidAt == DetailFixture.t0 + 86400)
        #expect(d.accounts[0].lastPaidAt == DetailFixture.t0 + 9 * 86400)
        #expect(d.accounts[0].sharedWith == ["C"])
        #expect(d.accounts[1].sharedWith == [])
        #expect(d.payments.map(\.id) == ["pA2", "pA1", "pA9", "pA0"])
        #expect(d.paymentsTotal == 4)
        // Logins from the summaries.
        #expect(d.logins.totalEvents == 5 * 9 * 5)
        #expect(d.logins.heatmap[0][0] == 5 && d.logins.heatmap[4][8] == 5 && d.logins.heatmap[5][0] == 0)
        #expect(d.logins.heatmap[0][9] == 0)
        #expect(d.logins.countries == [CountryCount(country: "NL", events: 210), CountryCount(country: "CZ", events: 15)])
        #expect(d.logins.distinctIPs == 2)
        let vpn = try #require(d.logins.networks.first)
        #expect(vpn.provider == "Astrill VPN" && vpn.providerKind == "vpn" && vpn.dprkNamed && vpn.events == 210)
        #expect(d.logins.recent.count == 5)
        #expect(d.logins.recent.first?.event.sourceId == "e4") // newest first
        #expect(d.logins.recent.first?.ip?.providerKind == "corporate")
        #expect(d.logins.recent.last?.ip?.provider == "Astrill VPN")
        #expect(d.endpoints.map(\.name) == ["AnyDesk"])
        #expect(d.history.map(\.action) == ["take", "note", "escalate"])
        #expect(d.history.last?.toStatus == "escalated")
    }

    @Test func linksCoverEveryKindAndSkipCorporateIPs() throws {
        let store = try DetailFixture.tempStore()
        try DetailFixture.populate(store)
        let d = try #require(try store.candidateDetail("A"))
        func others(_ kind: CandidateLink.Kind) -> [String] { d.links.filter { $0.kind == kind }.map(\.otherId) }
        #expect(others(.ip) == ["B"])                 // L shares only the corporate egress IP
        #expect(others(.paymentAccount) == ["C"])
        #expect(others(.email) == ["D"])              // case-insensitive
        #expect(others(.phone) == ["E"])
        #expect(others(.address) == ["F"])
        #expect(others(.resume) == ["G"])
        #expect(others(.photo) == ["H"])
        #expect(others(.device) == ["I"])
        #expect(others(.referredBy) == ["J"])
        #expect(others(.referred) == ["K"])
        #expect(!d.links.contains { $0.otherId == "L" || $0.otherId == "A" })
        let b = try #require(d.links.first { $0.otherId == "B" })
        #expect(b.otherName == "Bob Shared-IP" && b.otherStatus == .escalated && b.otherRisk == 60)
        #expect(b.via.contains("45.84.1.7") && b.via.contains("Astrill VPN"))
        #expect(d.links.first { $0.otherId == "C" }?.via.contains("DE89370400440532013000") == true)
        #expect(d.links.first { $0.otherId == "D" }?.otherStatus == nil) // no case yet
    }

    @Test func linksHoldBothWays() throws {
        let store = try DetailFixture.tempStore()
        try DetailFixture.populate(store)
        func link(_ from: String, _ kind: CandidateLink.Kind) throws -> [String] {
            try #require(try store.candidateDetail(from)).links.filter { $0.kind == kind }.map(\.otherId)
        }
        #expect(try link("B", .ip) == ["A"])
        #expect(try link("C", .paymentAccount) == ["A"])
        #expect(try link("D", .email) == ["A"])
        #expect(try link("I", .device) == ["A"])
        #expect(try link("J", .referred) == ["A"])
        #expect(try link("K", .referredBy) == ["A"])
        #expect(try link("L", .ip) == [])
        #expect(try store.candidateDetail("B")?.flags.map(\.ruleId) == ["shared_login_ip"])
    }

    @Test func capsBoundEveryList() throws {
        let store = try DetailFixture.tempStore()
        try DetailFixture.populate(store, crowd: 30)
        var limits = DetailLimits()
        limits.linksPerKind = 7; limits.recentLogins = 2; limits.payments = 3; limits.sharedPerAccount = 1
        let d = try #require(try store.candidateDetail("A", limits: limits))
        #expect(d.links.filter { $0.kind == .ip }.count == 7)
        #expect(d.logins.recent.count == 2)
        #expect(d.logins.totalEvents == 225) // totals come from summaries, not the bounded list
        #expect(d.payments.count == 3)
        #expect(d.paymentsTotal == 4)
        #expect(d.accounts[0].sharedWith.count == 1)
        let full = try #require(try store.candidateDetail("A"))
        #expect(full.links.filter { $0.kind == .ip }.count == 31) // B and the 30-person crowd
    }

    @Test func readsUseIndexesNotScans() throws {
        let store = try DetailFixture.tempStore()
        try DetailFixture.populate(store)
        // Every statement the detail runs is recorded with its query plan; none may scan a whole table.
        let plans = try store.pool.read { db -> ([String], Int) in
            var statements: [String] = []
            db.trace(options: .statement) { event in
                if case let .statement(s) = event { statements.append(s.sql) }
            }
            _ = try DetailStore.detail(db, id: "A", limits: .standard)
            db.trace(options: [])
            var scans: [String] = []
            // GRDB's own schema introspection (sqlite_master) is not the detail's SQL.
            for sql in Set(statements) where sql.uppercased().hasPrefix("SELECT") && !sql.contains("sqlite_") {
                let args = Array(repeating: DatabaseValue.null, count: sql.filter { $0 == "?" }.count)
                for row in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(args)) {
                    let detail: String = row["detail"]
                    // "SCAN x USING INDEX" walks an index range; a bare "SCAN table" reads everything.
                    if detail.hasPrefix("SCAN") && !detail.contains("USING") && !detail.contains("CONSTANT") {
                        scans.append("\(detail) in \(sql)")
                    }
                }
            }
            return (scans, statements.count)
        }
        #expect(plans.0 == [])
        #expect(plans.1 >= 15) // the trace saw the detail's statements
    }

    @Test func detailEncodesAsJSON() throws {
        let store = try DetailFixture.tempStore()
        try DetailFixture.populate(store)
        let d = try #require(try store.candidateDetail("A"))
        let enc = JSONEncoder()
        enc.keyEncodingStrategy = .convertToSnakeCase
        enc.outputFormatting = [.sortedKeys]
        let json = try #require(String(data: try enc.encode(d), encoding: .utf8))
        #expect(json.contains("\"full_name\":\"Jan Novak\""))
        #expect(json.contains("\"rule_id\":\"shared_payment_account\""))
        #expect(json.contains("\"shared_with\":[\"C\"]"))
        #expect(json.contains("\"kind\":\"payment_account\""))
        #expect(json.contains("\"heatmap\":[[5,5,5,5,5,5,5,5,5,0"))
    }
}
