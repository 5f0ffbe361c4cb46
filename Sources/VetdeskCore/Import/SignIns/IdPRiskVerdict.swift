/// What the identity provider itself concluded about a sign-in (Okta ThreatInsight / behaviour
/// detection, Entra ID Protection, Google's suspicious-login detection), kept with the event as
/// `idp_risk_level` and `idp_risk`: the level, and the vendor's own fields quoted ("Entra
/// riskLevelDuringSignIn=high; riskEventTypes_v2=[anonymizedIPAddress]").
struct IdPRiskVerdict {
    enum Level: Int, Comparable {
        case low = 1, medium, high
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var name: String {
            switch self {
            case .low: "low"
            case .medium: "medium"
            case .high: "high"
            }
        }
        /// "low" / "medium" / "high" in any case; nil for none, hidden, unknown...
        init?(vendor text: String) {
            switch text.lowercased() {
            case "low": self = .low
            case "medium": self = .medium
            case "high": self = .high
            default: return nil
            }
        }
    }

    private(set) var level: Level?
    private(set) var facts: [String] = []

    mutating func add(_ level: Level?, _ fact: String) {
        facts.append(fact)
        if let level, self.level.map({ $0 < level }) ?? true { self.level = level }
    }

    /// Lowers the level to at most `cap` (an admin dismissed the risk, or confirmed the sign-in safe).
    mutating func cap(_ cap: Level) {
        if let l = level, cap < l { level = cap }
    }

    /// (level, quote) for the event; nil when the provider flagged nothing.
    var stored: (level: String, quote: String)? {
        guard let level, !facts.isEmpty else { return nil }
        return (level.name, facts.joined(separator: "; "))
    }
}

extension LoginEvent {
    mutating func setRisk(_ verdict: IdPRiskVerdict) {
        idpRiskLevel = verdict.stored?.level
        idpRisk = verdict.stored?.quote
    }
}

extension SkipReason {
    /// Entra ServicePrincipalSignInLogs (apps signing in with their own credentials).
    static let servicePrincipal: SkipReason = "service_principal"
    /// Entra ManagedIdentitySignInLogs (Azure resources' managed identities).
    static let managedIdentity: SkipReason = "managed_identity"
    /// Okta user.session.end, Google logout.
    static let logout: SkipReason = "logout"
    /// An event with no user at all (an Okta system event without a user target).
    static let noUser: SkipReason = "no_user"
}
