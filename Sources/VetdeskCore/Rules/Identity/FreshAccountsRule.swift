/// Email and professional profile both created shortly before the application.
public struct FreshAccountsRule: Rule {
    public init() {}
    public let id = "fresh_accounts"
    public let title = "Email and profile created recently"
    public let severity = Severity.low
    public let weight = 0.05
    public let source = Sources.cite(Sources.mandiant2024, Sources.unit42)
    public let thresholds: [String: Double] = ["max_age_days": 180]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let c = ctx.candidate
        guard let email = c.emailCreatedAt, let profile = c.profileCreatedAt else { return nil }
        let reference = c.appliedAt ?? ctx.now
        let limit = Int64(s["max_age_days"] * 86400)
        guard reference - email < limit, reference - profile < limit else { return nil }
        let ageE = max(0, (reference - email) / 86400), ageP = max(0, (reference - profile) / 86400)
        let evidence = [
            Evidence(kind: .field, ref: "email_created_at", detail: "email created \(EvidenceText.date(email)), \(ageE) days before \(c.appliedAt == nil ? "now" : "applying")"),
            Evidence(kind: .field, ref: "profile_created_at", detail: "profile created \(EvidenceText.date(profile)), \(ageP) days before \(c.appliedAt == nil ? "now" : "applying")"),
        ]
        return flag(ctx, s, "Email (\(ageE) d) and profile (\(ageP) d) both younger than \(Int(s["max_age_days"])) days", evidence)
    }
}
