/// The paying bank/account is in another country than the declared residence.
public struct PaymentCountryMismatchRule: Rule {
    public init() {}
    public let id = "payment_country_mismatch"
    public let title = "Bank country differs from declared country"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.advisory2022, Sources.ofsi2024)

    /// The bank country, else the IBAN's country prefix.
    static func country(of a: PaymentAccount) -> String? {
        if let c = a.bankCountry.countryCode { return c }
        if let iban = a.iban.nonEmpty ?? (a.accountType == "iban" ? a.identifier : nil), iban.count >= 2,
           iban.prefix(2).allSatisfy(\.isLetter) {
            return String(iban.prefix(2)).uppercased()
        }
        return nil
    }

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let declared = ctx.candidate.declaredCountry.countryCode else { return nil }
        let hits = ctx.accounts.compactMap { use -> (AccountUse, String)? in
            guard let c = Self.country(of: use.account), c != declared else { return nil }
            return (use, c)
        }
        guard !hits.isEmpty else { return nil }
        let countries = Set(hits.map(\.1)).sorted().joined(separator: ", ")
        let evidence = [EvidenceText.field("declared_country", declared)] + hits.map {
            Evidence(kind: .paymentAccount, ref: String($0.0.accountId), detail: "\(EvidenceText.account($0.0.account)) in \($0.1)")
        }
        return flag(ctx, s, "Paid into accounts in \(countries), declared \(declared)", evidence)
    }
}
