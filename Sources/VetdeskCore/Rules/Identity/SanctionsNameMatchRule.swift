/// A candidate's, payee's or account holder's name resembles a name on a loaded sanctions list.
/// Names alone do not identify anyone: this rule sends the case to review with the explanation,
/// at a low weight, and never decides on its own (identifier hits go to watchlist_hit).
public struct SanctionsNameMatchRule: Rule {
    public init() {}
    public let id = "sanctions_name_match"
    public let title = "Name resembles a sanctions-list entry"
    public let severity = Severity.medium
    public let weight = 0.1
    public let source = Sources.cite(Sources.ofsi2024, Sources.advisory2022)

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard !ctx.listNameHits.isEmpty else { return nil }
        let evidence = ctx.listNameHits.map { h in
            Evidence(kind: .watchlist, ref: "\(Sanitize.forDisplay(h.listName)):\(Sanitize.forDisplay(h.recordId))",
                     detail: "\(h.field) on \(Sanitize.forDisplay(h.listName)) \(Sanitize.forDisplay(h.version)) record "
                         + "\(Sanitize.forDisplay(h.recordId)) (\(Sanitize.forDisplay(h.listedAs))): \(Sanitize.forDisplay(h.explanation))")
        }
        let best = ctx.listNameHits.max { $0.score < $1.score }!
        let summary = "\(best.field) resembles \(Sanitize.forDisplay(best.listedAs)) on \(Sanitize.forDisplay(best.listName)) "
            + "(\(best.level.rawValue) name match, review)"
        return flag(ctx, s, summary.capitalizedFirst, evidence)
    }
}
