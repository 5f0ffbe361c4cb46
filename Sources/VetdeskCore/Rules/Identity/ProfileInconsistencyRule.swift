/// Name or location differs between the declared identity, the professional profile and the ID document.
public struct ProfileInconsistencyRule: Rule {
    public init() {}
    public let id = "profile_inconsistency"
    public let title = "Name or location differs across profiles"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.advisory2022, Sources.mandiant2024)
    /// Names whose token-set similarity is below this are "different people".
    public let thresholds: [String: Double] = ["name_similarity": 0.6]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let c = ctx.candidate
        var reasons: [String] = []
        var evidence: [Evidence] = []
        if let profileName = c.profileName.nonEmpty, NameMatch.similarity(profileName, c.fullName) < s["name_similarity"] {
            reasons.append("profile name '\(Sanitize.forDisplay(profileName))' is not '\(Sanitize.forDisplay(c.fullName))'")
            evidence.append(EvidenceText.field("profile_name", profileName))
        }
        if let shown = c.profileLocation.countryCode, let declared = c.declaredCountry.countryCode, shown != declared {
            reasons.append("profile location \(shown) but declared \(declared)")
            evidence.append(EvidenceText.field("profile_location", shown))
        }
        for check in ctx.checks {
            if let docName = check.nameOnDocument.nonEmpty, NameMatch.similarity(docName, c.fullName) < s["name_similarity"] {
                reasons.append("ID document name '\(Sanitize.forDisplay(docName))'")
                evidence.append(Evidence(kind: .identityCheck, ref: check.id,
                                         detail: "\(EvidenceText.time(check.checkedAt)) name on document: \(Sanitize.forDisplay(docName))"))
            }
        }
        guard !reasons.isEmpty else { return nil }
        evidence.insert(EvidenceText.field("full_name", c.fullName), at: 0)
        return flag(ctx, s, "Inconsistent identity: " + reasons.joined(separator: "; "), evidence)
    }
}
