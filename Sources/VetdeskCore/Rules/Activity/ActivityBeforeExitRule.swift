/// A transfer spike in the days before the person goes quiet: sign-ins stop or the payout details
/// change. The extortion cases took the data on the way out.
public struct ActivityBeforeExitRule: Rule {
    public init() {}
    public let id = "activity_before_exit"
    public let title = "Transfer spike just before sign-ins stop or payout details change"
    public let severity = Severity.high
    public let weight = 0.3
    public let source = Sources.cite(Sources.fbiJan2025, Sources.mandiant2024, Sources.secureworks)
    public let thresholds: [String: Double] = [
        "window_days": 14,     // spike at most this many days before the exit signal
        "quiet_days": 14,      // sign-ins stopped: none in this many days before the store's newest sign-in
        "min_events": 20,
        "own_factor": 4,       // spike / own median active day
    ]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let a = ctx.activity, let p = a.peak, Double(p.events) >= s["min_events"] else { return nil }
        let own = TransferEvidence.ownBaseline(a.days, excluding: p.day, window: 90)
        guard Double(p.events) >= s["own_factor"] * max(own.median, 1) else { return nil }
        let spikeAt = p.day * 86400, window = Int64(s["window_days"] * 86400)
        var exits: [(String, Int64)] = []
        if let last = a.lastSignInAt, let horizon = a.signInHorizon, horizon - last >= Int64(s["quiet_days"] * 86400) {
            exits.append(("sign-ins stopped", last))
        }
        if let changed = a.payoutChangedAt { exits.append(("payout details changed", changed)) }
        guard let hit = exits.filter({ $0.1 >= spikeAt && $0.1 - spikeAt <= window + 86400 }).min(by: { $0.1 < $1.1 }) else { return nil }
        let days = max(0, (hit.1 - spikeAt) / 86400)
        return flag(ctx, s, "\(TransferEvidence.count(p.events)) on \(EvidenceText.day(p.day)), \(EvidenceText.plural(Int(days), "day")) before \(hit.0)", [
            TransferEvidence.peak(p),
            Evidence(kind: .field, ref: "exit_signal", detail: "\(hit.0): \(EvidenceText.time(hit.1))"),
        ] + TransferEvidence.objects(p))
    }
}
