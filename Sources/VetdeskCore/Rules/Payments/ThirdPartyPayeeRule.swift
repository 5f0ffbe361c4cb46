/// Paid into an account held by someone else: the holder (or payee) name does not fuzzily match
/// the candidate's declared name or the name on their ID document.
public struct ThirdPartyPayeeRule: Rule {
    public init() {}
    public let id = "third_party_payee"
    public let title = "Payments to an account in another person's name"
    public let severity = Severity.high
    public let weight = 0.35
    public let source = Sources.cite(Sources.advisory2022, Sources.ofsi2024, Sources.fbiMay2024)
    public let thresholds: [String: Double] = ["name_similarity": 0.6]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let own = [ctx.candidate.fullName] + ctx.checks.compactMap { $0.nameOnDocument.nonEmpty }
        func isOwn(_ name: String) -> Bool { own.contains { NameMatch.similarity(name, $0) >= s["name_similarity"] } }
        var evidence: [Evidence] = []
        var strangers: [String] = []
        for use in ctx.accounts {
            var names: [String] = []
            if let holder = use.account.holderName.nonEmpty, !isOwn(holder) { names.append(holder) }
            for payee in use.payeeNames where !isOwn(payee) && !names.contains(payee) { names.append(payee) }
            guard !names.isEmpty else { continue }
            strangers.append(contentsOf: names)
            evidence.append(Evidence(kind: .paymentAccount, ref: String(use.accountId),
                                     detail: "\(EvidenceText.account(use.account)): \(EvidenceText.plural(use.payments, "payment")) \(EvidenceText.span(use.firstPaidAt, use.lastPaidAt)), paid to \(names.map { Sanitize.forDisplay($0) }.joined(separator: " / "))"))
        }
        guard !evidence.isEmpty else { return nil }
        let shown = Array(Set(strangers.map { Sanitize.forDisplay($0) })).sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        return flag(ctx, s, "Paid to \(shown), not \(Sanitize.forDisplay(ctx.candidate.fullName))", evidence)
    }
}
