import Testing
@testable import VetdeskCore

@Suite("IP intelligence: libloc and the provider list")
struct IPIntelTests {
    func intel(_ providers: ProviderList? = nil) throws -> IPIntelligence {
        IPIntelligence(databasePath: nil, providers: try providers ?? ProviderList.bundled(), clock: { 42 })
    }

    @Test func dprkSpace() throws {
        let i = try intel()
        #expect(i.databaseProblem == nil)
        let info = i.lookup("175.45.176.1")
        #expect(info.country == "KP")
        #expect(info.asn == 131279)
        #expect(info.asName?.contains("Star Joint Venture") == true)
        #expect(info.lookedUpAt == 42)
    }

    @Test func torExitIsAnAnonymousProxy() throws {
        let info = try intel().lookup("185.220.101.1")
        #expect(info.anonymousProxy)
        #expect(info.country == "DE")
        #expect(info.asn == 60729)
    }

    @Test func hostingNetworksByASN() throws {
        let i = try intel()
        let m247 = i.lookup("2.56.16.10")
        #expect(m247.asn == 9009 && m247.provider == "M247 (hosting)" && m247.providerKind == "hosting")
        #expect(!m247.providerDprkNamed)
        #expect(i.lookup("37.19.194.5").provider == "Datacamp / CDN77 (hosting)")
        let v6 = i.lookup("2a01:4f8::1")
        #expect(v6.country == "DE" && v6.asn == 24940 && v6.provider == "Hetzner (hosting)")
    }

    @Test func unknownAndInvalidAddresses() throws {
        let i = try intel()
        let doc = i.lookup("192.0.2.1") // TEST-NET-1: in no database
        #expect(doc.country == nil && doc.asn == nil && doc.provider == nil && !doc.anonymousProxy)
        let junk = i.lookup("not-an-ip")
        #expect(junk.ip == "not-an-ip" && junk.country == nil)
    }

    @Test func providerCIDRsBeatASNsAndCorporateWinsTies() throws {
        let user = try ProviderList.parse(yaml: """
            providers:
              - name: Astrill VPN
                kind: vpn
                dprk_named: true
                asns: [58546]
                cidrs: [2.56.16.0/24, "2001:db8:aa::/48"]
              - name: Acme office
                kind: corporate
                cidrs: [2.56.16.0/24]
              - name: Acme VPN pool
                kind: corporate
                cidrs: [2.56.17.0/25]
            """, source: "test")
        let merged = try ProviderList.bundled().merged(with: user)
        // The user's Astrill entry replaced the bundled one rather than adding a second.
        #expect(merged.providers.filter { $0.name == "Astrill VPN" }.count == 1)
        let i = try intel(merged)
        #expect(i.lookup("2.56.16.10").provider == "Acme office")       // same /24: corporate wins
        #expect(i.lookup("2.56.17.3").provider == "Acme VPN pool")      // more specific than the ASN
        #expect(i.lookup("2.56.18.1").provider == "M247 (hosting)")     // only the ASN matches
        let astrill = i.lookup("2001:db8:aa:1::5")
        #expect(astrill.provider == "Astrill VPN" && astrill.providerKind == "vpn" && astrill.providerDprkNamed)
        #expect(i.lookup("2001:db8:ab::5").provider == nil)
    }

    @Test func dprkRangeWithoutDatabase() throws {
        let i = IPIntelligence(databasePath: "/nonexistent/location.db", providers: .empty, clock: { 1 })
        #expect(i.databaseProblem != nil)
        #expect(i.lookup("175.45.179.200").country == "KP")
        #expect(i.lookup("175.45.180.1").country == nil)
    }

    @Test func environmentOverridesTheDatabasePath() throws {
        let i = IPIntelligence(databasePath: nil, providers: .empty, environment: ["VETDESK_LOCATION_DB": "/nope.db"])
        #expect(i.databasePath == "/nope.db" && i.databaseProblem != nil)
    }

    @Test func cidrParsing() {
        #expect(CIDR("10.0.0.0/8")?.contains(IPAddress("10.200.1.1")!) == true)
        #expect(CIDR("10.0.0.0/8")?.contains(IPAddress("11.0.0.1")!) == false)
        #expect(CIDR("0.0.0.0/0")?.contains(IPAddress("8.8.8.8")!) == true)
        #expect(CIDR("0.0.0.0/0")?.contains(IPAddress("2001:db8::1")!) == false) // v4 ranges never hold v6
        #expect(CIDR("2001:db8::/129") == nil)
        #expect(CIDR("10.0.0.0/33") == nil)
        #expect(CIDR("banana/8") == nil)
        #expect(IPAddress("::ffff:175.45.176.1")?.isV4 == true)
    }

    @Test func badProviderFileIsReported() {
        #expect(throws: VetdeskError.self) {
            try ProviderList.parse(yaml: "providers:\n  - name: X\n    kind: vpn\n    cidrs: [300.1.1.0/24]\n", source: "p.yaml")
        }
        #expect(throws: VetdeskError.self) {
            try ProviderList.parse(yaml: "providers:\n  - name: X\n    kind: teleport\n", source: "p.yaml")
        }
    }
}
