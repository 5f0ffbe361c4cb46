/// Referred by, or referred, a candidate who is escalated/referred or scores high on their own flags.
public struct ReferralChainRule: Rule {
    public init() {}
    public let id = "referral_chain"
    public let title = "Referral link to a flagged candidate"
    public let severity = Severity.high
    public let weight = 0.3
    public let source = Sources.cite(Sources.seal, Sources.gtig2025, Sources.microsoft2025)
    /// A neighbour counts as flagged from this score (its flags other than referral_chain); 55 = band high.
    public let thresholds: [String: Double] = ["min_neighbor_score": 55]
    public var pass: RulePass { .second }

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let bad = ctx.referrals.filter {
            $0.status == .escalated || $0.status == .referred || $0.decisive || Double($0.baseScore) >= s["min_neighbor_score"]
        }
        guard !bad.isEmpty else { return nil }
        let evidence = bad.map { n -> Evidence in
            var why = "score \(n.baseScore)"
            if let st = n.status, st == .escalated || st == .referred { why = "case \(st.label), " + why }
            if !n.topRules.isEmpty { why += " (\(n.topRules.joined(separator: ", ")))" }
            let rel = n.relation == .referrer ? "referred by" : "referred"
            return Evidence(kind: .candidate, ref: n.candidate.id, detail: "\(rel) \(EvidenceText.candidate(n.candidate)): \(why)")
        }
        let parts = bad.prefix(3).map { "\($0.relation == .referrer ? "referred by" : "referred") \(EvidenceText.candidate($0.candidate))" }
        return flag(ctx, s, parts.joined(separator: "; ").capitalizedFirst + (bad.count > 3 ? " and \(bad.count - 3) more" : "")
                    + " — flagged", evidence)
    }
}
