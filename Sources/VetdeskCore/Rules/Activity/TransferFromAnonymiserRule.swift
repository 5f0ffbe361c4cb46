/// Clones or downloads from a VPN, VPS/hosting or anonymiser exit (unless it exits in the declared
/// country and carries the person's sign-ins too), or from an IP the person never signed in from: the workers reached company code through rented servers (laptop farms, VPS).
/// Sits in the network_exit group, so a VPS that also carries the sign-ins counts once.
public struct TransferFromAnonymiserRule: Rule {
    public init() {}
    public let id = "transfer_from_anonymiser"
    public let title = "Clones or downloads from an anonymiser, VPS or unknown IP"
    public let severity = Severity.medium
    public let weight = 0.3
    public let source = Sources.cite(Sources.fbiJan2025, Sources.mandiant2024, Sources.secureworks)
    public let thresholds: [String: Double] = [
        "min_events": 3,          // transfers through anonymising exits
        "min_unseen_events": 10,  // transfers from IPs never seen in the person's sign-ins
        "unseen_needs_signins": 1 // 1: the unseen-IP half needs sign-in data to compare against
    ]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let a = ctx.activity, !a.ips.isEmpty else { return nil }
        // A privacy VPN exiting at home that also carries the sign-ins is the person's habit, not a
        // hidden route (as anonymizer_geo_mismatch reads it).
        let declared = ctx.candidate.declaredCountry.countryCode
        let exits = a.ips.filter { $0.isAnonymising && (!$0.seenInSignIns || $0.info?.country.countryCode != declared || declared == nil) }
        let exitEvents = exits.reduce(0) { $0 + $1.events }
        let hasSignIns = a.lastSignInAt != nil || s["unseen_needs_signins"] == 0
        let unseen = hasSignIns ? a.ips.filter { !$0.isAnonymising && !$0.seenInSignIns } : []
        let unseenEvents = unseen.reduce(0) { $0 + $1.events }
        let viaExit = Double(exitEvents) >= s["min_events"]
        let viaUnseen = Double(unseenEvents) >= s["min_unseen_events"]
        guard viaExit || viaUnseen else { return nil }
        var parts: [String] = []
        if viaExit {
            let kinds = Set(exits.compactMap { $0.info?.providerKind ?? ($0.info?.anonymousProxy == true ? "anonymous proxy" : nil) }).sorted()
            parts.append("\(EvidenceText.plural(exitEvents, "transfer")) through \(EvidenceText.plural(exits.count, "exit")) (\(kinds.joined(separator: ", ")))")
        }
        if viaUnseen { parts.append("\(EvidenceText.plural(unseenEvents, "transfer")) from \(EvidenceText.plural(unseen.count, "IP")) never seen in sign-ins") }
        let shown = (viaExit ? exits : []) + (viaUnseen ? unseen : [])
        return flag(ctx, s, parts.joined(separator: "; "), shown.prefix(8).map(TransferEvidence.ip))
    }
}
