/// Everything the rules may know about one candidate, loaded in bulk by `RuleContextLoader`
/// from the candidate's own rows, the importer's login summary tables and the cross-candidate
/// indexes. Rules never touch the database themselves.
public struct RuleContext: Sendable {
    public var candidate: Candidate
    public var caseStatus: CaseStatus?
    /// Evaluation time (unix seconds); also the flags' computed_at.
    public var now: Int64
    public var checks: [IdentityCheck] = []
    public var interviews: [Interview] = []
    public var accounts: [AccountUse] = []
    /// Login IPs that ip_info marks as DPRK space, anonymiser, VPN or hosting (other IPs are not loaded).
    public var networkIPs: [IPUse] = []
    /// login_day detail, loaded only when the candidate's login IPs (ip_info) span 2+ countries, are
    /// mostly outside the declared country, or include KP; nil otherwise (all logins at home).
    public var days: LoginDayStats?
    /// Per-country login_day activity, most active first; loaded with `days`.
    public var countries: [CountryActivity] = []
    public var hours: HourStats?
    public var longSessions: [SessionSpan] = []
    public var unmanagedDevices: [DeviceUse] = []
    /// Client locales the logins reported (login_locale), most used first.
    public var locales: [LocaleUse] = []
    public var endpoints: [EndpointObservation] = []
    /// Which devices the sign-ins came from; loaded only when no managed device and no endpoint
    /// agent was ever seen for the candidate (byod_request), nil otherwise.
    public var devicePosture: DevicePosture?
    /// Invoices and payment requests asked for before the period, milestone or hire they bill
    /// (payment_request, prefiltered; prepayment_pressure judges them), oldest first.
    public var earlyRequests: [PaymentRequest] = []
    public var watchlistHits: [WatchlistHit] = []
    /// Watchlist entries of kind `address` (known reshippers/forwarders) matching the laptop ship-to
    /// address by `AddressKey`.
    public var forwarderHits: [WatchlistEntry] = []
    /// Names (candidate, profile, payee, account holder) found on a loaded sanctions list (Lists/ListScreening).
    public var listNameHits: [ListNameHit] = []
    /// Successful logins on the days where login_day shows several countries (read by index), when a rule
    /// can use them: the candidate's sign-in IPs show two countries outside anonymisers, or an IP without a
    /// country, or the candidate has IdP verdicts (RuleContextLoader.loadDayDetail); empty otherwise.
    public var burstLogins: [BurstLogin] = []
    /// Sign-ins carrying the identity provider's own risk verdict (login_event.idp_risk_level, read by
    /// its partial index login_idp_risk).
    public var idpRiskLogins: [IdPRiskLogin] = []
    /// Values this candidate shares with other candidates (IPs, accounts, contacts, hashes, devices).
    public var shared: [SharedValue] = []
    /// The referrer and referees, with their first-pass scores; filled before the second pass.
    public var referrals: [ReferralNeighbor] = []
    /// After-hire transfers (issue 10); nil when the candidate has no transfer rows.
    public var activity: TransferActivity?

    public init(candidate: Candidate, caseStatus: CaseStatus? = nil, now: Int64) {
        self.candidate = candidate; self.caseStatus = caseStatus; self.now = now
    }
}

/// One payment account a candidate was paid into, with the payments aggregated.
public struct AccountUse: Sendable, Equatable {
    public var account: PaymentAccount
    public var payments: Int
    public var firstPaidAt: Int64
    public var lastPaidAt: Int64
    public var cryptoPayments: Int
    public var methods: [String]
    /// Distinct payee names on the payment records (the name on the contract).
    public var payeeNames: [String]
    public init(account: PaymentAccount, payments: Int, firstPaidAt: Int64, lastPaidAt: Int64, cryptoPayments: Int = 0,
                methods: [String] = [], payeeNames: [String] = []) {
        self.account = account; self.payments = payments; self.firstPaidAt = firstPaidAt; self.lastPaidAt = lastPaidAt
        self.cryptoPayments = cryptoPayments; self.methods = methods; self.payeeNames = payeeNames
    }
    public var accountId: Int64 { account.id ?? 0 }
}

/// One IP a candidate logged in from (login_ip_use) with what ip_info knows about it.
public struct IPUse: Sendable, Equatable {
    public var ip: String
    public var firstAt: Int64
    public var lastAt: Int64
    public var events: Int
    public var info: IPInfo
    public init(ip: String, firstAt: Int64, lastAt: Int64, events: Int, info: IPInfo) {
        self.ip = ip; self.firstAt = firstAt; self.lastAt = lastAt; self.events = events; self.info = info
    }
}

/// Aggregates of login_day over the days with a known country.
public struct LoginDayStats: Sendable, Equatable {
    /// Days with at least one login from a known country.
    public var knownDays: Int
    /// Known days without any login from the declared country.
    public var awayDays: Int
    public var firstDay: Int64
    public var lastDay: Int64
    /// Days with 2+ countries, or whose country set differs from the previous active day's:
    /// candidates for impossible travel, confirmed against login_event.
    public var burstDays: [Int64]
    public init(knownDays: Int, awayDays: Int, firstDay: Int64, lastDay: Int64, burstDays: [Int64] = []) {
        self.knownDays = knownDays; self.awayDays = awayDays; self.firstDay = firstDay; self.lastDay = lastDay
        self.burstDays = burstDays
    }
}

/// login_day aggregated per country.
public struct CountryActivity: Sendable, Equatable {
    public var country: String
    public var days: Int
    public var events: Int
    public var firstDay: Int64
    public var lastDay: Int64
    public init(country: String, days: Int, events: Int, firstDay: Int64, lastDay: Int64) {
        self.country = country; self.days = days; self.events = events; self.firstDay = firstDay; self.lastDay = lastDay
    }
}

/// login_hour aggregated: all events, and those inside the off-hours window.
public struct HourStats: Sendable, Equatable {
    public var total: Int
    public var inWindow: Int
    public init(total: Int, inWindow: Int) { self.total = total; self.inWindow = inWindow }
}

public struct SessionSpan: Sendable, Equatable {
    public var sessionId: String
    public var startedAt: Int64
    public var endedAt: Int64
    public var events: Int
    public init(sessionId: String, startedAt: Int64, endedAt: Int64, events: Int) {
        self.sessionId = sessionId; self.startedAt = startedAt; self.endedAt = endedAt; self.events = events
    }
}

/// One client locale (as the log reported it, e.g. "ko-KR") and how many logins carried it.
public struct LocaleUse: Sendable, Equatable {
    public var locale: String
    public var events: Int
    public init(locale: String, events: Int) { self.locale = locale; self.events = events }
}

public struct DeviceUse: Sendable, Equatable {
    public var deviceId: String
    public var managed: Bool?
    public var firstAt: Int64
    public var lastAt: Int64
    public var events: Int
    public init(deviceId: String, managed: Bool?, firstAt: Int64, lastAt: Int64, events: Int) {
        self.deviceId = deviceId; self.managed = managed; self.firstAt = firstAt; self.lastAt = lastAt; self.events = events
    }
}

/// A watchlist entry matching one of the candidate's identifiers.
public struct WatchlistHit: Sendable, Equatable {
    public var entry: WatchlistEntry
    /// Which of the candidate's data matched: "email", "phone", "github_username", "payment_account", "login_ip".
    public var field: String
    public init(entry: WatchlistEntry, field: String) { self.entry = entry; self.field = field }
}

/// A sign-in the identity provider flagged, with its verdict quoted (IdPRiskVerdict).
public struct IdPRiskLogin: Sendable, Equatable {
    public var id: Int64
    public var occurredAt: Int64
    public var ip: String
    /// ip_info's country, else the one the log reported; "" when unknown.
    public var country: String
    public var outcome: String
    public var level: String
    public var verdict: String
    public init(id: Int64, occurredAt: Int64, ip: String, country: String, outcome: String, level: String, verdict: String) {
        self.id = id; self.occurredAt = occurredAt; self.ip = ip; self.country = country; self.outcome = outcome
        self.level = level; self.verdict = verdict
    }
}

public struct BurstLogin: Sendable, Equatable {
    public var id: Int64
    public var occurredAt: Int64
    public var ip: String
    public var country: String
    public var asn: Int?
    public var asName: String?
    /// The exit is an anonymiser, VPN, hosting network or corporate egress (ip_info): its country
    /// says where the server is, not where the person is, so a hop to or from it is not travel.
    public var anonymising: Bool
    public init(id: Int64, occurredAt: Int64, ip: String, country: String, asn: Int? = nil, asName: String? = nil,
                anonymising: Bool = false) {
        self.id = id; self.occurredAt = occurredAt; self.ip = ip; self.country = country; self.asn = asn; self.asName = asName
        self.anonymising = anonymising
    }
}

public struct LinkedCandidate: Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

/// A value held by this candidate and by others.
public struct SharedValue: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case ip, paymentAccount = "payment_account", email, phone, address, resume, photo, device
        /// A laptop ship-to address (normalised) that other candidates ship to or live at.
        case shipTo = "ship_to"
    }
    public var kind: Kind
    /// The shared value itself (IP, account id, email, hash, device id).
    public var value: String
    /// How to show it: "203.0.113.7 NL AS9009 M247", "iban DE89… (holder X)".
    public var label: String
    public var others: [LinkedCandidate]
    /// Everyone holding the value, this candidate included, with what they declare: the rules
    /// tell a household (one declared address) from a farm (different homes on one line).
    public var sharers: [Sharer]
    /// For IPs: what kind of network it is (ip_info).
    public var network: SharedNetwork?
    public init(kind: Kind, value: String, label: String, others: [LinkedCandidate], sharers: [Sharer] = [],
                network: SharedNetwork? = nil) {
        self.kind = kind; self.value = value; self.label = label; self.others = others
        self.sharers = sharers; self.network = network
    }
}

/// One candidate holding a shared value.
public struct Sharer: Sendable, Equatable {
    public var id: String
    public var declaredCountry: String
    /// `AddressKey.city` of the declared city.
    public var city: String
    /// `AddressKey.of` the declared home address ("" when none).
    public var address: String
    /// For IPs: this candidate's login events on the IP, and on all IPs.
    public var events: Int
    public var totalEvents: Int
    /// For addresses: this candidate ships the laptop there without living there.
    public var shipsHere: Bool
    public init(id: String, declaredCountry: String = "", city: String = "", address: String = "", events: Int = 0,
                totalEvents: Int = 0, shipsHere: Bool = false) {
        self.id = id; self.declaredCountry = declaredCountry; self.city = city; self.address = address
        self.events = events; self.totalEvents = totalEvents; self.shipsHere = shipsHere
    }
    /// Share of this candidate's logins that came from the shared IP.
    public var share: Double { totalEvents > 0 ? Double(events) / Double(totalEvents) : 0 }
}

/// What ip_info says about a shared IP's network.
public struct SharedNetwork: Sendable, Equatable {
    public var providerKind: String?
    public var provider: String?
    public var anonymousProxy: Bool
    public var dprkNamed: Bool
    public init(providerKind: String?, provider: String?, anonymousProxy: Bool, dprkNamed: Bool) {
        self.providerKind = providerKind; self.provider = provider; self.anonymousProxy = anonymousProxy; self.dprkNamed = dprkNamed
    }
    /// A VPN, hosting or anonymiser exit: its users are the provider's customers, not one household.
    public var isExit: Bool { anonymousProxy || providerKind == "vpn" || providerKind == "hosting" }
}

public struct ReferralNeighbor: Sendable, Equatable {
    public enum Relation: String, Sendable { case referrer, referee }
    public var candidate: LinkedCandidate
    public var relation: Relation
    public var status: CaseStatus?
    /// Score of the neighbour's flags other than referral_chain (so two referrals cannot prop each other up).
    public var baseScore: Int
    public var decisive: Bool
    public var topRules: [String]
    public init(candidate: LinkedCandidate, relation: Relation, status: CaseStatus?, baseScore: Int, decisive: Bool,
                topRules: [String]) {
        self.candidate = candidate; self.relation = relation; self.status = status; self.baseScore = baseScore
        self.decisive = decisive; self.topRules = topRules
    }
}
