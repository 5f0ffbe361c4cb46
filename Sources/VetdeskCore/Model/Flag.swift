import GRDB

public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high, decisive
    private var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One piece of evidence behind a flag: what was seen, and what it points at
/// (a login, an account, another candidate...), so the console can navigate to it.
public struct Evidence: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case login, ip, paymentAccount = "payment_account", payment, candidate, interview, identityCheck = "identity_check"
        case endpoint, watchlist, field, session
        /// A login device (`ref` = device id as the identity provider reports it).
        case device
        /// An invoice or payment request (`ref` = its request id).
        case paymentRequest = "payment_request"
    }
    public var kind: Kind
    /// The referenced item: a login event id, an IP, an account id, a candidate id, a field name...
    public var ref: String
    /// One human line: "2026-03-02 07:14Z 45.84.1.7 NL AS9009 M247 (Astrill VPN)".
    public var detail: String
    public init(kind: Kind, ref: String, detail: String) {
        self.kind = kind; self.ref = ref; self.detail = detail
    }
}

/// A rule that fired for a candidate.
public struct Flag: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "flag"
    public var candidateId: String
    public var ruleId: String
    public var severity: Severity
    public var weight: Double
    public var summary: String
    public var evidence: [Evidence]
    public var computedAt: Int64

    public init(candidateId: String, ruleId: String, severity: Severity, weight: Double, summary: String,
                evidence: [Evidence], computedAt: Int64) {
        self.candidateId = candidateId; self.ruleId = ruleId; self.severity = severity; self.weight = weight
        self.summary = summary; self.evidence = evidence; self.computedAt = computedAt
    }

    enum CodingKeys: String, CodingKey {
        case candidateId = "candidate_id", ruleId = "rule_id", severity, weight, summary, evidence
        case computedAt = "computed_at"
    }
    // evidence is stored as a JSON array in a TEXT column (GRDB's default for nested Codable).
}
