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
        var evidence: [Evidence] = []
        var others = Set<LinkedCandidate>()
        for v in shared {
            evidence.append(Evidence(kind: .ip, ref: v.value, detail: v.label))
            for o in v.others {
                others.insert(o)
                evidence.append(Evidence(kind: .candidate, ref: o.id, detail: "\(v.value) also used by \(EvidenceText.candidate(o))"))
            }
        }
        let names = others.sorted { $0.id < $1.id }.prefix(3).map(EvidenceText.candidate).joined(separator: ", ")
        let more = others.count > 3 ? " and \(others.count - 3) more" : ""
        let ips = shared.prefix(2).map(\.value).joined(separator: ", ") + (shared.count > 2 ? " +\(shared.count - 2)" : "")
        return flag(ctx, s, "Shares login IP \(ips) with \(names)\(more)", evidence)
    }
}
