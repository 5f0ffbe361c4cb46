import Foundation
import GRDB

/// Queries that gather one case's export data. Every query is keyed on the selected candidate; other
/// candidates are returned as ids only.
enum ExportStore {
    static let paymentLimit = 500
    static let networkLimit = 200
    static let endpointLimit = 200
    static let linkLimitPerKind = 50

    /// Candidate ids in the store's queue order for a status (a candidate without a case row counts as new).
    static func candidateIds(_ db: Database, status: CaseStatus) throws -> [String] {
        if status == .new {
            return try String.fetchAll(db, sql: """
                SELECT c.id FROM candidate c LEFT JOIN case_file f ON f.candidate_id = c.id
                WHERE f.status IS NULL OR f.status = 'new'
                ORDER BY coalesce(f.risk_score, 0) DESC, c.id
                """)
        }
        return try String.fetchAll(db, sql: "SELECT candidate_id FROM case_file WHERE status = ? "
                                   + "ORDER BY risk_score DESC, candidate_id", arguments: [status.rawValue])
    }

    /// Names of the given candidates, so an export can withhold them.
    static func fullNames(_ db: Database, ids: [String]) throws -> [String] {
        var names: [String] = []
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            names += try String.fetchAll(db, sql: "SELECT full_name FROM candidate WHERE id IN (\(marks))",
                                         arguments: StatementArguments(chunk))
        }
        return names
    }

    static func load(_ db: Database, candidateId id: String) throws -> ExportCase? {
        guard let candidate = try Candidate.fetchOne(db, key: id) else { return nil }
        let caseFile = try CaseStore.fetch(db, candidateId: id)
        let flags = try Flag.fetchAll(db, sql: "SELECT * FROM flag WHERE candidate_id = ? ORDER BY weight DESC, rule_id",
                                      arguments: [id])
        let accounts = try String.fetchAll(db, sql: "SELECT account FROM candidate_account WHERE candidate_id = ? "
                                           + "ORDER BY account", arguments: [id])
        let checks = try IdentityCheck.fetchAll(db, sql: "SELECT * FROM identity_check WHERE candidate_id = ? "
                                                + "ORDER BY checked_at DESC, id", arguments: [id])
        let interviews = try Interview.fetchAll(db, sql: "SELECT * FROM interview WHERE candidate_id = ? "
                                                + "ORDER BY scheduled_at DESC, id", arguments: [id])
        let payments = try Payment.fetchAll(db, sql: "SELECT * FROM payment WHERE candidate_id = ? "
                                            + "ORDER BY paid_at DESC, id LIMIT ?", arguments: [id, paymentLimit])
        let paymentsTotal = try Int.fetchOne(db, sql: "SELECT count(*) FROM payment WHERE candidate_id = ?",
                                             arguments: [id]) ?? 0
        let endpoints = try EndpointObservation.fetchAll(db, sql: "SELECT * FROM endpoint_observation WHERE candidate_id = ? "
                                                         + "ORDER BY observed_at DESC, id LIMIT ?",
                                                         arguments: [id, endpointLimit])
        return ExportCase(candidate: candidate, caseFile: caseFile, flags: flags, loginAccounts: accounts,
                          identityChecks: checks, interviews: interviews,
                          paymentAccounts: try paymentAccounts(db, id), payments: payments, paymentsTotal: paymentsTotal,
                          logins: try logins(db, id), endpoints: endpoints, linkedCandidates: try links(db, candidate),
                          history: try HistoryStore.entries(db, candidateId: id),
                          transfers: try DetailActivity.load(db, candidateId: id))
    }

    static func paymentAccounts(_ db: Database, _ id: String) throws -> [ExportPaymentAccount] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.*, count(p.id) AS n, min(p.paid_at) AS first_at, max(p.paid_at) AS last_at
            FROM payment p JOIN payment_account a ON a.id = p.account_id
            WHERE p.candidate_id = ? GROUP BY a.id ORDER BY last_at DESC, a.id
            """, arguments: [id])
        return try rows.map { row in
            let account = try PaymentAccount(row: row)
            let amounts = try Row.fetchAll(db, sql: "SELECT currency, amount FROM payment WHERE candidate_id = ? AND account_id = ?",
                                           arguments: [id, account.id])
            var totals: [String: Decimal] = [:]
            for a in amounts {
                let currency: String = a["currency"]
                totals[currency, default: 0] += Decimal(string: a["amount"] as String, locale: Locale(identifier: "en_US_POSIX")) ?? 0
            }
            let shared = try String.fetchAll(db, sql: """
                SELECT DISTINCT candidate_id FROM payment WHERE account_id = ? AND candidate_id <> ?
                ORDER BY candidate_id LIMIT ?
                """, arguments: [account.id, id, linkLimitPerKind])
            return ExportPaymentAccount(account: account, payments: row["n"], firstPaidAt: row["first_at"],
                                        lastPaidAt: row["last_at"],
                                        totals: totals.sorted { $0.key < $1.key }.map {
                                            ExportAmount(currency: $0.key, amount: NSDecimalNumber(decimal: $0.value).stringValue)
                                        },
                                        sharedWithCandidates: shared)
        }
    }

    static func logins(_ db: Database, _ id: String) throws -> ExportLogins {
        var out = ExportLogins()
        out.countries = try LoginDayBlockSchema.countries(db, candidateId: id).map { ExportCountry(country: $0.country, events: $0.events) }
        if let span = try Row.fetchOne(db, sql: """
            SELECT count(*) AS ips, sum(events) AS n, min(first_at) AS f, max(last_at) AS l
            FROM login_ip_use WHERE candidate_id = ?
            """, arguments: [id]) {
            out.distinctIps = span["ips"]
            out.firstAt = span["f"]
            out.lastAt = span["l"]
            out.totalEvents = span["n"] ?? 0
        }
        let dayTotal = out.countries.reduce(0) { $0 + $1.events }
        out.totalEvents = max(out.totalEvents, dayTotal)
        out.networks = try Row.fetchAll(db, sql: """
            SELECT u.ip, u.events, u.first_at, u.last_at, i.country, i.asn, i.as_name, i.provider, i.provider_kind,
                   coalesce(i.anonymous_proxy, 0) AS anonymous_proxy, coalesce(i.provider_dprk_named, 0) AS dprk
            FROM login_ip_use u LEFT JOIN ip_info i ON i.ip = u.ip
            WHERE u.candidate_id = ? ORDER BY u.events DESC, u.ip LIMIT ?
            """, arguments: [id, networkLimit]).map {
            ExportNetwork(ip: $0["ip"], events: $0["events"], firstAt: $0["first_at"], lastAt: $0["last_at"],
                          country: $0["country"], asn: $0["asn"], asName: $0["as_name"], provider: $0["provider"],
                          providerKind: $0["provider_kind"], anonymousProxy: $0["anonymous_proxy"],
                          providerDprkNamed: $0["dprk"])
        }
        out.devices = try Row.fetchAll(db, sql: """
            SELECT device_id, managed, first_at, last_at, events FROM login_device WHERE candidate_id = ?
            ORDER BY events DESC, device_id LIMIT ?
            """, arguments: [id, linkLimitPerKind]).map {
            ExportDevice(deviceId: $0["device_id"], managed: $0["managed"], firstAt: $0["first_at"],
                         lastAt: $0["last_at"], events: $0["events"])
        }
        out.heatmap = try LoginDataSchema.heatmap(db, candidateId: id)
        return out
    }

    static func links(_ db: Database, _ c: Candidate) throws -> [ExportLink] {
        var out: [ExportLink] = []
        func add(_ kind: String, _ sql: String, _ args: StatementArguments) throws {
            for row in try Row.fetchAll(db, sql: sql + " LIMIT \(linkLimitPerKind)", arguments: args) {
                out.append(ExportLink(kind: kind, candidateId: row[0], via: row[1]))
            }
        }
        try add("payment_account", """
            SELECT DISTINCT p2.candidate_id, a.identifier FROM payment p1
            JOIN payment p2 ON p2.account_id = p1.account_id AND p2.candidate_id <> p1.candidate_id
            JOIN payment_account a ON a.id = p1.account_id
            WHERE p1.candidate_id = ? ORDER BY p2.candidate_id, a.identifier
            """, [c.id])
        try add("ip", """
            SELECT DISTINCT u2.candidate_id, u1.ip FROM login_ip_use u1
            JOIN login_ip_use u2 ON u2.ip = u1.ip AND u2.candidate_id <> u1.candidate_id
            WHERE u1.candidate_id = ? ORDER BY u2.candidate_id, u1.ip
            """, [c.id])
        try add("device", """
            SELECT DISTINCT d2.candidate_id, d1.device_id FROM login_device d1
            JOIN login_device d2 ON d2.device_id = d1.device_id AND d2.candidate_id <> d1.candidate_id
            WHERE d1.candidate_id = ? ORDER BY d2.candidate_id, d1.device_id
            """, [c.id])
        let sameField: [(kind: String, column: String, value: String?)] = [
            ("email", "email", c.email), ("phone", "phone", c.phone), ("address", "address", c.address),
            ("resume", "resume_hash", c.resumeHash), ("photo", "photo_hash", c.photoHash),
        ]
        for field in sameField {
            guard let value = field.value, !value.isEmpty else { continue }
            let collate = field.kind == "email" ? " COLLATE NOCASE" : ""
            try add(field.kind, "SELECT id, \(field.column) FROM candidate WHERE \(field.column)\(collate) = ? AND id <> ? ORDER BY id",
                    [value, c.id])
        }
        if let referrer = c.referrerId, !referrer.isEmpty {
            out.append(ExportLink(kind: "referred_by", candidateId: referrer, via: referrer))
        }
        try add("referred", "SELECT id, id FROM candidate WHERE referrer_id = ? ORDER BY id", [c.id])
        return out
    }
}
