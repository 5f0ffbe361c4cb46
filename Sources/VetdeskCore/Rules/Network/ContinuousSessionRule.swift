/// Sessions lasting a day or more: round-the-clock use of one login, typical of shared operators.
public struct ContinuousSessionRule: Rule {
    public init() {}
    public let id = "continuous_session"
    public let title = "Round-the-clock sessions"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.advisory2022)
    public let thresholds: [String: Double] = ["hours": 24]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let minLength = Int64(s["hours"] * 3600)
        let long = ctx.longSessions.filter { $0.endedAt - $0.startedAt >= minLength }.sorted { ($0.endedAt - $0.startedAt) > ($1.endedAt - $1.startedAt) }
        guard let longest = long.first else { return nil }
        let evidence = long.prefix(10).map {
            Evidence(kind: .session, ref: $0.sessionId,
                     detail: "\(EvidenceText.span($0.startedAt, $0.endedAt)), \(($0.endedAt - $0.startedAt) / 3600) h, \(EvidenceText.plural($0.events, "event"))")
        }
        return flag(ctx, s, "\(EvidenceText.plural(long.count, "session")) of \(Int(s["hours"])) h or more, longest \((longest.endedAt - longest.startedAt) / 3600) h from \(EvidenceText.time(longest.startedAt))", evidence)
    }
}
