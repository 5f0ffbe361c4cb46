/// Repeated requests to be paid before milestones.
public struct PrepaymentPressureRule: Rule {
    public init() {}
    public let id = "prepayment_pressure"
    public let title = "Repeated prepayment requests"
    public let severity = Severity.medium
    public let weight = 0.1
    public let source = Sources.cite(Sources.ofsi2024, Sources.npa2024)
    public let thresholds: [String: Double] = ["requests": 2]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let n = ctx.candidate.prepaymentRequests
        guard Double(n) >= s["requests"] else { return nil }
        return flag(ctx, s, "Asked \(n) times to be paid before milestones", [EvidenceText.field("prepayment_requests", String(n))])
    }
}
