/// Refused video or onsite meetings, camera off/broken, or repeated rescheduling.
public struct VideoAvoidanceRule: Rule {
    public init() {}
    public let id = "video_avoidance"
    public let title = "Avoids video or onsite meetings"
    public let severity = Severity.high
    public let weight = 0.35
    public let source = Sources.cite(Sources.advisory2022, Sources.fbiMay2024, Sources.knowbe4)
    public let thresholds: [String: Double] = ["reschedules": 2]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        var evidence: [Evidence] = []
        var reasons: [String] = []
        let refused = ctx.interviews.filter { $0.outcome == "refused" }
        let cameraAvoided = ctx.interviews.filter { ["off", "refused", "broken"].contains($0.camera ?? "") }
        let rescheduled = ctx.interviews.filter { $0.outcome == "rescheduled" || $0.outcome == "no_show" }
        if !refused.isEmpty { reasons.append("refused \(EvidenceText.plural(refused.count, "interview"))") }
        if !cameraAvoided.isEmpty { reasons.append("camera off/refused/broken in \(EvidenceText.plural(cameraAvoided.count, "interview"))") }
        if Double(rescheduled.count) >= s["reschedules"] {
            reasons.append("rescheduled or missed \(rescheduled.count) times")
        } else if reasons.isEmpty {
            return nil
        }
        let shown = ctx.interviews.filter { i in
            refused.contains(i) || cameraAvoided.contains(i) || (Double(rescheduled.count) >= s["reschedules"] && rescheduled.contains(i))
        }
        for i in shown.sorted(by: { $0.scheduledAt < $1.scheduledAt }) {
            var d = "\(EvidenceText.time(i.scheduledAt)) \(i.kind ?? "interview") \(i.outcome)"
            if let c = i.camera { d += ", camera \(c)" }
            if let n = i.notes.nonEmpty { d += ": \(Sanitize.forDisplay(n))" }
            evidence.append(Evidence(kind: .interview, ref: i.id, detail: d))
        }
        return flag(ctx, s, "Avoids being seen: " + reasons.joined(separator: "; "), evidence)
    }
}
