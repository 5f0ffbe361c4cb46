/// Everything an export may contain about one selected case, read in one snapshot by
/// `ExportStore.load`. Other candidates appear only as ids (linked candidates, shared accounts):
/// exports never carry data of cases that were not selected.
public struct ExportCase: Sendable, Equatable, Encodable {
    public var candidate: Candidate
    public var caseFile: CaseFile?
    public var flags: [Flag]                        // highest weight first
    public var loginAccounts: [String]              // identities mapped to the candidate
    public var identityChecks: [IdentityCheck]      // newest first
    public var interviews: [Interview]              // newest first
    public var paymentAccounts: [ExportPaymentAccount]
    public var payments: [Payment]                  // newest first, at most `ExportStore.paymentLimit`
    public var paymentsTotal: Int
    public var logins: ExportLogins
    public var endpoints: [EndpointObservation]     // newest first, bounded
    public var linkedCandidates: [ExportLink]
    public var history: [HistoryEntry]              // oldest first
    /// After-hire clones, downloads and commits (issue 10); nil when none are on record.
    public var transfers: TransferActivity? = nil

    /// The analyst's attribution in force, if any (never inferred: see Attribution).
    public var attribution: CaseAttribution? {
        guard status == .escalated || status == .referred else { return nil }
        return CaseAttribution.current(history)
    }

    /// Status as exported (a candidate the rules never scored has no case row yet: "new").
    public var status: CaseStatus { caseFile?.status ?? .new }
}

public struct ExportPaymentAccount: Sendable, Equatable, Encodable {
    public var account: PaymentAccount
    public var payments: Int
    public var firstPaidAt: Int64?
    public var lastPaidAt: Int64?
    public var totals: [ExportAmount]               // per currency, by currency code
    public var sharedWithCandidates: [String]       // other candidate ids only
}

public struct ExportAmount: Sendable, Equatable, Encodable {
    public var currency: String
    public var amount: String                       // decimal string
}

public struct ExportNetwork: Sendable, Equatable, Encodable {
    public var ip: String
    public var events: Int
    public var firstAt: Int64
    public var lastAt: Int64
    public var country: String?
    public var asn: Int?
    public var asName: String?
    public var provider: String?
    public var providerKind: String?
    public var anonymousProxy: Bool
    public var providerDprkNamed: Bool
    public var isAnonymising: Bool { anonymousProxy || providerKind == "vpn" || providerKind == "hosting" }
}

public struct ExportCountry: Sendable, Equatable, Encodable {
    public var country: String                      // "" when unresolved
    public var events: Int
}

public struct ExportDevice: Sendable, Equatable, Encodable {
    public var deviceId: String
    public var managed: Bool?
    public var firstAt: Int64
    public var lastAt: Int64
    public var events: Int
}

public struct ExportLogins: Sendable, Equatable, Encodable {
    public var totalEvents: Int = 0
    public var distinctIps: Int = 0
    public var firstAt: Int64?
    public var lastAt: Int64?
    public var countries: [ExportCountry] = []      // most events first
    public var networks: [ExportNetwork] = []       // most events first, bounded
    public var devices: [ExportDevice] = []
    /// heatmap[weekday 0 = Monday][hour 0..23], UTC, from login_week.
    public var heatmap: [[Int]] = Array(repeating: Array(repeating: 0, count: 24), count: 7)
}

/// Another candidate sharing something with this one; only its id leaves the store.
public struct ExportLink: Sendable, Equatable, Encodable {
    public var kind: String                         // payment_account | ip | device | email | phone | address | resume | photo | referred_by | referred
    public var candidateId: String
    public var via: String                          // this candidate's shared value (IP, IBAN, device...)
}
