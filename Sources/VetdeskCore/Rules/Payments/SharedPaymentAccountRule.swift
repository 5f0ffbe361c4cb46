/// The same bank account / IBAN / wallet / platform account pays several candidates. Two or
/// three people who declare one home address and share an account (a couple's joint or one
/// partner's account) are a household; that alone does not count.
public struct SharedPaymentAccountRule: Rule {
    public init() {}
    public let id = "shared_payment_account"
    public let title = "Payment account shared with other candidates"
    public let severity = Severity.high
    public let weight = 0.45
    public let source = Sources.cite(Sources.advisory2022, Sources.ofsi2024, Sources.fbiMay2024)
    public let thresholds: [String: Double] = ["household_max": 3]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let shared = ctx.shared.filter { v in
            guard v.kind == .paymentAccount else { return false }
            let home = v.sharers.first?.address ?? ""
            let household = !home.isEmpty && Double(v.sharers.count) <= s["household_max"] && v.sharers.allSatisfy { $0.address == home }
            return !household
        }
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
