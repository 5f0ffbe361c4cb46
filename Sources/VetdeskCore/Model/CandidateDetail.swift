/// Everything the console and `vetdesk show` display about one candidate, read in one
/// snapshot. Filled by `Store.candidateDetail(_:)` (Store/Detail*.swift). Lists are bounded
/// (e.g. the most recent logins) so a candidate with a million events stays cheap to open.
public struct CandidateDetail: Sendable, Equatable {
    public var candidate: Candidate
    public var caseFile: CaseFile?
    public var flags: [Flag]
    public var identityChecks: [IdentityCheck]
    public var interviews: [Interview]
    public var accounts: [PaymentAccountUse]
    public var payments: [Payment]
    public var logins: LoginSummary
    public var endpoints: [EndpointObservation]
    public var links: [CandidateLink]
    public var history: [HistoryEntry]

    public init(candidate: Candidate, caseFile: CaseFile? = nil, flags: [Flag] = [], identityChecks: [IdentityCheck] = [],
                interviews: [Interview] = [], accounts: [PaymentAccountUse] = [], payments: [Payment] = [],
                logins: LoginSummary = LoginSummary(), endpoints: [EndpointObservation] = [],
                links: [CandidateLink] = [], history: [HistoryEntry] = []) {
        self.candidate = candidate; self.caseFile = caseFile; self.flags = flags; self.identityChecks = identityChecks
        self.interviews = interviews; self.accounts = accounts; self.payments = payments; self.logins = logins
        self.endpoints = endpoints; self.links = links; self.history = history
    }
}

/// A payment account as this candidate uses it, with the other candidates paid into it.
public struct PaymentAccountUse: Sendable, Equatable {
    public var account: PaymentAccount
    public var payments: Int
    public var firstPaidAt: Int64?
    public var lastPaidAt: Int64?
    public var sharedWith: [String]            // other candidate ids
    public init(account: PaymentAccount, payments: Int, firstPaidAt: Int64?, lastPaidAt: Int64?, sharedWith: [String]) {
        self.account = account; self.payments = payments; self.firstPaidAt = firstPaidAt
        self.lastPaidAt = lastPaidAt; self.sharedWith = sharedWith
    }
}

/// A login event with its IP intelligence, for the logins panel.
public struct EnrichedLogin: Sendable, Equatable {
    public var event: LoginEvent
    public var ip: IPInfo?
    public init(event: LoginEvent, ip: IPInfo?) { self.event = event; self.ip = ip }
}

public struct LoginSummary: Sendable, Equatable {
    public var totalEvents: Int = 0
    public var recent: [EnrichedLogin] = []                 // newest first, bounded
    public var countries: [(country: String, events: Int)] = []
    public var networks: [(asn: Int?, asName: String?, provider: String?, events: Int)] = []
    /// events[weekday 0=Mon][hour 0..23], UTC
    public var heatmap: [[Int]] = Array(repeating: Array(repeating: 0, count: 24), count: 7)
    public init() {}

    public static func == (a: LoginSummary, b: LoginSummary) -> Bool {
        a.totalEvents == b.totalEvents && a.recent == b.recent && a.heatmap == b.heatmap
            && a.countries.map(\.country) == b.countries.map(\.country) && a.countries.map(\.events) == b.countries.map(\.events)
            && a.networks.map(\.events) == b.networks.map(\.events) && a.networks.map(\.asn) == b.networks.map(\.asn)
    }
}

/// Why two candidates are linked: a shared IP, payment account, contact, device or a referral.
public struct CandidateLink: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case ip, paymentAccount = "payment_account", email, phone, address
        case resume, photo, device, referredBy = "referred_by", referred }
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
