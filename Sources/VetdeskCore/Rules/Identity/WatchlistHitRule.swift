/// An email, phone, handle, payment account or login IP is on a loaded watchlist.
public struct WatchlistHitRule: Rule {
    public init() {}
    public let id = "watchlist_hit"
    public let title = "Identifier on a watchlist"
    public let severity = Severity.high
    public let weight = 0.5
    public let source = Sources.cite(Sources.ofsi2024, Sources.advisory2022)

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard !ctx.watchlistHits.isEmpty else { return nil }
        let evidence = ctx.watchlistHits.map { h -> Evidence in
            let note = h.entry.note.nonEmpty.map { ": " + Sanitize.forDisplay($0) } ?? ""
            return Evidence(kind: .watchlist, ref: String(h.entry.id ?? 0),
                            detail: "\(h.field) \(Sanitize.forDisplay(h.entry.value)) on \(Sanitize.forDisplay(h.entry.listName))\(note)")
        }
        let lists = Set(ctx.watchlistHits.map { Sanitize.forDisplay($0.entry.listName) }).sorted().joined(separator: ", ")
        let fields = Set(ctx.watchlistHits.map(\.field)).sorted().joined(separator: ", ")
        return flag(ctx, s, "\(fields) on watchlist \(lists)".capitalizedFirst, evidence)
    }
}
