/// Other candidates log in from the same IP (laptop farm, shared operator). Corporate egress IPs
/// and IPs shared by very many candidates (carrier NAT) are excluded when the groups are built.
public struct SharedLoginIPRule: Rule {
    public init() {}
    public let id = "shared_login_ip"
    public let title = "Login IP shared with other candidates"
    public let severity = Severity.high
    public let weight = 0.35
    public let source = Sources.cite(Sources.advisory2022, Sources.fbiMay2024, Sources.gtig2025)
    /// IPs used by more candidates than this are treated as public infrastructure, not a farm.
    public let thresholds: [String: Double] = ["max_candidates_per_ip": 25]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let shared = ctx.shared.filter { $0.kind == .ip && Double($0.others.count + 1) <= s["max_candidates_per_ip"] }
        guard !shared.isEmpty else { return nil }
        var evidence = SharedEvidence()
        for v in shared {
            evidence.add(Evidence(kind: .ip, ref: v.value, detail: v.label), others: v.others) {
                "\(v.value) also used by \(EvidenceText.candidate($0))"
            }
        }
        let ips = shared.prefix(2).map(\.value).joined(separator: ", ") + (shared.count > 2 ? " +\(shared.count - 2)" : "")
        return flag(ctx, s, "Shares login IP \(ips) with \(evidence.otherNames)", evidence.items)
    }
}
