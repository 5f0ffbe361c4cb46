import GRDB

/// Other candidates linked to one candidate, kind by kind, each kind through its own index and
/// capped, so a hotspot IP shared by thousands of people costs no more than `cap` rows.
enum DetailLinks {
    /// (other candidate id, what they share), before names and case states are attached.
    typealias Pair = (other: String, via: String)

    static func links(_ db: Database, candidate c: Candidate, accounts: [PaymentAccountUse], cap: Int) throws -> [CandidateLink] {
        var found: [(CandidateLink.Kind, [Pair])] = []
        found.append((.ip, try sharedIPs(db, id: c.id, cap: cap)))
        found.append((.paymentAccount, sharedAccounts(accounts, cap: cap)))
        if let email = nonEmpty(c.email) {
            found.append((.email, try sameColumn(db, sql: "SELECT id FROM candidate WHERE email = ? COLLATE NOCASE AND id <> ? ORDER BY id LIMIT ?",
                                                 value: email, id: c.id, cap: cap)))
        }
        let columns: [(CandidateLink.Kind, String, String?)] = [
            (.phone, "phone", c.phone), (.address, "address", c.address),
            (.resume, "resume_hash", c.resumeHash), (.photo, "photo_hash", c.photoHash),
        ]
        for (kind, column, value) in columns {
            guard let value = nonEmpty(value) else { continue }
            // `column` comes from the fixed list above, never from data.
            found.append((kind, try sameColumn(db, sql: "SELECT id FROM candidate WHERE \(column) = ? AND id <> ? ORDER BY id LIMIT ?",
                                               value: value, id: c.id, cap: cap)))
        }
        found.append((.device, try sharedDevices(db, id: c.id, cap: cap)))
        if let referrer = nonEmpty(c.referrerId), referrer != c.id {
            found.append((.referredBy, [(referrer, "referrer")]))
        }
        found.append((.referred, try String.fetchAll(db, sql: """
            SELECT id FROM candidate WHERE referrer_id = ? AND id <> ? ORDER BY id LIMIT ?
            """, arguments: [c.id, c.id, cap]).map { ($0, "referral") }))

        let others = try people(db, ids: Set(found.flatMap { $0.1.map(\.other) }))
        var links: [CandidateLink] = []
        for (kind, pairs) in found {
            for pair in pairs {
                // A referrer id that names no candidate is still worth showing: the name says so.
                let who = others[pair.other]
                links.append(CandidateLink(kind: kind, otherId: pair.other, otherName: who?.name ?? "(not in store)",
                                           otherStatus: who?.status, otherRisk: who?.risk, via: pair.via))
            }
        }
        return links
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return s
    }

    static func sameColumn(_ db: Database, sql: String, value: String, id: String, cap: Int) throws -> [Pair] {
        try String.fetchAll(db, sql: sql, arguments: [value, id, cap]).map { ($0, value) }
    }

    /// Shared login IPs (login_ip_use_ip), corporate egress excluded: everyone in the office shares it.
    /// Reads a bounded number of (ip, other) pairs, then groups by other candidate.
    static func sharedIPs(_ db: Database, id: String, cap: Int) throws -> [Pair] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT o.candidate_id AS other, u.ip AS ip, i.provider AS provider
            FROM login_ip_use u
            JOIN login_ip_use o ON o.ip = u.ip AND o.candidate_id <> u.candidate_id
            LEFT JOIN ip_info i ON i.ip = u.ip
            WHERE u.candidate_id = ? AND COALESCE(i.provider_kind, '') <> 'corporate'
            LIMIT ?
            """, arguments: [id, cap * 4])
        return group(rows.map { row in
            let ip: String = row["ip"]
            let provider: String? = row["provider"]
            return (row["other"], provider.map { "\(ip) (\($0))" } ?? ip)
        }, cap: cap)
    }

    static func sharedAccounts(_ accounts: [PaymentAccountUse], cap: Int) -> [Pair] {
        group(accounts.flatMap { use in use.sharedWith.map { ($0, accountLabel(use.account)) } }, cap: cap)
    }

    static func accountLabel(_ a: PaymentAccount) -> String {
        "\(a.accountType) \(a.iban ?? a.identifier)"
    }

    /// Devices seen for both candidates (login_device PK, then login_device_device).
    static func sharedDevices(_ db: Database, id: String, cap: Int) throws -> [Pair] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT o.candidate_id AS other, d.device_id AS device
            FROM login_device d
            JOIN login_device o ON o.device_id = d.device_id AND o.candidate_id <> d.candidate_id
            WHERE d.candidate_id = ?
            LIMIT ?
            """, arguments: [id, cap * 4])
        return group(rows.map { ($0["other"], "device \($0["device"] as String)") }, cap: cap)
    }

    /// One pair per other candidate, in first-seen order, joining what they share.
    static func group(_ pairs: [Pair], cap: Int) -> [Pair] {
        var order: [String] = []
        var vias: [String: [String]] = [:]
        for (other, via) in pairs {
            if vias[other] == nil {
                guard order.count < cap else { continue }
                order.append(other); vias[other] = []
            }
            if !vias[other]!.contains(via) { vias[other]!.append(via) }
        }
        return order.map { other in
            let v = vias[other]!
            return (other, v.count <= 3 ? v.joined(separator: ", ") : v.prefix(3).joined(separator: ", ") + " (+\(v.count - 3))")
        }
    }

    static func people(_ db: Database, ids: Set<String>) throws -> [String: (name: String, status: CaseStatus?, risk: Int?)] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: (name: String, status: CaseStatus?, risk: Int?)] = [:]
        let all = Array(ids)
        // Chunks keep the statement under SQLite's bound-parameter limit.
        for start in stride(from: 0, to: all.count, by: 500) {
            let chunk = Array(all[start..<min(all.count, start + 500)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: """
                SELECT c.id, c.full_name, k.status, k.risk_score FROM candidate c
                LEFT JOIN case_file k ON k.candidate_id = c.id WHERE c.id IN (\(marks))
                """, arguments: StatementArguments(chunk)) {
                let status: String? = row["status"]
                result[row["id"]] = (row["full_name"], status.flatMap(CaseStatus.init(rawValue:)), row["risk_score"])
            }
        }
        return result
    }
}
