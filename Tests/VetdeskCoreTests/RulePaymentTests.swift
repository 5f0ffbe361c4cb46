import Testing
@testable import VetdeskCore

@Suite struct RulePaymentTests {
    let t0 = RuleFixture.t0
    let day: Int64 = 86400

    @Test func thirdPartyPayeeUsesFuzzyNames() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US"])
        try fx.candidate("N", "José María Álvarez", ["declared_country": "ES"])
        try fx.payment("F", "p1", identifier: "DE89370400440532013000", holder: "Li Wei Trading Ltd", bankCountry: "DE")
        // Near miss: platform-paid, holder name written differently but the same person.
        try fx.payment("N", "p2", type: "platform", identifier: "payoneer:778812", holder: "ALVAREZ JOSE M", method: "platform")
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "third_party_payee"))
        #expect(f.summary == "Paid to 'Li Wei Trading Ltd', not Jon Bell")
        #expect(f.evidence.first?.kind == .paymentAccount)
        #expect(f.evidence.first?.detail.hasPrefix("iban DE89370400440532013000 (holder Li Wei Trading Ltd, DE)") == true)
        #expect(try fx.flag("N", "third_party_payee") == nil)
    }

    @Test func nameMatchToleratesFormattingButNotOtherPeople() {
        #expect(NameMatch.similarity("José María Álvarez", "ALVAREZ, Jose M.") >= 0.6)
        #expect(NameMatch.similarity("Jürgen Müller", "Juergen Mueller") >= 0.6)
        #expect(NameMatch.similarity("Jon Bell", "Jane Bell") < 0.6)
        #expect(NameMatch.similarity("Jon Bell", "Li Wei") == 0)
    }

    @Test func sharedPaymentAccountListsOtherCandidates() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jon Bell"); try fx.candidate("B", "Tom Hale"); try fx.candidate("N", "Ann Lee")
        let acct = try fx.payment("A", "p1", type: "wallet", identifier: "0xabc", holder: nil, method: "crypto")
        try fx.payment("B", "p2", type: "wallet", identifier: "0xabc", holder: nil, method: "crypto")
        try fx.payment("N", "p3", identifier: "GB82WEST12345698765432", holder: "Ann Lee", bankCountry: "GB")
        try fx.rescoreAll()
        let a = try #require(try fx.flag("A", "shared_payment_account"))
        #expect(a.summary == "Payment account wallet 0xabc also pays B Tom Hale")
        #expect(a.evidence == [Evidence(kind: .paymentAccount, ref: String(acct), detail: "wallet 0xabc"),
                               Evidence(kind: .candidate, ref: "B", detail: "account \(acct) also pays B Tom Hale")])
        #expect(try fx.flag("B", "shared_payment_account")?.evidence.contains { $0.ref == "A" } == true)
        #expect(try fx.flag("N", "shared_payment_account") == nil)
    }

    @Test func multiplePaymentAccounts() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell"); try fx.candidate("N", "Ann Lee")
        for (i, iban) in ["DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606"].enumerated() {
            try fx.payment("F", "f\(i)", identifier: iban, holder: "Jon Bell")
        }
        try fx.payment("N", "n1", identifier: "NL91ABNA0417164300", holder: "Ann Lee")
        try fx.payment("N", "n2", identifier: "NL91ABNA0417164300", holder: "Ann Lee", at: t0 + 30 * day)
        try fx.rescoreAll()
        #expect(try fx.flag("F", "multiple_payment_accounts")?.evidence.count == 3)
        #expect(try fx.flag("N", "multiple_payment_accounts") == nil)
    }

    @Test func payoutChurnAndPrepaymentPressure() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["payout_changes_90d": 3, "prepayment_requests": 2])
        try fx.candidate("N", "Ann Lee", ["payout_changes_90d": 1, "prepayment_requests": 1])
        try fx.rescoreAll()
        #expect(try fx.flag("F", "payout_churn")?.summary == "Payout account or method changed 3 times in 90 days")
        #expect(try fx.flag("F", "prepayment_pressure")?.summary == "Asked 2 times to be paid before milestones (prepayment_requests, the team's count)")
        #expect(try fx.flag("N", "payout_churn") == nil)
        #expect(try fx.flag("N", "prepayment_pressure") == nil)
    }

    @Test func cryptoPayment() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell"); try fx.candidate("N", "Ann Lee")
        try fx.payment("F", "p1", type: "wallet", identifier: "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", holder: nil, method: "crypto")
        try fx.payment("N", "p2", identifier: "NL91ABNA0417164300", holder: "Ann Lee")
        try fx.rescoreAll()
        #expect(try fx.flag("F", "crypto_payment")?.summary == "Paid only in cryptocurrency (1 payment)")
        #expect(try fx.flag("N", "crypto_payment") == nil)
    }

    @Test func paymentCountryMismatchUsesBankOrIBANCountry() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "NL"])
        try fx.payment("F", "p1", type: "bank_account", identifier: "6222020200112233", holder: "Jon Bell", bankCountry: "CN")
        try fx.payment("N", "p2", identifier: "NL91ABNA0417164300", holder: "Ann Lee") // IBAN prefix NL = declared
        try fx.rescoreAll()
        #expect(try fx.flag("F", "payment_country_mismatch")?.summary == "Paid into accounts in CN, declared US")
        #expect(try fx.flag("N", "payment_country_mismatch") == nil)
    }
}
