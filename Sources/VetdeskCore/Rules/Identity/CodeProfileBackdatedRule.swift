/// Code-hosting account created after its oldest commits (history imported or forged to look seasoned).
public struct CodeProfileBackdatedRule: Rule {
    public init() {}
    public let id = "code_profile_backdated"
    public let title = "Code profile older on paper than the account"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.unit42, Sources.secureworks)
    public let thresholds: [String: Double] = ["tolerance_days": 1]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let c = ctx.candidate
        guard let created = c.githubCreatedAt, let firstCommit = c.githubFirstCommitAt,
              created - firstCommit > Int64(s["tolerance_days"] * 86400) else { return nil }
        let days = (created - firstCommit) / 86400
        let user = Sanitize.forDisplay(c.githubUsername ?? "code account")
        return flag(ctx, s, "\(user) created \(EvidenceText.date(created)), \(days) days after its first commit \(EvidenceText.date(firstCommit))", [
            EvidenceText.field("github_username", c.githubUsername),
            Evidence(kind: .field, ref: "github_created_at", detail: "account created \(EvidenceText.date(created))"),
            Evidence(kind: .field, ref: "github_first_commit_at", detail: "first commit \(EvidenceText.date(firstCommit))"),
        ])
    }
}
