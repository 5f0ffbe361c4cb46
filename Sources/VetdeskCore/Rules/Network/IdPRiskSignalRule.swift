/// Sign-ins the identity provider itself flagged (Entra ID Protection's riskLevelDuringSignIn /
/// riskState / riskEventTypes_v2, Okta's ThreatInsight and risk evaluation, Google's
/// is_suspicious), quoted as the vendor wrote them. A verdict whose every reason is a fact one of
/// Vetdesk's own rules already scores on the same sign-in is left to that rule, so one fact is not
/// counted twice (docs/rules.md): an anonymiser verdict on an IP that anonymizer_geo_mismatch
/// counts, a travel verdict on a login that multi_country_burst sees hop countries.
public struct IdPRiskSignalRule: Rule {
    public init() {}
    public let id = "idp_risk_signal"
    public let title = "Identity provider flagged sign-ins as risky"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.microsoft2025, Sources.fbiJan2025)
    public let thresholds: [String: Double] = ["min_level": 2, "min_events": 1, "travel_window_hours": 3]

    /// Vendor reasons that anonymizer_geo_mismatch scores from Vetdesk's own IP intelligence.
    static let anonymizerReasons: Set<String> = ["anonymizedipaddress", "isproxy=true", "tor"]
    /// Vendor reasons that multi_country_burst scores from the logins' countries and times.
    static let travelReasons: Set<String> = ["impossibletravel", "unlikelytravel", "new geo-location", "new country",
                                             "velocity", "newcountry"]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let minLevel = Int(s["min_level"])
        let flagged = ctx.idpRiskLogins.filter { Self.rank($0.level) >= minLevel && !covered($0, ctx, s) }
        guard !flagged.isEmpty, Double(flagged.count) >= s["min_events"] else { return nil }
        let highest = flagged.map(\.level).max { Self.rank($0) < Self.rank($1) } ?? "medium"
        let evidence = flagged.sorted { $0.occurredAt > $1.occurredAt }.prefix(10).map { l in
            Evidence(kind: .login, ref: String(l.id),
                     detail: "\(EvidenceText.time(l.occurredAt)) \(l.ip) \(l.country.isEmpty ? "??" : l.country) \(l.outcome): \(l.verdict)")
        }
        return flag(ctx, s, "\(EvidenceText.plural(flagged.count, "sign-in")) the identity provider flagged as risky (highest \(highest))",
                    Array(evidence))
    }

    static func rank(_ level: String) -> Int {
        switch level {
        case "high": 3
        case "medium": 2
        case "low": 1
        default: 0
        }
    }

    /// True when every reason the vendor gave is scored by another rule on this very sign-in.
    func covered(_ l: IdPRiskLogin, _ ctx: RuleContext, _ s: RuleSettings) -> Bool {
        let reasons = Self.reasons(l.verdict)
        guard !reasons.isEmpty else { return false }
        for reason in reasons {
            if Self.anonymizerReasons.contains(reason) {
                guard anonymiserCounted(l, ctx) else { return false }
            } else if Self.travelReasons.contains(reason) {
                guard travelCounted(l, ctx, window: Int64(s["travel_window_hours"] * 3600)) else { return false }
            } else {
                return false
            }
        }
        return true
    }

    /// anonymizer_geo_mismatch's own condition for this IP.
    private func anonymiserCounted(_ l: IdPRiskLogin, _ ctx: RuleContext) -> Bool {
        guard let declared = ctx.candidate.declaredCountry.countryCode else { return false }
        return ctx.networkIPs.contains { u in
            u.ip == l.ip && (u.info.anonymousProxy || u.info.providerKind == "vpn" || u.info.providerKind == "hosting")
                && u.info.country.countryCode.map { $0 != declared } == true
        }
    }

    /// multi_country_burst sees a login in another country within its window of this one.
    private func travelCounted(_ l: IdPRiskLogin, _ ctx: RuleContext, window: Int64) -> Bool {
        ctx.burstLogins.contains { b in
            !b.country.isEmpty && b.country != l.country && abs(b.occurredAt - l.occurredAt) <= window
        }
    }

    /// The vendor's reasons in a stored verdict (IdPRiskVerdict's quote), lower-cased: Entra's
    /// riskEventTypes_v2 items, Okta's positive behaviours and isProxy / threatSuspected, Google's
    /// is_suspicious. Levels and states are not reasons.
    static func reasons(_ verdict: String) -> [String] {
        var out: [String] = []
        for fact in verdict.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if let open = fact.range(of: "riskEventTypes_v2=["), let close = fact.lastIndex(of: "]") {
                out += fact[open.upperBound..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            } else if let colon = fact.range(of: "behaviors POSITIVE: ") {
                out += fact[colon.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            } else if fact.hasSuffix("isProxy=true") {
                out.append("isproxy=true")
            } else if fact.hasSuffix("threatSuspected=true") {
                out.append("threatsuspected=true")
            } else if fact.hasSuffix("is_suspicious=true") {
                out.append("is_suspicious=true")
            } else if fact.contains("risk=") || fact.contains("risk level=") {
                out.append("okta risk")
            }
        }
        return out
    }
}
