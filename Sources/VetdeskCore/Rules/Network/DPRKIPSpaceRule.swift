/// A login from North Korean address space: decisive on its own in every advisory.
/// This is the one place a country is a signal by itself; all other network rules compare
/// observed countries with the declared one.
public struct DPRKIPSpaceRule: Rule {
    public init() {}
    public let id = "dprk_ip_space"
    public let title = "Login from North Korean address space"
    public let severity = Severity.decisive
    public let weight = 1.0
    public let source = Sources.cite(Sources.advisory2022, Sources.fbiMay2024, Sources.mandiant2024)
    /// AS numbers of DPRK networks (Star Joint Venture) in case a range is not geolocated KP.
    public let lists: [String: [String]] = ["asns": ["131279"]]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard !ctx.networkIPs.isEmpty || !ctx.countries.isEmpty else { return nil }
        let asns = Set(s.list("asns").compactMap { Int($0.uppercased().replacingOccurrences(of: "AS", with: "")) })
        let hits = ctx.networkIPs.filter { $0.info.country.countryCode == "KP" || ($0.info.asn.map(asns.contains) ?? false) }
        let kpDays = ctx.countries.first { $0.country == "KP" }
        guard !hits.isEmpty || kpDays != nil else { return nil }
        var evidence = hits.map { Evidence(kind: .ip, ref: $0.ip, detail: EvidenceText.ipUse($0)) }
        if let d = kpDays {
            evidence.append(Evidence(kind: .field, ref: "login_day",
                                     detail: "logins located in KP on \(EvidenceText.plural(d.days, "day")) \(EvidenceText.day(d.firstDay)) .. \(EvidenceText.day(d.lastDay))"))
        }
        let what = hits.first.map { "\(EvidenceText.ip($0.ip, $0.info)) first \(EvidenceText.time($0.firstAt))" }
            ?? "login_day country KP on \(EvidenceText.day(kpDays!.firstDay))"
        return flag(ctx, s, "Login from North Korean address space: \(what)" + (hits.count > 1 ? " (+\(hits.count - 1) IPs)" : ""), evidence)
    }
}
