/// Repeated requests to be paid before the work: derived from invoice / payment-request records
/// (payment_request), each compared with the period or milestone it bills and with the hire date.
/// A request counts when it is marked an advance, or was made more than `grace_days` before the
/// billed period starts, the billed milestone is due, or the person was hired. One advance (a
/// contractor in arrears asking once at a milestone) is ordinary; the pattern is repeated asking.
/// The `prepayment_requests` column stays as an optional override (the team's own count).
public struct PrepaymentPressureRule: Rule {
    public init() {}
    public let id = "prepayment_pressure"
    public let title = "Repeated requests to be paid before the work"
    public let severity = Severity.medium
    public let weight = 0.1
    public let source = Sources.cite(Sources.ofsi2024, Sources.npa2024)
    public let thresholds: [String: Double] = ["requests": 2, "grace_days": 3]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let early = ctx.earlyRequests.compactMap { r in Self.early(r, hiredAt: ctx.candidate.hiredAt, s).map { (r, $0) } }
        let labelled = ctx.candidate.prepaymentRequests
        let derived = Double(early.count) >= s["requests"]
        let override = Double(labelled) >= s["requests"]
        guard derived || override else { return nil }
        var evidence = early.map { r, why in
            Evidence(kind: .paymentRequest, ref: r.id, detail: "\(Sanitize.forDisplay(r.id)) requested \(EvidenceText.date(r.requestedAt))"
                     + Self.amount(r) + ": \(why)" + (r.status.map { " (\($0))" } ?? ""))
        }
        var parts: [String] = []
        if !early.isEmpty {
            parts.append("Asked \(early.count == 1 ? "once" : "\(early.count) times") to be paid before the work (invoices and payment requests)")
        }
        if labelled > 0 {
            let times = labelled == 1 ? "once" : "\(labelled) times"
            parts.append(early.isEmpty ? "Asked \(times) to be paid before milestones (prepayment_requests, the team's count)"
                                       : "the team's prepayment_requests count says \(labelled)")
            evidence.append(EvidenceText.field("prepayment_requests", "\(labelled) (override)"))
        }
        return flag(ctx, s, parts.joined(separator: "; "), evidence)
    }

    /// Why a request is early, nil when it is not.
    static func early(_ r: PaymentRequest, hiredAt: Int64?, _ s: RuleSettings) -> String? {
        let grace = Int64(s["grace_days"] * 86400)
        func before(_ t: Int64?, _ what: String) -> String? {
            guard let t, r.requestedAt < t - grace else { return nil }
            return "\((t - r.requestedAt) / 86400) days before \(what)"
        }
        var why: [String] = []
        if let h = before(hiredAt, "hire") { why.append(h) }
        if let p = before(r.periodStart, "the billed period starts (\(r.periodStart.map(EvidenceText.date) ?? ""))") { why.append(p) }
        let name = r.milestone.map { "milestone '\(Sanitize.forDisplay($0))'" } ?? "the milestone"
        if let m = before(r.milestoneDueAt, "\(name) is due (\(r.milestoneDueAt.map(EvidenceText.date) ?? ""))") { why.append(m) }
        if r.kind == "advance" { why.insert("marked advance", at: 0) }
        return why.isEmpty ? nil : why.joined(separator: ", ")
    }

    static func amount(_ r: PaymentRequest) -> String {
        guard let a = r.amount else { return "" }
        return " for \(Sanitize.forDisplay(a))" + (r.currency.map { " \(Sanitize.forDisplay($0))" } ?? "")
    }
}
