/// Over weeks, logins almost never come from the declared country.
public struct PersistentGeoMismatchRule: Rule {
    public init() {}
    public let id = "persistent_geo_mismatch"
    public let title = "Logins persistently outside the declared country"
    public let severity = Severity.high
    public let weight = 0.35
    public let source = Sources.cite(Sources.advisory2022, Sources.gtig2025)
    public let thresholds: [String: Double] = ["min_span_days": 14, "min_active_days": 5, "away_share": 0.8]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let declared = ctx.candidate.declaredCountry.countryCode, let d = ctx.days, d.knownDays > 0 else { return nil }
        let span = d.lastDay - d.firstDay + 1
        let share = Double(d.awayDays) / Double(d.knownDays)
        guard Double(span) >= s["min_span_days"], Double(d.knownDays) >= s["min_active_days"], share >= s["away_share"] else { return nil }
        let abroad = ctx.countries.filter { $0.country != declared && !$0.country.isEmpty }.sorted { $0.days > $1.days }
        let evidence = [EvidenceText.field("declared_country", declared)] + ctx.countries.filter { !$0.country.isEmpty }.map {
            Evidence(kind: .field, ref: "login_day:\($0.country)",
                     detail: "\($0.country): \(EvidenceText.plural($0.days, "day")), \(EvidenceText.plural($0.events, "login")), \(EvidenceText.day($0.firstDay)) .. \(EvidenceText.day($0.lastDay))")
        }
        let top = abroad.prefix(3).map { "\($0.country) \($0.days) d" }.joined(separator: ", ")
        return flag(ctx, s, "\(d.awayDays) of \(d.knownDays) active days over \(span) days with no login from declared \(declared) (\(top))", evidence)
    }
}
