import Foundation

/// Hourly rate far below the market band for the role.
public struct LowRateRule: Rule {
    public init() {}
    public let id = "low_rate"
    public let title = "Rate far below market"
    public let severity = Severity.low
    public let weight = 0.05
    public let source = Sources.cite(Sources.ofsi2024, Sources.bfv2024)
    public let thresholds: [String: Double] = ["ratio": 0.6]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let c = ctx.candidate
        guard let rate = c.rateHourly, let market = c.marketRateHourly, market > 0, rate < market * s["ratio"] else { return nil }
        let cur = c.rateCurrency ?? ""
        let share = EvidenceText.percent(Int((rate * 1000).rounded()), Int((market * 1000).rounded()))
        return flag(ctx, s, "Asks \(fmt(rate)) \(cur)/h, \(share) of the \(fmt(market)) \(cur)/h market rate for \(Sanitize.forDisplay(c.role ?? "the role"))", [
            EvidenceText.field("rate_hourly", "\(fmt(rate)) \(cur)"), EvidenceText.field("market_rate_hourly", "\(fmt(market)) \(cur)"),
        ])
    }

    private func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v) }
}
