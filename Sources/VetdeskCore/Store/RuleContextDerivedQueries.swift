import GRDB

/// Loads the data `byod_request` and `prepayment_pressure` derive their facts from, instead of the
/// pre-labelled `byod_requested` / `prepayment_requests` columns (which stay as overrides).
extension RuleContextLoader {
    /// Device posture of the sign-ins, for candidates with logins but no managed device ever seen:
    /// no login_device row marked managed and no endpoint observation (an EDR/MDM agent only runs
    /// on company-managed machines). Those are few where a team has device data, so login_event is
    /// read per candidate through its (candidate_id, occurred_at) index rather than scanned.
    mutating func loadDevicePosture() throws {
        var seen = Set<String>()
        let managed = try db.makeStatement(sql: """
            SELECT DISTINCT candidate_id FROM login_device WHERE managed = 1 AND \(scope.filter("candidate_id"))
            UNION SELECT DISTINCT candidate_id FROM endpoint_observation WHERE \(scope.filter("candidate_id"))
            """)
        try RawColumns.forEachRow(managed) { r in if let c = r.text(0) { seen.insert(c) } }
        let posture = try db.cachedStatement(sql: """
            SELECT device_managed, count(*), min(occurred_at), max(occurred_at) FROM login_event
            WHERE candidate_id = ? AND outcome = 'success' GROUP BY device_managed
            """)
        for i in contexts.indices where contexts[i].hours != nil && !seen.contains(contexts[i].candidate.id) {
            var p = DevicePosture()
            try RawColumns.forEachRow(posture, binding: contexts[i].candidate.id) { r in
                let n = r.int(1)
                switch r.int64(0) {
                case 1: p.managed += n
                case 0: p.unmanaged += n; p.firstUnmanagedAt = r.int64(2); p.lastUnmanagedAt = r.int64(3)
                default: p.unknown += n
                }
            }
            if p.total > 0 { contexts[i].devicePosture = p }
        }
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
