/// Successful logins from two or more countries within a few hours: travel cannot explain it.
/// A hop to or from an anonymiser/VPN/hosting exit or a corporate egress is not travel (the exit's country is the
/// server's): that fact belongs to `anonymizer_geo_mismatch`, so such hops are not counted here.
public struct MultiCountryBurstRule: Rule {
    public init() {}
    public let id = "multi_country_burst"
    public let title = "Several countries within hours (impossible travel)"
    public let severity = Severity.high
    public let weight = 0.25
    public let source = Sources.cite(Sources.advisory2022, Sources.mandiant2024)
    public let thresholds: [String: Double] = ["window_hours": 3]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let window = Int64(s["window_hours"] * 3600)
        let logins = ctx.burstLogins.filter { !$0.country.isEmpty }.sorted { $0.occurredAt < $1.occurredAt }
        // Closest pair of consecutive logins in different countries, then every such hop inside the window.
        var hops: [(BurstLogin, BurstLogin)] = []
        for (a, b) in zip(logins, logins.dropFirst()) where a.country != b.country && b.occurredAt - a.occurredAt <= window
            && !a.anonymising && !b.anonymising {
            hops.append((a, b))
        }
        guard let tightest = hops.min(by: { ($0.1.occurredAt - $0.0.occurredAt) < ($1.1.occurredAt - $1.0.occurredAt) }) else { return nil }
        var evidence: [Evidence] = []
        var seen = Set<Int64>()
        for (a, b) in hops.prefix(10) {
            for l in [a, b] where seen.insert(l.id).inserted {
                evidence.append(Evidence(kind: .login, ref: String(l.id),
                                         detail: "\(EvidenceText.time(l.occurredAt)) \(l.ip) \(l.country) \(EvidenceText.asLabel(l.asn, l.asName))"))
            }
        }
        let countries = Set(hops.flatMap { [$0.0.country, $0.1.country] }).sorted().joined(separator: ", ")
        let minutes = (tightest.1.occurredAt - tightest.0.occurredAt) / 60
        return flag(ctx, s, "Logins from \(tightest.0.country) at \(EvidenceText.time(tightest.0.occurredAt)) and \(tightest.1.country) \(minutes) min later"
                    + (hops.count > 1 ? " (\(hops.count) hops among \(countries))" : ""), evidence)
    }
}
