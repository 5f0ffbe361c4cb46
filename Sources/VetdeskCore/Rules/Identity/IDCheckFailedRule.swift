/// An identity-document check failed, the face did not match, or manipulation was flagged.
public struct IDCheckFailedRule: Rule {
    public init() {}
    public let id = "id_check_failed"
    public let title = "ID verification failed"
    public let severity = Severity.high
    public let weight = 0.4
    public let source = Sources.cite(Sources.fbiMay2024, Sources.knowbe4)

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let bad = ctx.checks.filter { $0.result == "failed" || $0.faceMatch == false || $0.manipulationFlagged }
        guard !bad.isEmpty else { return nil }
        var reasons = Set<String>()
        let evidence = bad.sorted { $0.checkedAt < $1.checkedAt }.map { c -> Evidence in
            var why: [String] = []
            if c.result == "failed" { why.append("result failed"); reasons.insert("check failed") }
            if c.faceMatch == false { why.append("face does not match"); reasons.insert("face mismatch") }
            if c.manipulationFlagged { why.append("document manipulation flagged"); reasons.insert("manipulated document") }
            let doc = [c.documentType, c.documentCountry].compactMap { $0 }.joined(separator: " ")
            return Evidence(kind: .identityCheck, ref: c.id,
                            detail: "\(EvidenceText.time(c.checkedAt)) \(c.provider ?? "ID check") \(doc): \(why.joined(separator: ", "))")
        }
        return flag(ctx, s, "ID verification: \(reasons.sorted().joined(separator: ", ")) (\(EvidenceText.plural(bad.count, "check")))", evidence)
    }
}
