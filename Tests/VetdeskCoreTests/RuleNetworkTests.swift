import Testing
@testable import VetdeskCore

@Suite struct RuleNetworkTests {
    let t0 = RuleFixture.t0
    let day: Int64 = 86400

    @Test func dprkIPSpaceIsDecisive() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "KR"])
        try fx.ip("175.45.176.9", country: "KP", asn: 131279, asName: "Star Joint Venture Co. Ltd.")
        try fx.ip("211.234.1.1", country: "KR", asn: 4766, asName: "Korea Telecom")
        try fx.ipUse("F", "175.45.176.9", events: 2)
        try fx.ipUse("N", "211.234.1.1", events: 9)
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "dprk_ip_space"))
        #expect(f.severity == .decisive)
        #expect(f.evidence == [Evidence(kind: .ip, ref: "175.45.176.9",
                                        detail: "175.45.176.9 KP AS131279 Star Joint Venture Co. Ltd., 2 logins 2026-03-02 00:00Z .. 2026-03-03 00:00Z")])
        #expect(try fx.caseFile("F")?.riskScore == 100)
        #expect(try fx.caseFile("F")?.riskBand == .critical)
        // South Korean address space is not DPRK space.
        #expect(try fx.flags("N").isEmpty)
    }

    @Test func knownDPRKVPN() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "US"])
        try fx.ip("45.84.1.7", country: "US", asn: 9009, asName: "M247", provider: "Astrill VPN", kind: "vpn", dprkNamed: true)
        try fx.ip("198.51.100.4", country: "US", asn: 39351, asName: "31173 Services AB", provider: "Mullvad", kind: "vpn")
        try fx.ipUse("F", "45.84.1.7", events: 12)
        try fx.ipUse("N", "198.51.100.4", events: 12)
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "known_dprk_vpn"))
        #expect(f.summary == "12 logins via Astrill VPN from 1 IP, first 2026-03-02 00:00Z")
        #expect(f.evidence.first?.detail.hasPrefix("45.84.1.7 US AS9009 M247 (Astrill VPN)") == true)
        #expect(try fx.flag("N", "known_dprk_vpn") == nil)
    }

    @Test func anonymizerGeoMismatchIgnoresVPNInDeclaredCountry() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "DE"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "DE"])
        try fx.ip("185.220.101.1", country: "NL", asn: 60729, asName: "Tor exit", anonymous: true)
        try fx.ip("193.27.14.2", country: "DE", asn: 39351, asName: "31173 Services AB", provider: "Mullvad", kind: "vpn")
        try fx.ipUse("F", "185.220.101.1", events: 4)
        try fx.ipUse("N", "193.27.14.2", events: 40) // privacy VPN exiting at home
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "anonymizer_geo_mismatch"))
        #expect(f.summary == "4 logins through anonymisers exiting in NL, declared DE")
        #expect(f.evidence.contains { $0.kind == .ip && $0.ref == "185.220.101.1" })
        #expect(try fx.flag("N", "anonymizer_geo_mismatch") == nil)
    }

    @Test func persistentGeoMismatch() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "US"])
        // The importer keeps login_ip_use and ip_info alongside login_day.
        try fx.ip("36.110.1.1", country: "CN", asn: 4847, asName: "China Networks Inter-Exchange")
        try fx.ip("203.0.113.5", country: "US", asn: 7922, asName: "Comcast")
        try fx.ip("81.2.69.160", country: "FR", asn: 3215, asName: "Orange")
        try fx.ipUse("F", "36.110.1.1", events: 30); try fx.ipUse("F", "203.0.113.5", events: 3)
        try fx.ipUse("N", "203.0.113.5", events: 45); try fx.ipUse("N", "81.2.69.160", events: 15)
        for d in stride(from: Int64(0), to: 20, by: 2) { try fx.loginDay("F", day: d, "CN") }
        try fx.loginDay("F", day: 21, "US")
        // Near miss: a traveller, at home most days with a week abroad.
        for d in Int64(0)..<20 { try fx.loginDay("N", day: d, d >= 5 && d < 10 ? "FR" : "US") }
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "persistent_geo_mismatch"))
        #expect(f.summary == "10 of 11 active days over 22 days with no login from declared US (CN 10 d)")
        #expect(f.evidence.contains { $0.detail.hasPrefix("CN: 10 days, 30 logins") })
        #expect(try fx.flag("N", "persistent_geo_mismatch") == nil)
    }

    @Test func multiCountryBurstNeedsHoursNotDays() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "US"])
        try fx.ip("203.0.113.5", country: "US", asn: 7922, asName: "Comcast")
        try fx.ip("203.0.113.6", country: "US", asn: 7922, asName: "Comcast")
        try fx.ip("198.18.0.9", country: "RU", asn: 12389, asName: "Rostelecom")
        try fx.ip("81.2.69.160", country: "GB", asn: 20712, asName: "Andrews & Arnold")
        try fx.ipUse("F", "203.0.113.5", events: 1); try fx.ipUse("F", "198.18.0.9", events: 1)
        try fx.ipUse("N", "203.0.113.6", events: 1); try fx.ipUse("N", "81.2.69.160", events: 1)
        // F: US at 10:00, RU at 10:40 the same day.
        try fx.loginDay("F", day: 3, "US"); try fx.loginDay("F", day: 3, "RU")
        try fx.login("F", "f1", at: t0 + 3 * day + 36000, ip: "203.0.113.5", country: "US")
        try fx.login("F", "f2", at: t0 + 3 * day + 38400, ip: "198.18.0.9", country: "RU")
        // N: flies, US one day and GB the next, 20 hours apart.
        try fx.loginDay("N", day: 3, "US"); try fx.loginDay("N", day: 4, "GB")
        try fx.login("N", "n1", at: t0 + 3 * day + 36000, ip: "203.0.113.6", country: "US")
        try fx.login("N", "n2", at: t0 + 4 * day + 21600, ip: "81.2.69.160", country: "GB")
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "multi_country_burst"))
        #expect(f.summary == "Logins from US at 2026-03-05 10:00Z and RU 40 min later")
        #expect(f.evidence.count == 2 && f.evidence.allSatisfy { $0.kind == .login })
        #expect(try fx.flag("N", "multi_country_burst") == nil)
    }

    @Test func sharedLoginIPExcludesCorporateEgress() throws {
        let fx = try RuleFixture()
        for (id, name) in [("A", "Jon Bell"), ("B", "Tom Hale"), ("N", "Ann Lee"), ("M", "Max Roe")] { try fx.candidate(id, name) }
        try fx.ip("203.0.113.50", country: "US", asn: 7922, asName: "Comcast")
        try fx.ip("192.0.2.1", country: "US", asn: 64500, asName: "Acme Corp", provider: "Acme egress", kind: "corporate")
        try fx.ipUse("A", "203.0.113.50"); try fx.ipUse("B", "203.0.113.50")
        try fx.ipUse("N", "192.0.2.1"); try fx.ipUse("M", "192.0.2.1")
        try fx.rescoreAll()
        let a = try #require(try fx.flag("A", "shared_login_ip"))
        #expect(a.summary == "Shares login IP 203.0.113.50 with B Tom Hale: one line used by people declaring different homes")
        #expect(a.evidence == [Evidence(kind: .ip, ref: "203.0.113.50",
                                        detail: "203.0.113.50 US AS7922 Comcast — main line of 2 people declaring different homes"),
                               Evidence(kind: .candidate, ref: "B", detail: "203.0.113.50 also used by B Tom Hale")])
        #expect(try fx.flag("B", "shared_login_ip") != nil)
        #expect(try fx.flag("N", "shared_login_ip") == nil)
        #expect(try fx.flag("M", "shared_login_ip") == nil)
    }

    @Test func continuousSession() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell")
        try fx.candidate("N", "Ann Lee")
        try fx.session("F", "s-long", start: t0, hours: 30)
        try fx.session("N", "s-day", start: t0, hours: 23.5)
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "continuous_session"))
        #expect(f.evidence.map(\.ref) == ["s-long"])
        #expect(f.summary == "1 session of 24 h or more, longest 30 h from 2026-03-02 00:00Z")
        #expect(try fx.flag("N", "continuous_session") == nil)
    }

    /// The hours are summed from login_week's 168 counters in the loader: every weekday counts, and a
    /// window that wraps midnight (22:00-06:00) takes both ends.
    @Test func offHoursWindowSumsEveryWeekdayAndWrapsMidnight() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "DE"])
        try fx.candidate("Q", "Ann Lee", ["declared_country": "DE"]) // a login_week row of zeros: no hours
        try fx.loginHour("F", hour: 23, events: 10, weekday: 1)
        try fx.loginHour("F", hour: 3, events: 7, weekday: 6)
        try fx.loginHour("F", hour: 6, events: 2, weekday: 3)   // end hour: outside
        try fx.loginHour("F", hour: 12, events: 5, weekday: 4)
        try fx.sql("INSERT INTO login_week (candidate_id) VALUES ('Q')")
        let config = try RuleConfig.parse(yaml: "rules:\n  off_hours_pattern:\n    start_hour: 22\n    end_hour: 6\n", file: "t.yaml")
        let contexts = try fx.store.pool.read { db in
            var loader = RuleContextLoader(db: db, scope: .all, config: config, now: t0)
            return try loader.load()
        }
        let f = try #require(contexts.first { $0.candidate.id == "F" }?.hours)
        #expect(f.total == 24 && f.inWindow == 17)
        #expect(contexts.first { $0.candidate.id == "Q" }?.hours == nil)
    }

    @Test func offHoursPatternOnlyForEuropeAfricaAmericas() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "DE"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "JP"]) // 00-09 UTC is a Tokyo working day
        for id in ["F", "N"] {
            for h in 0..<9 { try fx.loginHour(id, hour: h, events: 4) }
            try fx.loginHour(id, hour: 14, events: 4)
        }
        try fx.rescoreAll()
        #expect(try fx.flag("F", "off_hours_pattern")?.summary == "90 % of 40 logins fall in 00:00-09:00 UTC while declared in DE")
        #expect(try fx.flag("N", "off_hours_pattern") == nil)
    }

    @Test func remoteAccessToolsUnlessApproved() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell")
        try fx.candidate("N", "Ann Lee")
        try fx.insert(EndpointObservation(id: "e1", candidateId: "F", observedAt: t0, deviceId: "LT-1", kind: "software", name: "AnyDesk 8.0"))
        try fx.insert(EndpointObservation(id: "e2", candidateId: "N", observedAt: t0, deviceId: "LT-2", kind: "software", name: "TeamViewer", approved: true))
        try fx.insert(EndpointObservation(id: "e3", candidateId: "N", observedAt: t0, deviceId: "LT-2", kind: "software", name: "Slack"))
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "remote_access_tools"))
        #expect(f.summary == "Unapproved remote access: AnyDesk 8.0")
        #expect(f.evidence.map(\.ref) == ["e1"])
        #expect(try fx.flag("N", "remote_access_tools") == nil)
    }

    @Test func ipKVMDeviceByNameOrUSBId() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell")
        try fx.candidate("N", "Ann Lee")
        try fx.insert(EndpointObservation(id: "u1", candidateId: "F", observedAt: t0, deviceId: "LT-1", kind: "usb",
                                          name: "Multifunction Composite Gadget", vendorId: "1D6B", productId: "0104"))
        try fx.insert(EndpointObservation(id: "u2", candidateId: "N", observedAt: t0, deviceId: "LT-2", kind: "usb",
                                          name: "Logitech USB Receiver", vendorId: "046d", productId: "c52b"))
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "ip_kvm_device"))
        #expect(f.evidence.first?.detail == "2026-03-02 00:00Z USB Multifunction Composite Gadget [1D6B:0104] on LT-1")
        #expect(try fx.flag("N", "ip_kvm_device") == nil)
    }

    @Test func unmanagedDeviceRightAfterHire() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["hired_at": t0])
        try fx.candidate("N", "Ann Lee", ["hired_at": t0])
        try fx.device("F", "PC-X", managed: false, first: t0 + 2 * day)
        try fx.device("N", "LT-CORP", managed: true, first: t0 + 2 * day)
        try fx.device("N", "OLD-HOME", managed: false, first: t0 + 200 * day)
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "unmanaged_device"))
        #expect(f.summary == "1 unmanaged device first seen 2026-03-04 00:00Z (hire on 2026-03-02)")
        #expect(f.evidence.map(\.kind) == [.device] && f.evidence.first?.ref == "PC-X")
        #expect(try fx.flag("N", "unmanaged_device") == nil)
    }
}
