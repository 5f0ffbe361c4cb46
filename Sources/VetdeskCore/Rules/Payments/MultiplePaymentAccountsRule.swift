/// Several payment accounts for one contractor.
public struct MultiplePaymentAccountsRule: Rule {
    public init() {}
    public let id = "multiple_payment_accounts"
    public let title = "Several payment accounts"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.advisory2022, Sources.ofsi2024)
    public let thresholds: [String: Double] = ["min_accounts": 3]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard Double(ctx.accounts.count) >= s["min_accounts"] else { return nil }
        let evidence = ctx.accounts.sorted { $0.firstPaidAt < $1.firstPaidAt }.map {
            Evidence(kind: .paymentAccount, ref: String($0.accountId),
                     detail: "\(EvidenceText.account($0.account)): \(EvidenceText.plural($0.payments, "payment")) \(EvidenceText.span($0.firstPaidAt, $0.lastPaidAt))")
        }
        let countries = Set(ctx.accounts.compactMap { $0.account.bankCountry.countryCode }).sorted()
        let tail = countries.isEmpty ? "" : " in \(countries.joined(separator: ", "))"
        return flag(ctx, s, "Paid into \(ctx.accounts.count) different accounts\(tail)", evidence)
    }
}
