import GRDB

/// The SQL behind `TransferActivity`: per-candidate transfer volume, peak day, transfer IPs,
/// objects with role-peer coverage, and commit offsets/hours. Used by the rule loader (a scope of
/// candidates) and by the detail view (one candidate). Candidates without transfer rows get nil.
struct TransferQueries {
    let db: Database
    /// SQL condition on a candidate id column, e.g. the rescore scope or "= ?".
    let filter: (String) -> String
    let arguments: StatementArguments
    /// Role-peer baselines and object coverage read every candidate's rows: the rules need them,
    /// the detail view (one candidate, opened interactively) does not.
    var includePeers = true

    static let peakObjects = 5
    static let peakIPs = 5
    /// Actions that move data off the company's systems (TransferAction.movesData).
    static let movingSQL = "('" + TransferAction.allCases.filter(\.movesData).map(\.rawValue).joined(separator: "','") + "')"
    /// Actions that show what a person touches (access_outside_role, the panel's top objects).
    static let touchingSQL = "('clone','download','copy','fetch','view')"

    static func forScope(_ db: Database, _ scope: RuleScope) -> TransferQueries {
        TransferQueries(db: db, filter: { scope.filter($0) }, arguments: [])
    }

    static func forCandidate(_ db: Database, _ id: String) -> TransferQueries {
        TransferQueries(db: db, filter: { "\($0) = ?" }, arguments: [id], includePeers: false)
    }

    /// Activity per candidate id, for the candidates in the filter that have any transfer rows.
    func load() throws -> [String: TransferActivity] {
        var out: [String: TransferActivity] = [:]
        // Candidates with any transfer row (commits included).
        for id in try String.fetchAll(db, sql: "SELECT DISTINCT candidate_id FROM transfer_day WHERE \(filter("candidate_id"))",
                                      arguments: arguments) {
            out[id] = TransferActivity()
        }
        guard !out.isEmpty else { return out }
        try eachRow("""
            SELECT candidate_id, day, sum(events), sum(bytes) FROM transfer_day
            WHERE action IN \(Self.movingSQL) AND \(filter("candidate_id"))
            GROUP BY candidate_id, day ORDER BY candidate_id, day
            """) { r in out[r[0]]?.days.append(TransferDayCount(day: r[1], events: r[2], bytes: r[3])) }
        if includePeers { try loadPeers(&out) }
        for id in Array(out.keys) {
            guard let top = out[id]?.days.max(by: { $0.events < $1.events }) else { continue }
            out[id]?.peak = try peak(id, day: top.day)
        }
        try eachRow("""
            SELECT e.candidate_id, e.ip, count(*), min(e.occurred_at), max(e.occurred_at),
                   EXISTS(SELECT 1 FROM login_ip_use u WHERE u.candidate_id = e.candidate_id AND u.ip = e.ip),
                   i.ip, i.country, i.asn, i.as_name, i.anonymous_proxy, i.provider, i.provider_kind, i.provider_dprk_named,
                   i.looked_up_at
            FROM transfer_event e LEFT JOIN ip_info i ON i.ip = e.ip
            WHERE e.ip IS NOT NULL AND e.action IN \(Self.movingSQL) AND \(filter("e.candidate_id"))
            GROUP BY e.candidate_id, e.ip ORDER BY e.candidate_id, count(*) DESC, e.ip
            """) { r in
            let info: IPInfo? = (r[6] as String?) == nil ? nil
                : IPInfo(ip: r[6], country: r[7], asn: r[8], asName: r[9], anonymousProxy: (r[10] as Bool?) ?? false, provider: r[11],
                         providerKind: r[12], providerDprkNamed: (r[13] as Bool?) ?? false, lookedUpAt: (r[14] as Int64?) ?? 0)
            out[r[0]]?.ips.append(TransferIPUse(ip: r[1], events: r[2], firstAt: r[3], lastAt: r[4], info: info, seenInSignIns: r[5]))
        }
        try loadObjects(&out)
        try eachRow("""
            SELECT candidate_id, utc_offset_minutes, count(*), min(occurred_at), max(occurred_at) FROM transfer_event
            WHERE action = 'commit' AND utc_offset_minutes IS NOT NULL AND \(filter("candidate_id"))
            GROUP BY candidate_id, utc_offset_minutes ORDER BY candidate_id, count(*) DESC
            """) { r in out[r[0]]?.commitOffsets.append(CommitOffsetUse(offsetMinutes: r[1], commits: r[2], firstAt: r[3], lastAt: r[4])) }
        try eachRow("""
            SELECT candidate_id, (occurred_at % 86400) / 3600, count(*) FROM transfer_event
            WHERE action = 'commit' AND \(filter("candidate_id")) GROUP BY 1, 2
            """) { r in
            let h: Int = r[1]
            if (0..<24).contains(h) { out[r[0]]?.commitHoursUTC[h] = r[2] }
        }
        try eachRow("SELECT candidate_id, max(last_at) FROM login_ip_use WHERE \(filter("candidate_id")) GROUP BY candidate_id") { r in
            out[r[0]]?.lastSignInAt = r[1]
        }
        let horizon = try Int64.fetchOne(db, sql: "SELECT max(last_at) FROM login_ip_use")
        for id in Array(out.keys) { out[id]?.signInHorizon = horizon }
        // Payout change: the newest account's first payment, when there is more than one account.
        try eachRow("""
            SELECT candidate_id, count(DISTINCT account_id), max(first_paid) FROM (
                SELECT candidate_id, account_id, min(paid_at) AS first_paid FROM payment
                WHERE account_id IS NOT NULL AND \(filter("candidate_id")) GROUP BY candidate_id, account_id)
            GROUP BY candidate_id
            """) { r in
            let accounts: Int = r[1]
            if accounts >= 2 { out[r[0]]?.payoutChangedAt = r[2] }
        }
        return out
    }

    private func eachRow(_ sql: String, _ body: (Row) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() { try body(row) }
    }

    /// The busiest day's events: first objects, IPs, the busiest hour.
    private func peak(_ id: String, day: Int64) throws -> TransferPeak {
        let rows = try Row.fetchAll(db, sql: """
            SELECT occurred_at, object, ip FROM transfer_event
            WHERE candidate_id = ? AND occurred_at >= ? AND occurred_at < ? AND action IN \(Self.movingSQL)
            ORDER BY occurred_at, id
            """, arguments: [id, day * 86400, day * 86400 + 86400])
        var objects: [String] = [], seenObjects = Set<String>(), ips: [String] = [], seenIPs = Set<String>()
        var perHour: [Int64: Int] = [:]
        for r in rows {
            let at: Int64 = r[0]
            perHour[at - at % 3600, default: 0] += 1
            if let o = r[1] as String?, seenObjects.insert(o).inserted, objects.count < Self.peakObjects { objects.append(o) }
            if let ip = r[2] as String?, seenIPs.insert(ip).inserted, ips.count < Self.peakIPs { ips.append(ip) }
        }
        let busiest = perHour.max { ($0.value, -$0.key) < ($1.value, -$1.key) }
        return TransferPeak(day: day, events: rows.count, objects: objects, distinctObjects: seenObjects.count, ips: ips,
                            hourStart: busiest?.key ?? day * 86400, hourEvents: busiest?.value ?? 0)
    }

    /// Each peer's busiest day and busiest first-week day, per role; medians without the candidate.
    private func loadPeers(_ out: inout [String: TransferActivity]) throws {
        struct PeerRow { var id: String; var peak = 0; var firstWeek: Int? }
        var byRole: [String: [PeerRow]] = [:]
        var roleOf: [String: String] = [:]
        var current: PeerRow?
        var currentRole = ""
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.role, c.hired_at, d.day, sum(d.events) FROM transfer_day d JOIN candidate c ON c.id = d.candidate_id
            WHERE d.action IN \(Self.movingSQL) AND c.role IS NOT NULL AND c.role <> ''
            GROUP BY d.candidate_id, d.day ORDER BY d.candidate_id
            """)
        func flush() { if let p = current { byRole[currentRole, default: []].append(p); roleOf[p.id] = currentRole } }
        while let r = try cursor.next() {
            let id: String = r[0]
            if current?.id != id { flush(); current = PeerRow(id: id); currentRole = (r[1] as String).lowercased() }
            let events: Int = r[4], day: Int64 = r[3]
            current!.peak = max(current!.peak, events)
            if let hired = r[2] as Int64?, day >= hired / 86400, day < hired / 86400 + 7 {
                current!.firstWeek = max(current!.firstWeek ?? 0, events)
            }
        }
        flush()
        for id in Array(out.keys) {
            guard let role = roleOf[id], let rows = byRole[role] else { continue }
            let others = rows.filter { $0.id != id }
            out[id]?.peers = PeerTransferBaseline(peers: others.count, medianPeakDay: Self.median(others.map { Double($0.peak) }),
                                                  medianFirstWeekPeak: Self.median(others.compactMap { $0.firstWeek.map(Double.init) }))
        }
    }

    /// Objects the candidate touched, and how many other candidates of the same role touched each.
    private func loadObjects(_ out: inout [String: TransferActivity]) throws {
        var mine: [String: [(String, Int, String?)]] = [:]
        try eachRow("""
            SELECT candidate_id, object, count(*), max(object_kind) FROM transfer_event
            WHERE object IS NOT NULL AND action IN \(Self.touchingSQL) AND \(filter("candidate_id"))
            GROUP BY candidate_id, object
            """) { r in mine[r[0], default: []].append((r[1], r[2], r[3])) }
        guard !mine.isEmpty else { return }
        guard includePeers else {
            for (id, objects) in mine {
                out[id]?.objects = objects.map { TransferObjectUse(object: $0.0, events: $0.1, peersTouching: 0, kind: $0.2) }
                    .sorted { ($0.events, $1.object) > ($1.events, $0.object) }
            }
            return
        }
        let roles = try Dictionary(Row.fetchAll(db, sql: "SELECT id, lower(coalesce(role, '')) FROM candidate WHERE \(filter("id"))",
                                                arguments: arguments).map { ($0[0] as String, $0[1] as String) }) { a, _ in a }
        var coverage: [String: [String: Int]] = [:] // role -> object -> candidates
        let wanted = Set(roles.values.filter { !$0.isEmpty })
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT lower(c.role), e.object, count(DISTINCT e.candidate_id) FROM transfer_event e JOIN candidate c ON c.id = e.candidate_id
            WHERE e.object IS NOT NULL AND e.action IN \(Self.touchingSQL) AND c.role IS NOT NULL AND c.role <> ''
            GROUP BY lower(c.role), e.object
            """)
        while let r = try cursor.next() {
            let role: String = r[0]
            if wanted.contains(role) { coverage[role, default: [:]][r[1]] = r[2] }
        }
        for (id, objects) in mine {
            let cov = coverage[roles[id] ?? ""] ?? [:]
            out[id]?.objects = objects.map { TransferObjectUse(object: $0.0, events: $0.1, peersTouching: max(0, (cov[$0.0] ?? 1) - 1), kind: $0.2) }
                .sorted { ($0.events, $1.object) > ($1.events, $0.object) }
        }
    }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
