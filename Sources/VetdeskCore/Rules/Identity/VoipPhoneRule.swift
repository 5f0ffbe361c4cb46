/// A VoIP / virtual phone number, or a phone number changed repeatedly.
public struct VoipPhoneRule: Rule {
    public init() {}
    public let id = "voip_phone"
    public let title = "VoIP phone or repeated phone changes"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.fbiOct2023, Sources.advisory2022)
    public let thresholds: [String: Double] = ["phone_changes": 2]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let c = ctx.candidate
        let voip = c.phoneType?.lowercased() == "voip"
        let churn = Double(c.phoneChanges) >= s["phone_changes"]
        guard voip || churn else { return nil }
        var reasons: [String] = []
        if voip { reasons.append(c.phone.nonEmpty.map { "phone \(Sanitize.forDisplay($0)) is VoIP" } ?? "phone is VoIP") }
        if churn { reasons.append("phone changed \(c.phoneChanges) times") }
        let evidence = [EvidenceText.field("phone", c.phone), EvidenceText.field("phone_type", c.phoneType),
                        EvidenceText.field("phone_changes", String(c.phoneChanges))]
        return flag(ctx, s, reasons.joined(separator: "; ").capitalizedFirst, evidence)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
