/// Paid (or asking to be paid) in cryptocurrency.
public struct CryptoPaymentRule: Rule {
    public init() {}
    public let id = "crypto_payment"
    public let title = "Paid in cryptocurrency"
    public let severity = Severity.high
    public let weight = 0.2
    public let source = Sources.cite(Sources.advisory2022, Sources.fbiOct2023)

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let crypto = ctx.accounts.filter { $0.cryptoPayments > 0 || $0.account.accountType == "wallet" }
        guard !crypto.isEmpty else { return nil }
        let total = ctx.accounts.reduce(0) { $0 + $1.payments }
        let cryptoCount = crypto.reduce(0) { $0 + max($1.cryptoPayments, $1.account.accountType == "wallet" ? $1.payments : 0) }
        let only = cryptoCount >= total
        let evidence = crypto.map {
            Evidence(kind: .paymentAccount, ref: String($0.accountId),
                     detail: "\(EvidenceText.account($0.account)): \(EvidenceText.plural($0.payments, "payment")) \(EvidenceText.span($0.firstPaidAt, $0.lastPaidAt))")
        }
        return flag(ctx, s, only ? "Paid only in cryptocurrency (\(EvidenceText.plural(total, "payment")))"
                               : "\(cryptoCount) of \(total) payments in cryptocurrency", evidence)
    }
}
