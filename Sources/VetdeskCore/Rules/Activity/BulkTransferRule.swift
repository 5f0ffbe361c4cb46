/// Clones or downloads in a day far above the person's own baseline and above what peers in the
/// same role do on their busiest day: the mass cloning that preceded the extortion cases.
/// Near miss: a new starter's first-week clone of the repositories they were given: within the hire
/// window, a volume like the role's own first weeks, or objects the role's peers work on too.
public struct BulkTransferRule: Rule {
    public init() {}
    public let id = "bulk_transfer"
    public let title = "Bulk clones or downloads far above own and peer baseline"
    public let severity = Severity.high
    public let weight = 0.45
    public let source = Sources.cite(Sources.fbiJan2025, Sources.mandiant2024, Sources.secureworks)
    public let thresholds: [String: Double] = [
        "min_events": 30,          // a day below this never fires
        "own_factor": 5,           // peak day / own median active day
        "peer_factor": 3,          // peak day / role peers' median busiest day
        "min_peers": 3,            // fewer peers: the own baseline alone decides
        "baseline_days": 90,
        "hire_window_days": 10,    // near miss: days after hired_at
        "first_week_factor": 1.5,  // ... with a volume up to this times the role's first weeks
        "given_share": 0.8,        // ... or this share of the objects touched by role peers too
    ]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let a = ctx.activity, let p = a.peak, Double(p.events) >= s["min_events"] else { return nil }
        let own = TransferEvidence.ownBaseline(a.days, excluding: p.day, window: Int64(s["baseline_days"]))
        guard Double(p.events) >= s["own_factor"] * max(own.median, 1) else { return nil }
        let peersKnown = Double(a.peers.peers) >= s["min_peers"]
        if peersKnown, Double(p.events) < s["peer_factor"] * max(a.peers.medianPeakDay, 1) { return nil }
        if let hired = ctx.candidate.hiredAt, p.day >= hired / 86400, p.day < hired / 86400 + Int64(s["hire_window_days"]) {
            let firstWeek = a.peers.medianFirstWeekPeak
            if firstWeek > 0, Double(p.events) <= s["first_week_factor"] * firstWeek { return nil }
            let shared = a.objects.filter { $0.peersTouching > 0 }.count
            if peersKnown, !a.objects.isEmpty, Double(shared) / Double(a.objects.count) >= s["given_share"] { return nil }
        }
        let peerText = peersKnown
            ? "role peers (\(a.peers.peers)) median busiest day \(fmt(a.peers.medianPeakDay))"
            : "too few role peers to compare (\(a.peers.peers))"
        let baseline = Evidence(kind: .field, ref: "transfer_baseline",
                                detail: "own median \(fmt(own.median)) a day over \(EvidenceText.plural(own.activeDays, "other active day")); \(peerText)")
        let ips = a.ips.filter { p.ips.contains($0.ip) }.map(TransferEvidence.ip)
        return flag(ctx, s, "\(TransferEvidence.count(p.events)) of \(EvidenceText.plural(p.distinctObjects, "object")) on \(EvidenceText.day(p.day)), own median \(fmt(own.median)) a day",
                    [TransferEvidence.peak(p), baseline] + TransferEvidence.objects(p) + ips)
    }

    private func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x) }
}
