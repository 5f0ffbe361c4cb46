/// Payout account or method changed often.
public struct PayoutChurnRule: Rule {
    public init() {}
    public let id = "payout_churn"
    public let title = "Payout details changed often"
    public let severity = Severity.high
    public let weight = 0.2
    public let source = Sources.cite(Sources.advisory2022, Sources.ofsi2024)
    public let thresholds: [String: Double] = ["changes": 2]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let n = ctx.candidate.payoutChanges90d
        guard Double(n) >= s["changes"] else { return nil }
        return flag(ctx, s, "Payout account or method changed \(n) times in 90 days",
                    [EvidenceText.field("payout_changes_90d", String(n))])
    }
}
