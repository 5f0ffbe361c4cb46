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
        var evidence: [Evidence] = []
        var others = Set<LinkedCandidate>()
        for v in shared {
            evidence.append(Evidence(kind: .paymentAccount, ref: v.value, detail: v.label))
            for o in v.others {
                others.insert(o)
                evidence.append(Evidence(kind: .candidate, ref: o.id, detail: "account \(v.value) also pays \(EvidenceText.candidate(o))"))
            }
        }
        let names = others.sorted { $0.id < $1.id }.prefix(3).map(EvidenceText.candidate).joined(separator: ", ")
        let more = others.count > 3 ? " and \(others.count - 3) more" : ""
        return flag(ctx, s, "Payment account \(shared[0].label) also pays \(names)\(more)", evidence)
    }
}
