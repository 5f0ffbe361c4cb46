import GRDB

/// Loads the data `byod_request` and `prepayment_pressure` derive their facts from, instead of the
/// pre-labelled `byod_requested` / `prepayment_requests` columns (which stay as overrides).
extension RuleContextLoader {
    /// Device posture of the sign-ins, for candidates with logins but no managed device ever seen:
    /// no login_device row marked managed and no endpoint observation (an EDR/MDM agent only runs
    /// on company-managed machines). Where a team has device data those are few, and login_event is
    /// read per candidate through its (candidate_id, occurred_at) index. Where it has none (every
    /// candidate unseen), one sequential pass over login_event is cheaper than a lookup per row.
    /// Only sign-ins that report a posture are returned; the rest (`unknown`) is login_hour's total
    /// less those, so a store without device data costs one pass of SQLite and no Swift work per row.
    mutating func loadDevicePosture() throws {
        var seen = Set<String>()
        let managed = try db.makeStatement(sql: """
            SELECT DISTINCT candidate_id FROM login_device WHERE managed = 1 AND \(scope.filter("candidate_id"))
            UNION SELECT DISTINCT candidate_id FROM endpoint_observation WHERE \(scope.filter("candidate_id"))
            """)
        try RawColumns.forEachRow(managed) { r in if let c = r.text(0) { seen.insert(c) } }
        let wanted = contexts.indices.filter { contexts[$0].hours != nil && !seen.contains(contexts[$0].candidate.id) }
        guard !wanted.isEmpty else { return }
        let wantedEvents = wanted.reduce(0) { $0 + (contexts[$1].hours?.total ?? 0) }
        let allEvents = contexts.reduce(0) { $0 + ($1.hours?.total ?? 0) }
        var posture: [Int: DevicePosture] = [:]
        func add(_ i: Int, _ managed: Int64?, _ n: Int, _ first: Int64?, _ last: Int64?) {
            var p = posture[i] ?? DevicePosture()
            switch managed {
            case 1: p.managed += n
            case 0:
                p.unmanaged += n
                if let first { p.firstUnmanagedAt = min(p.firstUnmanagedAt ?? first, first) }
                if let last { p.lastUnmanagedAt = max(p.lastUnmanagedAt ?? last, last) }
            default: break
            }
            posture[i] = p
        }
        if wanted.count > 2000 && wantedEvents * 5 > allEvents {
            let want = Set(wanted)
            let scan = try db.makeStatement(sql: """
                SELECT candidate_id, device_managed, occurred_at FROM login_event
                WHERE device_managed IS NOT NULL AND outcome = 'success' AND candidate_id IS NOT NULL
                  AND \(scope.filter("candidate_id"))
                """)
            try RawColumns.forEachRow(scan) { r in
                guard let cid = r.text(0), let i = index[cid], want.contains(i) else { return }
                let at = r.int64(2)
                add(i, r.int64(1), 1, at, at)
            }
        } else {
            let byCandidate = try db.cachedStatement(sql: """
                SELECT device_managed, count(*), min(occurred_at), max(occurred_at) FROM login_event
                WHERE candidate_id = ? AND outcome = 'success' AND device_managed IS NOT NULL GROUP BY device_managed
                """)
            for i in wanted {
                try RawColumns.forEachRow(byCandidate, binding: contexts[i].candidate.id) { r in
                    add(i, r.int64(0), r.int(1), r.int64(2), r.int64(3))
                }
            }
        }
        let peerShare = try peerManagedShare ?? Self.peerManagedShare(db)
        for (i, var p) in posture where p.managed + p.unmanaged > 0 {
            p.peerManagedShare = peerShare
            p.unknown = max(0, (contexts[i].hours?.total ?? 0) - p.managed - p.unmanaged)
            contexts[i].devicePosture = p
        }
    }

    /// Whether this company issues laptops at all: the share of candidates reporting a device posture
    /// whose devices are managed, over everyone (not the rescored scope). Two store-wide scans: a
    /// chunked run computes it once in its plan (`peerManagedShare`), not per chunk.
    static func peerManagedShare(_ db: Database) throws -> Double? {
        // One pass over both tables, grouped per candidate (it was two UNIONs, each reading both: 4 % of a
        // full rescore's CPU at 100k, on a read connection while the first chunks wait for it).
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*), coalesce(sum(managed), 0) FROM (
                SELECT candidate_id, max(managed) AS managed FROM (
                    SELECT candidate_id, managed = 1 AS managed FROM login_device WHERE managed IS NOT NULL
                    UNION ALL SELECT candidate_id, 1 FROM endpoint_observation)
                GROUP BY candidate_id)
            """)
        let reportingPeople: Int = row?[0] ?? 0, managedPeople: Int = row?[1] ?? 0
        return reportingPeople > 0 ? Double(managedPeople) / Double(reportingPeople) : nil
    }

    /// Requests that may be early: marked advance, or asked for before the period or milestone they
    /// bill, or before hire. The rule applies its grace days; this only keeps the rest out of memory.
    mutating func loadEarlyPaymentRequests() throws {
        try each("""
        SELECT r.candidate_id, r.id, r.requested_at, r.kind, r.amount, r.currency, r.period_start, r.period_end,
               r.milestone, r.milestone_due_at, r.due_at, r.status
        FROM payment_request r JOIN candidate c ON c.id = r.candidate_id
        WHERE (r.kind = 'advance' OR r.requested_at < r.period_start OR r.requested_at < r.milestone_due_at
               OR r.requested_at < c.hired_at)
          AND \(scope.filter("r.candidate_id"))
        ORDER BY r.candidate_id, r.requested_at, r.id
        """) { ctx, r in
            ctx.earlyRequests.append(PaymentRequest(
                id: r[1], candidateId: r[0], requestedAt: r[2], kind: r[3], amount: r[4], currency: r[5], periodStart: r[6],
                periodEnd: r[7], milestone: r[8], milestoneDueAt: r[9], dueAt: r[10], status: r[11]))
        }
    }
}
