/// Logins via an anonymous proxy, VPN or hosting network whose exit country differs from the
/// declared country. A privacy VPN exiting in the declared country is not a signal.
public struct AnonymizerGeoMismatchRule: Rule {
    public init() {}
    public let id = "anonymizer_geo_mismatch"
    public let title = "Anonymiser exit outside the declared country"
    public let severity = Severity.medium
    public let weight = 0.2
    public let source = Sources.cite(Sources.advisory2022, Sources.fbiMay2024, Sources.mandiant2024)
    public let thresholds: [String: Double] = ["min_events": 1]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let declared = ctx.candidate.declaredCountry.countryCode else { return nil }
        let hits = ctx.networkIPs.filter { u in
            let anonymising = u.info.anonymousProxy || u.info.providerKind == "vpn" || u.info.providerKind == "hosting"
            guard anonymising, let country = u.info.country.countryCode else { return false }
            return country != declared
        }
        let events = hits.reduce(0) { $0 + $1.events }
        guard !hits.isEmpty, Double(events) >= s["min_events"] else { return nil }
        let countries = Set(hits.compactMap { $0.info.country.countryCode }).sorted().joined(separator: ", ")
        let evidence = [EvidenceText.field("declared_country", declared)]
            + hits.map { Evidence(kind: .ip, ref: $0.ip, detail: EvidenceText.ipUse($0)) }
        return flag(ctx, s, "\(EvidenceText.plural(events, "login")) through anonymisers exiting in \(countries), declared \(declared)", evidence)
    }
}
