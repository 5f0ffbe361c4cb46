/// Logins through a VPN named in public reporting on DPRK IT workers (Astrill VPN).
public struct KnownDPRKVPNRule: Rule {
    public init() {}
    public let id = "known_dprk_vpn"
    public let title = "VPN named in DPRK IT-worker reporting"
    public let severity = Severity.high
    public let weight = 0.4
    public let source = Sources.cite(Sources.mandiant2024, Sources.secureworks, Sources.unit42)
    /// Provider names matched (case-insensitively) in addition to ip_info.provider_dprk_named.
    public let lists: [String: [String]] = ["providers": ["Astrill"]]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard !ctx.networkIPs.isEmpty else { return nil }
        let names = s.list("providers").map { $0.lowercased() }
        let hits = ctx.networkIPs.filter { u in
            u.info.providerDprkNamed || names.contains { n in (u.info.provider ?? "").lowercased().contains(n) }
        }
        guard let first = hits.first else { return nil }
        let providers = Set(hits.compactMap { $0.info.provider.nonEmpty }).sorted().joined(separator: ", ")
        let events = hits.reduce(0) { $0 + $1.events }
        let evidence = hits.map { Evidence(kind: .ip, ref: $0.ip, detail: EvidenceText.ipUse($0)) }
        return flag(ctx, s, "\(EvidenceText.plural(events, "login")) via \(providers.isEmpty ? "a DPRK-named VPN" : Sanitize.forDisplay(providers)) from \(EvidenceText.plural(hits.count, "IP")), first \(EvidenceText.time(hits.map(\.firstAt).min() ?? first.firstAt))", evidence)
    }
}
