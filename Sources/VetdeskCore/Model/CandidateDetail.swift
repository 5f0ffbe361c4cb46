/// Everything the console and `vetdesk show` display about one candidate, read in one
/// snapshot. Filled by `Store.candidateDetail(_:)` (Store/Detail*.swift). Lists are bounded
/// (e.g. the most recent logins) so a candidate with a million events stays cheap to open.
/// Encodable: `vetdesk show --json` writes it (snake_case keys, documented in docs/cli-json.md).
public struct CandidateDetail: Sendable, Equatable, Encodable {
    public var candidate: Candidate
    public var caseFile: CaseFile?
    public var flags: [Flag]                   // highest weight first
    public var identityChecks: [IdentityCheck] // newest first
    public var interviews: [Interview]         // newest first
    public var accounts: [PaymentAccountUse]   // most recently paid first
    public var payments: [Payment]             // newest first, bounded
    public var paymentsTotal: Int              // all payments, though `payments` is bounded
    public var logins: LoginSummary
    public var endpoints: [EndpointObservation] // newest first, bounded
    public var links: [CandidateLink]          // grouped by kind, capped per kind
    public var history: [HistoryEntry]         // oldest first (by seq)
    /// Title and public source of each rule that flagged this candidate, by rule id.
    public var rules: [String: RuleInfo]
    /// Sanctions-list hits of every list version that found this candidate, oldest first (ListStore).
    public var listHits: [ListHitRow] = []
    /// After-hire transfers and commits (issue 10); nil when the candidate has none.
    public var activity: TransferActivity?

    public init(candidate: Candidate, caseFile: CaseFile? = nil, flags: [Flag] = [], identityChecks: [IdentityCheck] = [],
                interviews: [Interview] = [], accounts: [PaymentAccountUse] = [], payments: [Payment] = [],
                paymentsTotal: Int? = nil, logins: LoginSummary = LoginSummary(), endpoints: [EndpointObservation] = [],
                links: [CandidateLink] = [], history: [HistoryEntry] = [], rules: [String: RuleInfo] = [:]) {
        self.candidate = candidate; self.caseFile = caseFile; self.flags = flags; self.identityChecks = identityChecks
        self.interviews = interviews; self.accounts = accounts; self.payments = payments
        self.paymentsTotal = paymentsTotal ?? payments.count; self.logins = logins
        self.endpoints = endpoints; self.links = links; self.history = history
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey {
        case candidate, caseFile, flags, identityChecks, interviews, accounts, payments, paymentsTotal, logins
        case endpoints, links, history, rules, scoreBreakdown, listHits, activity
    }

    /// `rules` is written as an array sorted by id: JSON object keys would be rewritten by key strategies.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(candidate, forKey: .candidate)
        try c.encode(caseFile, forKey: .caseFile)
        try c.encode(flags, forKey: .flags)
        try c.encode(identityChecks, forKey: .identityChecks)
        try c.encode(interviews, forKey: .interviews)
        try c.encode(accounts, forKey: .accounts)
        try c.encode(payments, forKey: .payments)
        try c.encode(paymentsTotal, forKey: .paymentsTotal)
        try c.encode(logins, forKey: .logins)
        try c.encode(endpoints, forKey: .endpoints)
        try c.encode(links, forKey: .links)
        try c.encode(history, forKey: .history)
        try c.encode(listHits, forKey: .listHits)
        try c.encode(rules.values.sorted { $0.id < $1.id }, forKey: .rules)
        try c.encode(ScoreBreakdown(flags: flags), forKey: .scoreBreakdown)
        try c.encodeIfPresent(activity, forKey: .activity)
    }
}

/// How the flags make up the score: each flag's points (they add up to the score) and the
/// flags carrying most of it.
public struct ScoreBreakdown: Sendable, Equatable, Encodable {
    public var carriedBy: String
    public var contributions: [RiskScorer.Contribution]
    public init(flags: [Flag]) {
        carriedBy = RiskScorer.carriers(flags)
        contributions = RiskScorer.contributions(flags)
    }
}

/// What a rule is and where it comes from, for explaining a flag.
public struct RuleInfo: Sendable, Equatable, Encodable {
    public var id: String
    public var title: String
    public var source: String
    public init(id: String, title: String, source: String) { self.id = id; self.title = title; self.source = source }
}

/// A payment account as this candidate uses it, with the other candidates paid into it.
public struct PaymentAccountUse: Sendable, Equatable, Encodable {
    public var account: PaymentAccount
    public var payments: Int
    public var firstPaidAt: Int64?
    public var lastPaidAt: Int64?
    public var sharedWith: [String]            // other candidate ids, capped
    public init(account: PaymentAccount, payments: Int, firstPaidAt: Int64?, lastPaidAt: Int64?, sharedWith: [String]) {
        self.account = account; self.payments = payments; self.firstPaidAt = firstPaidAt
        self.lastPaidAt = lastPaidAt; self.sharedWith = sharedWith
    }
}

/// A login event with its IP intelligence, for the logins panel.
public struct EnrichedLogin: Sendable, Equatable, Encodable {
    public var event: LoginEvent
    public var ip: IPInfo?
    public init(event: LoginEvent, ip: IPInfo?) { self.event = event; self.ip = ip }
}

/// Logins by resolved country (from the importer's `login_day` summary).
public struct CountryCount: Sendable, Equatable, Encodable {
    public var country: String                 // ISO alpha-2, "" when unknown
    public var events: Int
    public init(country: String, events: Int) { self.country = country; self.events = events }
}

/// Logins by network (AS and named provider), from `login_ip_use` ⋈ `ip_info`.
public struct NetworkCount: Sendable, Equatable, Encodable {
    public var asn: Int?
    public var asName: String?
    public var provider: String?               // e.g. "Astrill VPN"
    public var providerKind: String?           // vpn | hosting | corporate
    public var country: String?
    public var anonymousProxy: Bool
    public var dprkNamed: Bool                 // provider named in DPRK IT-worker reporting
    public var ips: Int
    public var events: Int
    public init(asn: Int?, asName: String?, provider: String?, providerKind: String? = nil, country: String? = nil,
                anonymousProxy: Bool = false, dprkNamed: Bool = false, ips: Int = 1, events: Int) {
        self.asn = asn; self.asName = asName; self.provider = provider; self.providerKind = providerKind
        self.country = country; self.anonymousProxy = anonymousProxy; self.dprkNamed = dprkNamed
        self.ips = ips; self.events = events
    }
    /// Proxy, VPN or hosting exit: the networks an analyst looks at first.
    public var isAnonymising: Bool { anonymousProxy || providerKind == "vpn" || providerKind == "hosting" }
}

public struct LoginSummary: Sendable, Equatable, Encodable {
    public var totalEvents: Int = 0
    public var distinctIPs: Int = 0
    public var firstAt: Int64? = nil
    public var lastAt: Int64? = nil
    public var recent: [EnrichedLogin] = []    // newest first, bounded
    public var countries: [CountryCount] = []  // most events first
    public var networks: [NetworkCount] = []   // most events first, bounded
    /// events[weekday 0=Mon][hour 0..23], UTC
    public var heatmap: [[Int]] = Array(repeating: Array(repeating: 0, count: 24), count: 7)
    public init() {}
}

/// Why two candidates are linked: a shared IP, payment account, contact, device or a referral.
public struct CandidateLink: Sendable, Equatable, Encodable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case ip, paymentAccount = "payment_account", email, phone, address
        case resume, photo, device, referredBy = "referred_by", referred
        public var label: String {
            switch self {
            case .ip: "shared login IP"
            case .paymentAccount: "shared payment account"
            case .email: "same email"
            case .phone: "same phone"
            case .address: "same address"
            case .resume: "same resume"
            case .photo: "same photo"
            case .device: "shared device"
            case .referredBy: "referred by"
            case .referred: "referred"
            }
        }
    }
    public var kind: Kind
    public var otherId: String
    public var otherName: String
    public var otherStatus: CaseStatus?
    public var otherRisk: Int?
    public var via: String                     // the shared value, e.g. the IP or the IBAN
    public init(kind: Kind, otherId: String, otherName: String, otherStatus: CaseStatus?, otherRisk: Int?, via: String) {
        self.kind = kind; self.otherId = otherId; self.otherName = otherName; self.otherStatus = otherStatus
        self.otherRisk = otherRisk; self.via = via
    }
}
