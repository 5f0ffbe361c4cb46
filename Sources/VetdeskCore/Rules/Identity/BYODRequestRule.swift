/// Works from an own device instead of the company laptop. Derived from device data: no managed
/// device ever seen (no login_device row marked managed, no endpoint agent reporting) and the
/// sign-ins that report a device all come from unmanaged ones, over enough sign-ins and days after
/// hire to judge (a new starter whose laptop ships next week signs in from home a few days first).
/// The `byod_requested` column stays as an optional override, named in the evidence when it fires.
public struct BYODRequestRule: Rule {
    public init() {}
    public let id = "byod_request"
    public let title = "Works only from an own device, never the company laptop"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.gtig2025, Sources.microsoft2025)
    public let thresholds: [String: Double] = ["min_signins": 20, "min_days": 14, "unmanaged_share": 0.8,
                                               // Only where the company issues laptops: at least this share of
                                               // the people whose device is reported use a managed one.
                                               "peer_managed_share": 0.8]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        var reasons: [String] = []
        var evidence: [Evidence] = []
        if let p = Self.onlyUnmanaged(ctx, s) {
            reasons.append("signed in only from unmanaged devices: \(EvidenceText.plural(p.unmanaged, "sign-in")) over \(p.days) days"
                           + ", no managed device or endpoint agent ever seen")
            evidence.append(Evidence(kind: .field, ref: "device_managed", detail:
                "\(p.unmanaged) of \(EvidenceText.plural(p.posture.total, "sign-in")) from unmanaged devices, \(p.posture.managed) managed, "
                + "\(p.posture.unknown) without device data, \(EvidenceText.span(p.first, p.last))"))
            evidence.append(Evidence(kind: .field, ref: "endpoint_observation",
                                     detail: "no device marked managed in the sign-ins and no endpoint agent observation"))
            if let share = p.posture.peerManagedShare {
                evidence.append(Evidence(kind: .field, ref: "peer_managed_share",
                                         detail: "\(Int((share * 100).rounded())) % of people whose device is reported use a managed one"))
            }
            evidence += ctx.unmanagedDevices.map {
                Evidence(kind: .device, ref: $0.deviceId, detail: "unmanaged device \(Sanitize.forDisplay($0.deviceId)): "
                         + "\(EvidenceText.plural($0.events, "login")) \(EvidenceText.span($0.firstAt, $0.lastAt))")
            }
        }
        if ctx.candidate.byodRequested {
            reasons.append("asked to work from an own device / VDI (byod_requested, the team's label)")
            evidence.append(EvidenceText.field("byod_requested", "yes (override)"))
        }
        guard !reasons.isEmpty else { return nil }
        let summary = reasons.joined(separator: "; ")
        return flag(ctx, s, summary.prefix(1).uppercased() + summary.dropFirst(), evidence)
    }

    struct Reading {
        var posture: DevicePosture
        var unmanaged: Int
        var first: Int64
        var last: Int64
        var days: Int64
    }

    /// The derived reading, nil when the data does not show it or is too thin to judge.
    static func onlyUnmanaged(_ ctx: RuleContext, _ s: RuleSettings) -> Reading? {
        guard let p = ctx.devicePosture, p.managed == 0, let first = p.firstUnmanagedAt, let last = p.lastUnmanagedAt,
              Double(p.unmanaged) >= s["min_signins"], Double(p.unmanaged) >= s["unmanaged_share"] * Double(p.total),
              (p.peerManagedShare ?? 1) >= s["peer_managed_share"]
        else { return nil }
        // Days of own-device use since the person started (or since the first such sign-in).
        let start = max(first, ctx.candidate.hiredAt ?? first)
        let days = (last - start) / 86400
        guard last > start, Double(days) >= s["min_days"] else { return nil }
        return Reading(posture: p, unmanaged: p.unmanaged, first: first, last: last, days: days)
    }
}
