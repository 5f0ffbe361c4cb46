/// Repositories or drives that almost no one else in the same role touches, many of them: the
/// workers took whatever they could reach, not what their job needed.
public struct AccessOutsideRoleRule: Rule {
    public init() {}
    public let id = "access_outside_role"
    public let title = "Repositories or drives far from what the role's peers touch"
    public let severity = Severity.medium
    public let weight = 0.2
    public let source = Sources.cite(Sources.fbiJan2025, Sources.mandiant2024, Sources.secureworks)
    public let thresholds: [String: Double] = [
        "min_peers": 4,        // role peers needed to judge
        "peer_share": 0.1,     // an object is outside the role when at most this share of peers touch it
        "min_objects": 5,      // outside-role objects needed
        "min_share": 0.3,      // ... and this share of all the person's objects
    ]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let a = ctx.activity, Double(a.peers.peers) >= s["min_peers"], !a.objects.isEmpty else { return nil }
        let limit = s["peer_share"] * Double(a.peers.peers)
        let outside = a.objects.filter { Double($0.peersTouching) <= limit }
        guard Double(outside.count) >= s["min_objects"], Double(outside.count) / Double(a.objects.count) >= s["min_share"] else { return nil }
        let role = Sanitize.forDisplay(ctx.candidate.role ?? "")
        let evidence = [Evidence(kind: .field, ref: "role", detail: "role: \(role), \(EvidenceText.plural(a.peers.peers, "peer")) with transfer data")]
            + outside.prefix(6).map {
                Evidence(kind: .field, ref: "transfer_object",
                         detail: "object: \(Sanitize.forDisplay($0.object)), \(EvidenceText.plural($0.events, "event")), \($0.peersTouching) of \(a.peers.peers) peers touch it")
            }
        return flag(ctx, s, "\(outside.count) of \(EvidenceText.plural(a.objects.count, "object")) touched are outside what \(role) peers use", evidence)
    }
}
