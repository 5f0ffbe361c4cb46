import Foundation

/// What Vetdesk knows about an IP address: libloc's country, ASN, AS name and
/// anonymous-proxy flag, plus the matching entry of the provider list. Answers are memoised
/// per IP, up to `memoLimit` IPs (then the memo starts again: a 5M-row sign-in file with 77k IPs
/// held ~20 MB here); the importer persists them in `ip_info`.
public final class IPIntelligence: @unchecked Sendable {
    /// DPRK's own allocation, announced by AS131279 (Star Joint Venture). Kept here as well as in
    /// libloc so that an old or missing database still places it in KP.
    static let dprkRanges = [CIDR("175.45.176.0/22")!]
    static let dprkASNs: Set<Int> = [131279]

    public let providers: ProviderList
    /// Why the location database is not used (nil when it is): lookups then only know providers.
    public let databaseProblem: String?
    public let databasePath: String

    private let database: LocationDatabase?
    private var memo: [String: IPInfo] = [:]
    static let memoLimit = 32_768
    private let lock = NSLock()
    private let clock: @Sendable () -> Int64

    /// `databasePath` nil: $VETDESK_LOCATION_DB, else Debian's libloc-database path.
    public init(databasePath: String?, providers: ProviderList,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                clock: @escaping @Sendable () -> Int64 = Time.now) {
        let path = databasePath
            ?? environment["VETDESK_LOCATION_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? LocationDatabase.defaultPath
        self.databasePath = path
        self.providers = providers
        self.clock = clock
        do {
            database = try LocationDatabase(path: path)
            databaseProblem = nil
        } catch {
            database = nil
            databaseProblem = "\(error)"
        }
    }

    /// Never fails: an unparsable or unknown address gives an IPInfo with nothing but the IP.
    public func lookup(_ ip: String) -> IPInfo {
        lock.lock()
        defer { lock.unlock() }
        if let hit = memo[ip] { return hit }
        if memo.count >= Self.memoLimit { memo.removeAll(keepingCapacity: true) }
        let info = resolve(ip)
        memo[ip] = info
        return info
    }

    private func resolve(_ ip: String) -> IPInfo {
        var info = IPInfo(ip: ip, lookedUpAt: clock())
        guard let address = IPAddress(ip) else { return info }
        if let answer = database?.lookup(address.description) {
            info.country = answer.country
            info.asn = answer.asn
            info.asName = answer.asName
            info.anonymousProxy = answer.anonymousProxy
        }
        if Self.dprkRanges.contains(where: { $0.contains(address) }) || info.asn.map(Self.dprkASNs.contains) == true {
            info.country = "KP"
        }
        if let provider = providers.match(address, asn: info.asn) {
            info.provider = provider.name
            info.providerKind = provider.kind.rawValue
            info.providerDprkNamed = provider.dprkNamed
        }
        return info
    }
}
