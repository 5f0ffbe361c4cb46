import Testing
@testable import VetdeskCore

/// Near misses drawn from the benign groups real teams see (households, couples, privacy-VPN
/// users, carrier NAT, coworking, travellers): one innocent fact must not read as a ring, while
/// the ring pattern next to it still fires.
@Suite struct RuleTriageTests {
    let t0 = RuleFixture.t0

    func flag(_ rule: String, _ w: Double, _ sev: Severity = .medium) -> Flag {
        Flag(candidateId: "X", ruleId: rule, severity: sev, weight: w, summary: "", evidence: [], computedAt: 0)
    }

    @Test func oneFactReadByAGroupCountsOnceWithDiminishingReturns() {
        // Alone: 100·w. A second flag of the same group counts at half its weight.
        #expect(RiskScorer.score([flag("anonymizer_geo_mismatch", 0.2)]).score == 20)
        let grouped = RiskScorer.score([flag("anonymizer_geo_mismatch", 0.2), flag("multi_country_burst", 0.25)])
        #expect(grouped.score == Int((100 * (1 - 0.75 * 0.9)).rounded()))   // 0.25 full, 0.2 → 0.1
        // Different groups still compound fully.
        let apart = RiskScorer.score([flag("anonymizer_geo_mismatch", 0.2), flag("shared_payment_account", 0.45)])
        #expect(apart.score == Int((100 * (1 - 0.8 * 0.55)).rounded()))
        let c = RiskScorer.contributions([flag("anonymizer_geo_mismatch", 0.2), flag("multi_country_burst", 0.25),
                                          flag("video_avoidance", 0.35, .high)])
        #expect(c.reduce(0) { $0 + $1.points } == RiskScorer.score([flag("anonymizer_geo_mismatch", 0.2), flag("multi_country_burst", 0.25),
                                                                     flag("video_avoidance", 0.35, .high)]).score)
        #expect(c[0].countedWith == ["multi_country_burst"] && c[0].group == "network_exit" && c[0].effectiveWeight == 0.1)
        #expect(c[1].countedWith == ["anonymizer_geo_mismatch"] && c[1].effectiveWeight == 0.25)
        #expect(c[2].countedWith.isEmpty && c[2].group == nil)
        #expect(c[2].points > c[1].points && c[1].points > c[0].points)
        #expect(RiskScorer.carriers([flag("video_avoidance", 0.35, .high), flag("low_rate", 0.05)]).hasPrefix("video_avoidance"))
        // Decisive carries all.
        let d = RiskScorer.contributions([flag("dprk_ip_space", 1, .decisive), flag("low_rate", 0.05)])
        #expect(d.map(\.points) == [100, 0])
    }

    @Test func addressKeysMatchSpellingsOfOneAddress() {
        #expect(AddressKey.of("Hauptstr. 5, 10115 Berlin") == AddressKey.of("Hauptstraße 5, 10115 BERLIN"))
        #expect(AddressKey.of("Hauptstrasse 5 10115 Berlin") == AddressKey.of("Haupt Straße 5, 10115 Berlin"))
        #expect(AddressKey.of("12 Main St., London SW1A 1AA") == AddressKey.of("12 Main Street, London SW1A1AA"))
        #expect(AddressKey.of("Industrieweg 41, 3044 AS Rotterdam") == AddressKey.of("industrieweg 41 3044AS rotterdam"))
        #expect(AddressKey.of("ul. Magazynowa 12/4, 02-675 Warszawa") == AddressKey.of("Ulica Magazynowa 12/4 02-675 Warszawa"))
        #expect(AddressKey.of("ul. Grójecka 186 m. 14, 02-390 Warszawa") == AddressKey.of("ul. Grojecka 186/14, 02-390 Warszawa"))
        #expect(AddressKey.of("Flat 3, 5 Elm Road, Bristol") != AddressKey.of("Flat 4, 5 Elm Road, Bristol"))
        #expect(AddressKey.of("Hauptstr. 5, 10115 Berlin") != AddressKey.of("Hauptstr. 7, 10115 Berlin"))
        #expect(AddressKey.of("c/o ParcelBridge B.V., Industrieweg 41") == AddressKey.of("ParcelBridge BV c/o Industrieweg 41"))
        #expect(AddressKey.of(nil) == "" && AddressKey.of("  ") == "")
        // The cheap prefilter agrees wherever the keys do.
        #expect(AddressKey.digits("Hauptstr. 5, 10115 Berlin") == AddressKey.digits("HAUPTSTRASSE 5 10115 BERLIN"))
        #expect(AddressKey.digits("Hauptstr. 5, 10115 Berlin") == "10115 5")
    }

    /// Flatmates: same address (spelt differently), same home line. Neither the address nor the
    /// IP counts; a fourth person at that address, not living there, does.
    @Test func householdSharingAddressAndLineIsNotAFarm() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Anna Schmidt", ["declared_country": "DE", "address": "Hauptstr. 5, 10115 Berlin"])
        try fx.candidate("B", "Lena Vogel", ["declared_country": "DE", "address": "Hauptstraße 5, 10115 Berlin"])
        try fx.ip("62.153.1.10", country: "DE", asn: 3320, asName: "Deutsche Telekom AG")
        try fx.ipUse("A", "62.153.1.10", events: 80)
        try fx.ipUse("B", "62.153.1.10", events: 60)
        _ = try fx.rescoreAll()
        let flagsA = try fx.flags("A")
        #expect(flagsA.isEmpty, "\(flagsA.map(\.summary))")
        #expect(try fx.flags("B").isEmpty)
        #expect(try fx.caseFile("A")?.riskScore == 0)
    }

    /// A laptop farm: people declaring homes in different countries, all on one residential line.
    @Test func differentHomesOnOneMainLineIsAFarm() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jan Nowak", ["declared_country": "PL", "city": "Kraków", "address": "ul. Długa 3, 31-147 Kraków"])
        try fx.candidate("B", "Max Bauer", ["declared_country": "DE", "city": "Leipzig", "address": "Karl-Heine-Str. 9, 04229 Leipzig"])
        try fx.candidate("C", "Eva Dvořák", ["declared_country": "CZ", "city": "Brno", "address": "Údolní 12, 602 00 Brno"])
        try fx.ip("5.184.200.7", country: "PL", asn: 5617, asName: "Orange Polska")
        for c in ["A", "B", "C"] { try fx.ipUse(c, "5.184.200.7", events: 300) }
        _ = try fx.rescoreAll()
        let f = try #require(try fx.flag("A", "shared_login_ip"))
        #expect(f.summary.contains("different homes"))
        #expect(f.evidence.first?.detail.contains("declaring homes in CZ, DE, PL") == true)
        // Three people in three countries on one main line is the laptop-farm signature: weighed up.
        #expect(abs(f.weight - 0.35 * 1.7) < 1e-9 && f.summary.hasSuffix("in several countries"))
    }

    /// Near miss: two people declaring different homes in one country on one line (a rotating DSL
    /// address met by chance, a landlord's shared line) count, but at the rule's base weight.
    @Test func twoPeopleOnOneLineAreWeighedAsAPairNotAFarm() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jan Nowak", ["declared_country": "PL", "city": "Kraków", "address": "ul. Długa 3, 31-147 Kraków"])
        try fx.candidate("B", "Ola Wiśniewska", ["declared_country": "PL", "city": "Wrocław", "address": "ul. Kościuszki 9, 50-001 Wrocław"])
        try fx.ip("5.184.200.8", country: "PL", asn: 5617, asName: "Orange Polska")
        for c in ["A", "B"] { try fx.ipUse(c, "5.184.200.8", events: 200) }
        _ = try fx.rescoreAll()
        let f = try #require(try fx.flag("A", "shared_login_ip"))
        #expect(f.weight == 0.35 && !f.summary.contains("several countries"))
    }

    /// Coworking members and carrier NAT: strangers on one IP, but it is one city's office line or
    /// an occasional address for each of them.
    @Test func coworkingAndCarrierNATAreNotFarms() throws {
        let fx = try RuleFixture()
        // Coworking: three people declaring Lisbon homes on the space's line most of the week.
        for (i, c) in ["A", "B", "C"].enumerated() {
            try fx.candidate(c, "Person \(c)", ["declared_country": "PT", "city": "Lisboa", "address": "Rua \(c) \(i + 1), 1100-001 Lisboa"])
            try fx.ipUse(c, "37.189.4.4", events: 60)
            try fx.ipUse(c, "37.189.9.\(i + 1)", events: 40)
        }
        // Carrier NAT: three people in three cities, each on the NAT address for a few logins.
        for (i, c) in ["D", "E", "F"].enumerated() {
            try fx.candidate(c, "Person \(c)", ["declared_country": "DE", "city": ["Köln", "Bonn", "Essen"][i], "address": "Weg \(i), \(50000 + i) X"])
            try fx.ipUse(c, "80.187.1.1", events: 3)
            try fx.ipUse(c, "62.153.9.\(i + 1)", events: 120)
        }
        try fx.ip("37.189.4.4", country: "PT", asn: 3243, asName: "MEO")
        try fx.ip("80.187.1.1", country: "DE", asn: 3320, asName: "Deutsche Telekom AG")
        _ = try fx.rescoreAll()
        for c in ["A", "B", "C", "D", "E", "F"] { #expect(try fx.flag(c, "shared_login_ip") == nil, "\(c)") }
    }

    /// Privacy-VPN users: twelve customers on one Mullvad exit, and a hop from home to it, is not
    /// a farm and not impossible travel. Ring members sharing a set of exits still are.
    @Test func privacyVPNCustomersAreNotARingButASetOfExitsIs() throws {
        let fx = try RuleFixture()
        try fx.ip("185.213.155.9", country: "DE", asn: 39351, asName: "31173 Services AB", provider: "31173 Services (Mullvad VPN)", kind: "vpn")
        try fx.ip("62.153.1.1", country: "DE", asn: 3320, asName: "Deutsche Telekom AG")
        try fx.ip("5.81.1.1", country: "GB", asn: 2856, asName: "British Telecommunications PLC")
        try fx.ip("185.213.155.10", country: "DE", asn: 39351, asName: "31173 Services AB", provider: "31173 Services (Mullvad VPN)", kind: "vpn")
        for k in 0..<12 {
            let c = "V\(k)"
            try fx.candidate(c, "User \(k)", ["declared_country": k == 0 ? "GB" : "DE", "city": "City \(k)", "address": "Street \(k)"])
            try fx.ipUse(c, "185.213.155.9", events: 20)
            // Some customers switch between two exits of the same location: still customers.
            if k % 2 == 1 { try fx.ipUse(c, "185.213.155.10", events: 20) }
        }
        // V0 lives in GB and hops home -> Frankfurt exit within minutes.
        try fx.ipUse("V0", "5.81.1.1", events: 20)
        try fx.loginDay("V0", day: 1, "GB"); try fx.loginDay("V0", day: 1, "DE")
        try fx.login("V0", "l1", at: t0 + 86400 + 3600, ip: "5.81.1.1", country: "GB")
        try fx.login("V0", "l2", at: t0 + 86400 + 3900, ip: "185.213.155.9", country: "DE")
        // Two ring members on the same three hosting exits.
        try fx.candidate("R1", "Tom Hill", ["declared_country": "GB", "city": "Leeds"])
        try fx.candidate("R2", "Ivo Horvat", ["declared_country": "RS", "city": "Niš"])
        for ip in ["5.157.132.10", "5.157.132.11", "89.187.160.5"] {
            try fx.ip(ip, country: "US", asn: 9009, asName: "M247 Europe SRL", provider: "M247 (hosting)", kind: "hosting")
            try fx.ipUse("R1", ip, events: 30); try fx.ipUse("R2", ip, events: 30)
        }
        _ = try fx.rescoreAll()
        for k in 0..<12 { #expect(try fx.flag("V\(k)", "shared_login_ip") == nil) }
        #expect(try fx.flag("V0", "multi_country_burst") == nil, "home -> VPN exit is not travel")
        #expect(try fx.flag("V0", "anonymizer_geo_mismatch") != nil, "the foreign exit itself stays a (weak) signal")
        let ring = try #require(try fx.flag("R1", "shared_login_ip"))
        #expect(ring.summary.contains("set of exits"))
    }

    /// Real impossible travel between two residential lines still fires.
    @Test func residentialHopStillImpossibleTravel() throws {
        let fx = try RuleFixture()
        try fx.candidate("T", "Ann Lee", ["declared_country": "GB"])
        try fx.ip("5.81.1.1", country: "GB", asn: 2856, asName: "British Telecommunications PLC")
        try fx.ip("62.153.1.1", country: "DE", asn: 3320, asName: "Deutsche Telekom AG")
        try fx.ipUse("T", "5.81.1.1"); try fx.ipUse("T", "62.153.1.1")
        try fx.loginDay("T", day: 1, "GB"); try fx.loginDay("T", day: 1, "DE")
        try fx.login("T", "l1", at: t0 + 86400 + 3600, ip: "5.81.1.1", country: "GB")
        try fx.login("T", "l2", at: t0 + 86400 + 3900, ip: "62.153.1.1", country: "DE")
        _ = try fx.rescoreAll()
        #expect(try fx.flag("T", "multi_country_burst") != nil)
    }

    /// A couple paid into one partner's account: a household, so the shared account does not
    /// count; the other partner keeps the single weak third-party-payee signal (medium at most).
    @Test func coupleSharingAnAccountIsAHousehold() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Marta Silva", ["declared_country": "PT", "address": "Rua Augusta 10, 1100-053 Lisboa"])
        try fx.candidate("B", "João Costa", ["declared_country": "PT", "address": "rua augusta 10 1100-053 LISBOA"])
        try fx.payment("A", "p1", identifier: "PT50000201231234567890154", holder: "Marta Silva", bankCountry: "PT")
        try fx.payment("B", "p2", identifier: "PT50000201231234567890154", holder: "Marta Silva", bankCountry: "PT")
        _ = try fx.rescoreAll()
        #expect(try fx.flag("A", "shared_payment_account") == nil)
        #expect(try fx.flag("B", "shared_payment_account") == nil)
        #expect(try fx.flag("B", "third_party_payee") != nil)
        #expect(try #require(try fx.caseFile("B")).riskBand <= .medium)
        // Three strangers in three homes on one account are a ring.
        try fx.candidate("C", "Piotr Zieliński", ["declared_country": "PL", "address": "ul. Polna 1, 00-001 Warszawa"])
        try fx.payment("C", "p3", identifier: "PT50000201231234567890154", holder: "Marta Silva", bankCountry: "PT")
        _ = try fx.rescoreAll()
        #expect(try fx.flag("C", "shared_payment_account") != nil)
    }

    /// Two or three people at one home are a household; a ship-to several candidates use is a
    /// forwarder or farm, and is compared normalised.
    @Test func addressesHouseholdVersusSharedShipTo() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Anna Schmidt", ["address": "Hauptstr. 5, 10115 Berlin"])
        try fx.candidate("B", "Lena Vogel", ["address": "Hauptstraße 5, 10115 Berlin", "ship_to_address": "Hauptstraße 5, 10115 Berlin"])
        try fx.candidate("R1", "Tom Hill", ["address": "1 High St, Leeds LS1 1AA", "ship_to_address": "c/o ParcelBridge, Industrieweg 41, 3044 AS Rotterdam"])
        try fx.candidate("R2", "Ivo Horvat", ["address": "Obilićeva 3, Niš", "ship_to_address": "c/o ParcelBridge, Industrieweg 41, 3044AS Rotterdam"])
        _ = try fx.rescoreAll()
        #expect(try fx.flag("A", "shared_identity_artifacts") == nil)
        #expect(try fx.flag("B", "shared_identity_artifacts") == nil)
        let f = try #require(try fx.flag("R1", "shared_identity_artifacts"))
        #expect(f.summary.contains("ship-to address") && f.evidence.contains { $0.ref == "R2" })
        // Four people declaring one home is more than a household: an incremental run after the
        // fourth arrives (spelt differently) reaches the first three through the normalised address.
        try fx.candidate("C", "Max Bauer", ["address": "HAUPTSTR 5 10115 Berlin"])
        _ = try fx.rescoreAll()
        try fx.candidate("D", "Eva Roth", ["address": "Hauptstr 5, 10115 Berlin"])
        try fx.sql("INSERT OR IGNORE INTO dirty_candidate (candidate_id) VALUES ('D')")
        _ = try fx.rescorer().rescoreDirty()
        #expect(try fx.flag("A", "shared_identity_artifacts") != nil)
    }

    /// A forwarder is derived from the team's watchlist of known reshipper addresses (any
    /// spelling); a ship-to that merely differs in format from the home is not one.
    @Test func forwarderFromAddressWatchlist() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Tom Hill", ["declared_country": "NL", "address": "Kade 1, 1011 AA Amsterdam",
                                           "ship_to_address": "c/o ParcelBridge B.V., Industrieweg 41, 3044AS Rotterdam", "ship_to_country": "NL"])
        try fx.candidate("N", "Eva Roth", ["declared_country": "DE", "address": "Hauptstr. 5, 10115 Berlin",
                                           "ship_to_address": "Hauptstraße 5, 10115 Berlin", "ship_to_country": "DE"])
        try fx.insert(WatchlistEntry(listName: "reshippers", kind: "address", value: "ParcelBridge BV c/o, Industrieweg 41, 3044 AS Rotterdam",
                                     note: "parcel forwarder"))
        _ = try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "shipping_address_mismatch"))
        #expect(f.summary.contains("known forwarder (watchlist reshippers)"))
        #expect(f.evidence.contains { $0.kind == .watchlist && $0.detail.contains("parcel forwarder") })
        #expect(try fx.flag("N", "shipping_address_mismatch") == nil)
    }
}
