/// What the after-hire rules know about one candidate's transfers (issue 10), loaded by
/// `TransferQueries` from transfer_day, transfer_event and the role peers' rows. Data-moving
/// means `TransferAction.movesData` (clone, download, copy); fetches and views are counted apart.
public struct TransferActivity: Sendable, Equatable, Encodable {
    /// Data-moving events per UTC day, oldest first (transfer_day).
    public var days: [TransferDayCount] = []
    /// The busiest day's events, for evidence (first few objects, IPs, the busiest hour).
    public var peak: TransferPeak?
    /// IPs the candidate moved data from, with ip_info and whether a sign-in ever came from it.
    public var ips: [TransferIPUse] = []
    /// Objects the candidate touched, with how many role peers touched them too.
    public var objects: [TransferObjectUse] = []
    /// The role peers (same candidate.role, other candidates with transfer data).
    public var peers: PeerTransferBaseline = PeerTransferBaseline()
    /// Commits per recorded UTC offset (import-git), most used first.
    public var commitOffsets: [CommitOffsetUse] = []
    /// Commits per UTC hour 0...23.
    public var commitHoursUTC: [Int] = Array(repeating: 0, count: 24)
    /// Last sign-in (login_ip_use), for "sign-ins stopped".
    public var lastSignInAt: Int64?
    /// The newest sign-in of anyone in the store: sign-ins "stopped" when the person's last one is
    /// well before it (measuring against the clock would call every person quiet in an old export).
    public var signInHorizon: Int64?
    /// When the newest payout account was first paid into, if the candidate has 2+ accounts.
    public var payoutChangedAt: Int64?

    public init() {}

    public var totalEvents: Int { days.reduce(0) { $0 + $1.events } }
}

public struct TransferDayCount: Sendable, Equatable, Encodable {
    /// Unix day number (UTC).
    public var day: Int64
    public var events: Int
    public var bytes: Int64
    public init(day: Int64, events: Int, bytes: Int64 = 0) { self.day = day; self.events = events; self.bytes = bytes }
}

public struct TransferPeak: Sendable, Equatable, Encodable {
    public var day: Int64
    public var events: Int
    /// Distinct objects that day, in first-seen order, at most `TransferQueries.peakObjects`.
    public var objects: [String]
    public var distinctObjects: Int
    public var ips: [String]
    /// The busiest hour of that day (unix seconds of its start) and its count.
    public var hourStart: Int64
    public var hourEvents: Int
    public init(day: Int64, events: Int, objects: [String], distinctObjects: Int, ips: [String], hourStart: Int64, hourEvents: Int) {
        self.day = day; self.events = events; self.objects = objects; self.distinctObjects = distinctObjects; self.ips = ips
        self.hourStart = hourStart; self.hourEvents = hourEvents
    }
}

public struct TransferIPUse: Sendable, Equatable, Encodable {
    public var ip: String
    public var events: Int
    public var firstAt: Int64
    public var lastAt: Int64
    /// ip_info, nil when the IP was never looked up.
    public var info: IPInfo?
    /// A sign-in of this candidate came from the IP (login_ip_use).
    public var seenInSignIns: Bool
    public init(ip: String, events: Int, firstAt: Int64, lastAt: Int64, info: IPInfo?, seenInSignIns: Bool) {
        self.ip = ip; self.events = events; self.firstAt = firstAt; self.lastAt = lastAt; self.info = info
        self.seenInSignIns = seenInSignIns
    }
    /// A VPN, VPS/hosting or anonymiser exit (the same reading as anonymizer_geo_mismatch).
    public var isAnonymising: Bool {
        guard let i = info else { return false }
        return i.anonymousProxy || i.providerKind == "vpn" || i.providerKind == "hosting"
    }
}

public struct TransferObjectUse: Sendable, Equatable, Encodable {
    public var object: String
    public var events: Int
    /// Other candidates of the same role who touched the object.
    public var peersTouching: Int
    /// object_kind: repository, file, folder...
    public var kind: String?
    public init(object: String, events: Int, peersTouching: Int, kind: String? = nil) {
        self.object = object; self.events = events; self.peersTouching = peersTouching; self.kind = kind
    }
}

/// The role peers' daily data-moving volume: each peer's busiest day and busiest day in their first
/// week after hire, so one candidate's spike is weighed against what the role normally does.
public struct PeerTransferBaseline: Sendable, Equatable, Encodable {
    public var peers: Int = 0
    /// Median over peers of each peer's busiest day.
    public var medianPeakDay: Double = 0
    /// Median over peers (hired, with activity then) of their busiest day in the first week after hire.
    public var medianFirstWeekPeak: Double = 0
    public init(peers: Int = 0, medianPeakDay: Double = 0, medianFirstWeekPeak: Double = 0) {
        self.peers = peers; self.medianPeakDay = medianPeakDay; self.medianFirstWeekPeak = medianFirstWeekPeak
    }
}

public struct CommitOffsetUse: Sendable, Equatable, Encodable {
    public var offsetMinutes: Int
    public var commits: Int
    public var firstAt: Int64
    public var lastAt: Int64
    public init(offsetMinutes: Int, commits: Int, firstAt: Int64, lastAt: Int64) {
        self.offsetMinutes = offsetMinutes; self.commits = commits; self.firstAt = firstAt; self.lastAt = lastAt
    }

    /// "+08:00"
    public static func label(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let m = abs(minutes)
        let hh = m / 60, mm = m % 60
        return sign + (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)"
    }
}
