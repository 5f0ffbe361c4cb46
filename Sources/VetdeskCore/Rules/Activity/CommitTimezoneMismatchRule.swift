/// Commits that consistently carry a UTC offset of East Asia (+08:00/+09:00) while the person
/// declares residence in Europe, Africa or the Americas. Weighed lightly: people set their clocks
/// as they like. Near miss: a traveller's week abroad (the offset must hold over weeks).
public struct CommitTimezoneMismatchRule: Rule {
    public init() {}
    public let id = "commit_timezone_mismatch"
    public let title = "Commit time zone does not fit the declared country"
    public let severity = Severity.low
    public let weight = 0.08
    public let source = Sources.cite(Sources.mandiant2024, Sources.secureworks, Sources.gtig2025)
    public let thresholds: [String: Double] = [
        "min_commits": 10,
        "share": 0.6,        // of commits with a recorded offset
        "min_span_days": 14, // first to last such commit: a week abroad stays below
    ]
    public let lists: [String: [String]] = ["offsets": ["+08:00", "+09:00"], "home_countries": Regions.europeAfricaAmericas]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let a = ctx.activity, let declared = ctx.candidate.declaredCountry.countryCode,
              s.list("home_countries").contains(declared) else { return nil }
        let total = a.commitOffsets.reduce(0) { $0 + $1.commits }
        let suspect = Set(s.list("offsets"))
        let hits = a.commitOffsets.filter { suspect.contains(CommitOffsetUse.label($0.offsetMinutes)) }
        let n = hits.reduce(0) { $0 + $1.commits }
        guard Double(n) >= s["min_commits"], Double(n) / Double(max(total, 1)) >= s["share"],
              let first = hits.map(\.firstAt).min(), let last = hits.map(\.lastAt).max(),
              Double(last - first) >= s["min_span_days"] * 86400 else { return nil }
        let evidence = [EvidenceText.field("declared_country", declared)] + hits.map {
            Evidence(kind: .field, ref: "commit_offset",
                     detail: "\(EvidenceText.plural($0.commits, "commit")) at UTC\(CommitOffsetUse.label($0.offsetMinutes)) \(EvidenceText.span($0.firstAt, $0.lastAt))")
        }
        let labels = hits.map { CommitOffsetUse.label($0.offsetMinutes) }.joined(separator: ", ")
        return flag(ctx, s, "\(EvidenceText.percent(n, total)) of \(EvidenceText.plural(total, "commit")) carry UTC\(labels) while declared in \(declared)", evidence)
    }
}
