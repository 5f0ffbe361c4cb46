import Foundation

/// Activity concentrated in an East-Asian working day (00:00-09:00 UTC) while the candidate
/// declares residence in Europe, Africa or the Americas, where that window is night or evening.
/// Weak on purpose: operators shift their hours.
public struct OffHoursPatternRule: Rule {
    public init() {}
    public let id = "off_hours_pattern"
    public let title = "Working hours fit East Asia, not the declared country"
    public let severity = Severity.low
    public let weight = 0.05
    public let source = Sources.cite(Sources.mandiant2024, Sources.gtig2025)
    public let thresholds: [String: Double] = ["share": 0.7, "start_hour": 0, "end_hour": 9, "min_events": 20]
    /// Declared countries for which the UTC window is outside normal working hours.
    public let lists: [String: [String]] = ["home_countries": Regions.europeAfricaAmericas]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let h = ctx.hours, h.total > 0, Double(h.total) >= s["min_events"],
              Double(h.inWindow) / Double(h.total) >= s["share"],
              let declared = ctx.candidate.declaredCountry.countryCode, s.list("home_countries").contains(declared) else { return nil }
        let window = String(format: "%02d:00-%02d:00 UTC", Int(s["start_hour"]), Int(s["end_hour"]))
        return flag(ctx, s, "\(EvidenceText.percent(h.inWindow, h.total)) of \(h.total) logins fall in \(window) while declared in \(declared)", [
            EvidenceText.field("declared_country", declared),
            Evidence(kind: .field, ref: "login_hour", detail: "\(h.inWindow) of \(h.total) logins between \(window)"),
        ])
    }
}
