/// Rules that read the same underlying fact. A privacy-VPN exit abroad fires
/// `anonymizer_geo_mismatch`, and the hop from home to that exit looked like `multi_country_burst`:
/// one fact, which must not count as two independent signals. Inside a group the strongest flag
/// counts in full and every further one at `RuleGroups.furtherFactor` of its weight (diminishing
/// returns); flags of different groups, and flags in no group, compound as before (noisy-OR).
public enum RuleGroups {
    /// Weight multiplier for the second, third... flag of one group.
    public static let furtherFactor = 0.5

    public struct Group: Sendable, Equatable {
        public var id: String
        public var title: String
        public var rules: [String]
    }

    public static let all: [Group] = [
        Group(id: "network_exit", title: "where the logins exit",
              rules: ["anonymizer_geo_mismatch", "persistent_geo_mismatch", "multi_country_burst", "transfer_from_anonymiser"]),
        Group(id: "identity_document", title: "the ID document against the declared identity",
              rules: ["id_country_mismatch", "profile_inconsistency"]),
        Group(id: "payee", title: "who receives the money",
              rules: ["third_party_payee", "payment_country_mismatch"]),
        Group(id: "payout_accounts", title: "how many payout accounts and how often they change",
              rules: ["multiple_payment_accounts", "payout_churn"]),
        Group(id: "own_device", title: "working from a device the company does not manage",
              rules: ["byod_request", "unmanaged_device"]),
        Group(id: "data_taken", title: "one spike of clones and downloads",
              rules: ["bulk_transfer", "activity_before_exit", "access_outside_role"]),
        Group(id: "working_hours", title: "the hours and time zone the work is done in",
              rules: ["off_hours_pattern", "commit_timezone_mismatch"]),
    ]

    private static let byRule: [String: Group] = {
        var out: [String: Group] = [:]
        for g in all { for r in g.rules { out[r] = g } }
        return out
    }()

    /// The group a rule belongs to, nil for rules that stand alone.
    public static func group(of ruleId: String) -> Group? { byRule[ruleId] }
}
