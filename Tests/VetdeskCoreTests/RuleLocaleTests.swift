import Testing
@testable import VetdeskCore

@Suite struct RuleLocaleTests {
    func locale(_ fx: RuleFixture, _ cid: String, _ locale: String, events: Int) throws {
        try fx.sql("INSERT INTO login_locale (candidate_id, locale, events) VALUES (?, ?, ?)", [cid, locale, events])
    }

    @Test func firesWhenLoginsMostlyCarryAnotherLanguageThanDeclared() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jonas Weber", ["locale": "de-DE", "declared_country": "DE"])
        try locale(fx, "F", "ko-KR", events: 40)
        try locale(fx, "F", "de-DE", events: 10)
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "locale_mismatch"))
        #expect(f.severity == .medium)
        #expect(f.summary == "Client locale ko-KR on 40 of 50 logins, declared de-DE, DE")
        #expect(f.evidence.contains { $0.kind == .field && $0.ref == "login_locale:ko-KR" })
        #expect(!f.evidence.contains { $0.ref == "login_locale:de-DE" })
    }

    @Test func countryAloneGivesTheExpectedLanguages() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Ana Horvat", ["declared_country": "HR"])
        try fx.candidate("N", "Luc Peeters", ["declared_country": "BE"])
        try locale(fx, "F", "zh_CN.UTF-8", events: 12)
        try locale(fx, "N", "fr-BE", events: 30) // one of Belgium's languages
        try fx.rescoreAll()
        #expect(try fx.flag("F", "locale_mismatch") != nil)
        #expect(try fx.flag("N", "locale_mismatch") == nil)
    }

    @Test func nearMissesDoNotFire() throws {
        let fx = try RuleFixture()
        // A German with an English browser: English UIs are common everywhere.
        try fx.candidate("EN", "Jonas Weber", ["locale": "de-DE", "declared_country": "DE"])
        try locale(fx, "EN", "en-US", events: 200)
        // Korean UI from someone who declares Korean: observed language alone is no signal.
        try fx.candidate("KO", "Min-jun Park", ["locale": "ko-KR", "declared_country": "DE"])
        try locale(fx, "KO", "ko-KR", events: 80)
        // Foreign locale on a minority of logins (a shared family laptop), and too few logins.
        try fx.candidate("MIN", "Eva Schulz", ["locale": "de-DE"])
        try locale(fx, "MIN", "zh-CN", events: 20)
        try locale(fx, "MIN", "de-DE", events: 60)
        try fx.candidate("FEW", "Paul Kern", ["locale": "de-DE"])
        try locale(fx, "FEW", "zh-CN", events: 4)
        // Nothing declared: nothing to compare with.
        try fx.candidate("NONE", "Sam Doe")
        try locale(fx, "NONE", "ko-KR", events: 50)
        try fx.rescoreAll()
        for id in ["EN", "KO", "MIN", "FEW", "NONE"] {
            #expect(try fx.flag(id, "locale_mismatch") == nil, "\(id) must not fire")
        }
    }

    @Test func localeLanguageParsing() {
        #expect(LocaleMismatchRule.language("ko-KR") == "ko")
        #expect(LocaleMismatchRule.language("zh_CN.UTF-8") == "zh")
        #expect(LocaleMismatchRule.language("zh-Hans-CN") == "zh")
        #expect(LocaleMismatchRule.language("DE") == "de")
        #expect(LocaleMismatchRule.language("C") == nil)
        #expect(LocaleMismatchRule.language("*") == nil)
    }
}
