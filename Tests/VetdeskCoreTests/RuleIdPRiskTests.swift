import Testing
@testable import VetdeskCore

@Suite struct RuleIdPRiskTests {
    let t0 = RuleFixture.t0
    let day: Int64 = 86400

    func riskyLogin(_ fx: RuleFixture, _ cid: String, _ sid: String, at: Int64, ip: String, country: String,
                    level: String, verdict: String) throws {
        try fx.insert(LoginEvent(source: "entra", sourceId: sid, candidateId: cid, account: cid + "@example.com",
                                 occurredAt: at, ip: ip, reportedCountry: country, outcome: "success",
                                 idpRiskLevel: level, idpRisk: verdict))
    }

    @Test func firesOnTheVendorsVerdictAndQuotesIt() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "US"])
        try fx.ip("203.0.113.5", country: "US", asn: 7922, asName: "Comcast")
        try fx.ipUse("F", "203.0.113.5", events: 1)
        try fx.ipUse("N", "203.0.113.5", events: 1)
        try riskyLogin(fx, "F", "f1", at: t0 + 36000, ip: "203.0.113.5", country: "US", level: "high",
                       verdict: "Entra riskLevelDuringSignIn=high; riskState=atRisk")
        // Near miss: a low verdict (Okta's behaviour detection alone) is below min_level.
        try riskyLogin(fx, "N", "n1", at: t0 + 36000, ip: "203.0.113.5", country: "US", level: "low",
                       verdict: "Okta behaviors POSITIVE: New Device")
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "idp_risk_signal"))
        #expect(f.summary == "1 sign-in the identity provider flagged as risky (highest high)")
        #expect(f.evidence.map(\.detail) == ["2026-03-02 10:00Z 203.0.113.5 US success: Entra riskLevelDuringSignIn=high; riskState=atRisk"])
        #expect(try fx.flag("N", "idp_risk_signal") == nil)
    }

    /// The vendor's anonymizedIPAddress is the fact anonymizer_geo_mismatch already scores on the
    /// same IP: counted once. Where Vetdesk's intelligence does not know the IP, the vendor's word counts.
    @Test func anonymiserVerdictIsNotCountedTwice() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jon Bell", ["declared_country": "DE"])
        try fx.candidate("B", "Ann Lee", ["declared_country": "DE"])
        try fx.ip("185.220.101.1", country: "NL", asn: 60729, asName: "Tor exit", anonymous: true)
        try fx.ip("198.51.100.20", country: "NL", asn: 1136, asName: "KPN")
        try fx.ipUse("A", "185.220.101.1", events: 1)
        try fx.ipUse("B", "198.51.100.20", events: 1)
        let verdict = "Entra riskLevelDuringSignIn=high; riskEventTypes_v2=[anonymizedIPAddress]"
        try riskyLogin(fx, "A", "a1", at: t0, ip: "185.220.101.1", country: "NL", level: "high", verdict: verdict)
        try riskyLogin(fx, "B", "b1", at: t0, ip: "198.51.100.20", country: "NL", level: "high", verdict: verdict)
        try fx.rescoreAll()
        #expect(try fx.flag("A", "anonymizer_geo_mismatch") != nil)
        #expect(try fx.flag("A", "idp_risk_signal") == nil)
        #expect(try fx.flag("B", "anonymizer_geo_mismatch") == nil)
        #expect(try fx.flag("B", "idp_risk_signal") != nil)
    }

    /// Impossible travel the logins themselves show is multi_country_burst's; a verdict with another
    /// reason beside it still counts.
    @Test func travelVerdictIsNotCountedTwice() throws {
        let fx = try RuleFixture()
        try fx.candidate("T", "Jon Bell", ["declared_country": "US"])
        try fx.candidate("U", "Ann Lee", ["declared_country": "US"])
        try fx.ip("203.0.113.5", country: "US", asn: 7922, asName: "Comcast")
        try fx.ip("198.18.0.9", country: "RU", asn: 12389, asName: "Rostelecom")
        for cid in ["T", "U"] {
            try fx.ipUse(cid, "203.0.113.5", events: 1); try fx.ipUse(cid, "198.18.0.9", events: 1)
            try fx.loginDay(cid, day: 3, "US"); try fx.loginDay(cid, day: 3, "RU")
            try fx.login(cid, "\(cid)1", at: t0 + 3 * day + 36000, ip: "203.0.113.5", country: "US")
        }
        try riskyLogin(fx, "T", "t2", at: t0 + 3 * day + 38400, ip: "198.18.0.9", country: "RU", level: "medium",
                       verdict: "Entra riskLevelDuringSignIn=medium; riskEventTypes_v2=[impossibleTravel]")
        try riskyLogin(fx, "U", "u2", at: t0 + 3 * day + 38400, ip: "198.18.0.9", country: "RU", level: "medium",
                       verdict: "Entra riskLevelDuringSignIn=medium; riskEventTypes_v2=[impossibleTravel,leakedCredentials]")
        try fx.rescoreAll()
        #expect(try fx.flag("T", "multi_country_burst") != nil)
        #expect(try fx.flag("T", "idp_risk_signal") == nil)
        #expect(try fx.flag("U", "multi_country_burst") != nil)
        #expect(try fx.flag("U", "idp_risk_signal") != nil)
    }

    @Test func reasonsAreReadFromTheQuote() {
        #expect(IdPRiskSignalRule.reasons("Entra riskLevelDuringSignIn=high; riskEventTypes_v2=[anonymizedIPAddress,unlikelyTravel]; riskState=atRisk")
            == ["anonymizedipaddress", "unlikelytravel"])
        #expect(IdPRiskSignalRule.reasons("Okta securityContext.isProxy=true; Okta behaviors POSITIVE: New Geo-Location, New IP")
            == ["isproxy=true", "new geo-location", "new ip"])
        #expect(IdPRiskSignalRule.reasons("Google is_suspicious=true") == ["is_suspicious=true"])
    }
}
