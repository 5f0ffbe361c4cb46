/// The same bank account / IBAN / wallet / platform account pays several candidates.
public struct SharedPaymentAccountRule: Rule {
    public init() {}
    public let id = "shared_payment_account"
    public let title = "Payment account shared with other candidates"
    public let severity = Severity.high
    public let weight = 0.45
    public let source = Sources.cite(Sources.advisory2022, Sources.ofsi2024, Sources.fbiMay2024)

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let shared = ctx.shared.filter { $0.kind == .paymentAccount }
        guard !shared.isEmpty else { return nil }
        var evidence = SharedEvidence()
        for v in shared {
            evidence.add(Evidence(kind: .paymentAccount, ref: v.value, detail: v.label), others: v.others) {
                "account \(v.value) also pays \(EvidenceText.candidate($0))"
            }
        }
        return flag(ctx, s, "Payment account \(shared[0].label) also pays \(evidence.otherNames)", evidence.items)
    }
}
