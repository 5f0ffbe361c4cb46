/// Logins from devices the company does not manage, appearing around hire (instead of the issued laptop).
public struct UnmanagedDeviceRule: Rule {
    public init() {}
    public let id = "unmanaged_device"
    public let title = "Unmanaged device right after hire"
    public let severity = Severity.high
    public let weight = 0.2
    public let source = Sources.cite(Sources.fbiJan2025, Sources.gtig2025)
    /// Unmanaged devices first seen up to this many days after hire count; with no hire date, all do.
    public let thresholds: [String: Double] = ["days_after_hire": 30]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let hired = ctx.candidate.hiredAt
        let limit = Int64(s["days_after_hire"] * 86400)
        let hits = ctx.unmanagedDevices.filter { d in
            guard d.managed == false else { return false }
            guard let hired else { return true }
            return d.firstAt >= hired - 86400 && d.firstAt - hired <= limit
        }
        guard !hits.isEmpty else { return nil }
        let evidence = hits.map {
            Evidence(kind: .device, ref: $0.deviceId,
                     detail: "unmanaged device \(Sanitize.forDisplay($0.deviceId)): \(EvidenceText.plural($0.events, "login")) \(EvidenceText.span($0.firstAt, $0.lastAt))")
        }
        let when = hired.map { "hire on \(EvidenceText.date($0))" } ?? "unknown hire date"
        return flag(ctx, s, "\(EvidenceText.plural(hits.count, "unmanaged device")) first seen \(EvidenceText.time(hits.map(\.firstAt).min()!)) (\(when))", evidence)
    }
}
