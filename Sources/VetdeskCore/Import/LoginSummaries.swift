/// The per-candidate login summaries of one import, accumulated in memory from the events
/// that were actually inserted, then added to the summary tables in one pass
/// (LoginSummaryStore.add). Mirrors LoginSummaryStore.rebuild, which derives the same
/// numbers from login_event in SQL.
///
/// Candidates and IPs are interned to small integers: hashing two strings per event for each
/// of five tables was a tenth of a 1M-row import.
struct LoginSummaries {
    struct Pair: Hashable { let candidate: Int; let value: String }
    struct IPKey: Hashable { let candidate: Int; let ip: Int }
    struct Day: Hashable { let candidate: Int; let day: Int64; let country: String }
    struct Span {
        var first: Int64, last: Int64, events: Int
        init(_ t: Int64) { first = t; last = t; events = 1 }
        mutating func add(_ t: Int64) { first = min(first, t); last = max(last, t); events += 1 }
    }
    struct DeviceSpan {
        var span: Span
        /// The managed flag of the latest event that reported one, and that event's time.
        var managed: Bool?
        var managedAt: Int64
    }

    private(set) var candidates: [String] = []
    private var candidateIndex: [String: Int] = [:]
    private(set) var ips: [String] = []
    private var ipIndex: [String: Int] = [:]

    var ipUse: [IPKey: Span] = [:]
    var days: [Day: Int] = [:]
    /// Events per candidate and hour of the week, keyed candidate * 168 + weekday * 24 + hour.
    var hourCounts: [Int: Int] = [:]
    var sessions: [Pair: Span] = [:]
    var devices: [Pair: DeviceSpan] = [:]
    /// Events per candidate and client locale as reported.
    var locales: [Pair: Int] = [:]

    /// Rows the summaries would write now: the importer writes and clears them when this grows
    /// large, so memory stays flat however big the file (5M events hold ~5M sessions).
    var pendingRows: Int {
        ipUse.count + days.count + hourCounts.count + sessions.count + devices.count + locales.count
    }

    /// Forgets the accumulated numbers (after they were written), keeping the interned names.
    mutating func clearCounts() {
        ipUse.removeAll(keepingCapacity: true); days.removeAll(keepingCapacity: true)
        hourCounts.removeAll(keepingCapacity: true); sessions.removeAll(keepingCapacity: true)
        devices.removeAll(keepingCapacity: true); locales.removeAll(keepingCapacity: true)
    }

    /// These names with `other`'s counts (LoginImport counts on LoginSummaryWorker's thread and
    /// interns names on the writing thread; the summary tables need both).
    func withCounts(of other: LoginSummaries) -> LoginSummaries {
        var s = self
        s.ipUse = other.ipUse; s.days = other.days; s.hourCounts = other.hourCounts
        s.sessions = other.sessions; s.devices = other.devices; s.locales = other.locales
        return s
    }

    /// The interned candidates' ids as UTF-8, end to end (`candidateSpans`: start, length), bound
    /// from here into login_event without a copy (LoginEventInserter).
    private(set) var candidateBytes: [UInt8] = []
    private(set) var candidateSpans: [(start: Int, count: Int)] = []

    mutating func intern(candidate: String) -> Int {
        if let i = candidateIndex[candidate] { return i }
        candidates.append(candidate)
        candidateIndex[candidate] = candidates.count - 1
        candidateSpans.append((candidateBytes.count, candidate.utf8.count))
        candidateBytes.append(contentsOf: candidate.utf8)
        return candidates.count - 1
    }

    /// Forgets the interned IPs; only between a write of the counts and the next `add`, as the
    /// counts refer to IPs by index (LoginImport does this to keep memory flat).
    mutating func forgetIPs() {
        precondition(ipUse.isEmpty, "IPs forgotten while counts refer to them")
        ips.removeAll(keepingCapacity: true)
        ipIndex.removeAll(keepingCapacity: true)
    }

    /// Forgets the interned candidates (and their ranks); like `forgetIPs`, only while no counts refer
    /// to them. LoginImport does this so that memory does not grow with the candidates a file names
    /// (1M candidates, issue 13).
    mutating func forgetCandidates() {
        precondition(pendingRows == 0, "candidates forgotten while counts refer to them")
        candidates.removeAll(keepingCapacity: true)
        candidateIndex.removeAll(keepingCapacity: true)
        candidateBytes.removeAll(keepingCapacity: true)
        candidateSpans.removeAll(keepingCapacity: true)
        byId.removeAll(keepingCapacity: true)
        rank.removeAll(keepingCapacity: true)
    }

    mutating func intern(ip: String) -> Int {
        if let i = ipIndex[ip] { return i }
        ips.append(ip)
        ipIndex[ip] = ips.count - 1
        return ips.count - 1
    }

    /// Interned candidates sorted by id as SQLite orders TEXT (UTF-8 bytes), and each one's rank
    /// there: the summary rows are written in that order (LoginSummaryStore.add), so each flush walks
    /// the summary B-trees once from left to right instead of at random (dictionary order).
    private var byId: [Int] = []
    private var rank: [Int] = []

    /// Ranks of the interned candidates; newly interned ones are merged in (O(n) per call).
    mutating func candidateRanks() -> [Int] {
        guard byId.count < candidates.count else { return rank }
        let names = candidates
        func less(_ a: Int, _ b: Int) -> Bool { names[a].utf8.lexicographicallyPrecedes(names[b].utf8) }
        let added = (byId.count..<names.count).sorted(by: less)
        var merged: [Int] = []
        merged.reserveCapacity(names.count)
        var i = 0, j = 0
        while i < byId.count && j < added.count {
            if less(added[j], byId[i]) { merged.append(added[j]); j += 1 } else { merged.append(byId[i]); i += 1 }
        }
        merged += byId[i...]
        merged += added[j...]
        byId = merged
        rank = [Int](repeating: 0, count: names.count)
        for (r, c) in byId.enumerated() { rank[c] = r }
        return rank
    }

    /// `candidate`, `ip`: interned indexes. `country`: the resolved country of the IP, else the
    /// reported one, else "". LoginImport takes the parts from a LoginBatch's bytes.
    mutating func add(at t: Int64, candidate: Int, ip: Int, country: String, session: String?, locale: String?,
                      device: String?, managed: Bool?) {
        let ipKey = IPKey(candidate: candidate, ip: ip)
        if ipUse[ipKey] == nil { ipUse[ipKey] = Span(t) } else { ipUse[ipKey]!.add(t) }
        days[Day(candidate: candidate, day: Time.dayNumber(t), country: country), default: 0] += 1
        hourCounts[candidate * 168 + Time.weekday(t) * 24 + Time.hour(t), default: 0] += 1
        if let s = session {
            let key = Pair(candidate: candidate, value: s)
            if sessions[key] == nil { sessions[key] = Span(t) } else { sessions[key]!.add(t) }
        }
        if let l = locale, !l.isEmpty { locales[Pair(candidate: candidate, value: l), default: 0] += 1 }
        if let d = device {
            let key = Pair(candidate: candidate, value: d)
            if var existing = devices[key] {
                existing.span.add(t)
                if let m = managed, existing.managed == nil || t >= existing.managedAt {
                    existing.managed = m
                    existing.managedAt = t
                }
                devices[key] = existing
            } else {
                devices[key] = DeviceSpan(span: Span(t), managed: managed, managedAt: t)
            }
        }
    }
}
