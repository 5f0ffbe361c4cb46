/// Asked to work on an own device / VDI instead of the company laptop.
public struct BYODRequestRule: Rule {
    public init() {}
    public let id = "byod_request"
    public let title = "Asked to use own device instead of company laptop"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.gtig2025, Sources.microsoft2025)

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard ctx.candidate.byodRequested else { return nil }
        return flag(ctx, s, "Asked to work from own device / VDI instead of the company laptop",
                    [EvidenceText.field("byod_requested", "yes")])
    }
}
