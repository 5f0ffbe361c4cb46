import Testing
@testable import VetdeskCore

@Suite("Import: IBAN, countries, identifiers")
struct ImportNormalisationTests {
    @Test func ibans() {
        #expect(IBAN.isValid("GB82WEST12345698765432"))
        #expect(IBAN.isValid("gb82 west 1234 5698 7654 32"))
        #expect(IBAN.isValid("DE89 3704 0044 0532 0130 00"))
        #expect(IBAN.isValid("NO9386011117947"))
        #expect(IBAN.isValid("FR1420041010050500013M02606"))
        #expect(IBAN.problem("GB82WEST12345698765431") == "check digits do not match (mod 97)")
        #expect(IBAN.problem("GB82WEST1234569876543") == "GB IBANs have 22 characters, not 21")
        #expect(IBAN.problem("US12345678901234567890") == "US does not issue IBANs")
        #expect(IBAN.problem("GB82WEST1234569876543!") == "contains characters other than A-Z and 0-9")
        #expect(!IBAN.isValid(""))
        #expect(IBAN.normalized(" de89-3704 0044 ") == "DE8937040044")
    }

    @Test func countries() {
        #expect(Country.alpha2("DE") == "DE")
        #expect(Country.alpha2("deu") == "DE")
        #expect(Country.alpha2("Germany") == "DE")
        #expect(Country.alpha2("Korea, Democratic People's Republic of") == "KP")
        #expect(Country.alpha2("Korea, Democratic People’s Republic of") == "KP") // typographic apostrophe
        #expect(Country.alpha2("North Korea") == "KP")
        #expect(Country.alpha2("Korea, Republic of") == "KR")
        #expect(Country.alpha2("United States") == "US")
        #expect(Country.alpha2("USA") == "US")
        #expect(Country.alpha2("United Kingdom of Great Britain and Northern Ireland") == "GB")
        #expect(Country.alpha2("UK") == "GB")
        #expect(Country.alpha2("Türkiye") == "TR")
        #expect(Country.alpha2("turkiye") == "TR")
        #expect(Country.alpha2("Côte d'Ivoire") == "CI")
        #expect(Country.alpha2("Viet Nam") == "VN")
        #expect(Country.alpha2("  russian federation ") == "RU")
        #expect(Country.alpha2("Atlantis") == nil)
        #expect(Country.alpha2("ZZ") == nil)
        #expect(Country.alpha2("") == nil)
        #expect(Country.allCodes.count == 250)
        #expect(Country.name("KP") == "Korea, Democratic People's Republic of")
    }

    @Test func identifiers() {
        #expect(Identifiers.phone("+1 (555) 010-7788") == "+15550107788")
        #expect(Identifiers.handle("@@DevMark") == "devmark")
        #expect(Identifiers.wallet("0xAbCd") == "0xabcd")
        #expect(Identifiers.wallet("1BoatSLRHtKNngkdXEeobR76b53LETtpyT") == "1BoatSLRHtKNngkdXEeobR76b53LETtpyT")
        #expect(Identifiers.ip("2001:DB8::1") == "2001:db8::1")
        #expect(Identifiers.ip("999.1.1.1") == nil)
    }

    @Test func kindDetection() {
        #expect(ImportKind.detect(columns: ["candidate_id", "full_name"]) == .candidates)
        #expect(ImportKind.detect(columns: ["check_id", "candidate_id"]) == .identityChecks)
        #expect(ImportKind.detect(columns: ["event_id", "ip"]) == .logins)
        #expect(ImportKind.detect(columns: ["list_name", "kind", "value"]) == .watchlist)
        #expect(ImportKind.detect(columns: ["foo"]) == nil)
    }
}
