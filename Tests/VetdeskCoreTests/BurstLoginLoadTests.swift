import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Burst sign-ins (login_event rows around multi-country days) are read only where a rule can use them
/// (RuleContextLoader.loadDayDetail): at 100k / 5M, 177k of the 201k rows read were home -> VPN exit
/// days, where multi_country_burst counts no hop. Each case below has a burst day; only some need its rows.
@Suite struct BurstLoginLoadTests {
    let t0 = RuleFixture.t0

    /// A candidate with a home line in GB, a second IP on `secondIP` (its country and kind given), one
    /// burst day with a sign-in on each.
    func hop(_ fx: RuleFixture, _ cid: String, secondIP: String) throws {
        try fx.candidate(cid, "Ann Lee \(cid)", ["declared_country": "GB"])
        try fx.ipUse(cid, "5.81.1.1"); try fx.ipUse(cid, secondIP)
        try fx.loginDay(cid, day: 1, "GB"); try fx.loginDay(cid, day: 1, "DE")
        try fx.login(cid, "\(cid)1", at: t0 + 86400 + 3600, ip: "5.81.1.1", country: "GB")
        try fx.login(cid, "\(cid)2", at: t0 + 86400 + 3900, ip: secondIP, country: "DE")
    }

    @Test func burstSignInsAreReadOnlyWhereARuleCanUseThem() throws {
        let fx = try RuleFixture()
        try fx.ip("5.81.1.1", country: "GB", asn: 2856, asName: "British Telecommunications PLC")
        try fx.ip("62.153.1.1", country: "DE", asn: 3320, asName: "Deutsche Telekom AG")
        try fx.ip("185.213.155.9", country: "DE", asn: 39351, asName: "31173 Services AB", provider: "Mullvad", kind: "vpn")
        try fx.ip("203.0.113.77", country: nil)
        try hop(fx, "TRAVEL", secondIP: "62.153.1.1")          // two residential countries: a real hop
        try hop(fx, "VPN", secondIP: "185.213.155.9")          // home -> VPN exit: not travel, rows not needed
        try hop(fx, "VPNIDP", secondIP: "185.213.155.9")       // the same, with an IdP verdict to compare
        try fx.insert(LoginEvent(source: "entra", sourceId: "VPNIDP3", candidateId: "VPNIDP", account: "VPNIDP@example.com",
                                 occurredAt: t0 + 86400 + 4200, ip: "5.81.1.1", reportedCountry: "GB", outcome: "success",
                                 idpRiskLevel: "medium", idpRisk: "Entra riskLevelDuringSignIn=medium; riskEventTypes_v2=[impossibleTravel]"))
        try hop(fx, "UNKNOWN", secondIP: "185.213.155.9")      // the same, plus an IP whose country only its sign-ins tell
        try fx.ipUse("UNKNOWN", "203.0.113.77")

        let contexts = try fx.store.pool.read { db in
            var loader = RuleContextLoader(db: db, scope: .all, config: .defaults, now: t0 + 10 * 86400)
            return try loader.load()
        }
        let byId = Dictionary(uniqueKeysWithValues: contexts.map { ($0.candidate.id, $0) })
        #expect(byId["TRAVEL"]?.burstLogins.count == 2)
        #expect(byId["VPN"]?.burstLogins.isEmpty == true)
        #expect(byId["VPN"]?.days?.burstDays == [RuleFixture.day0 + 1], "the day stats are still read")
        #expect(byId["VPNIDP"]?.burstLogins.count == 3)
        #expect(byId["UNKNOWN"]?.burstLogins.count == 2)

        _ = try fx.rescoreAll()
        #expect(try fx.flag("TRAVEL", "multi_country_burst") != nil)
        for cid in ["VPN", "VPNIDP", "UNKNOWN"] { #expect(try fx.flag(cid, "multi_country_burst") == nil, "\(cid)") }
    }
}
