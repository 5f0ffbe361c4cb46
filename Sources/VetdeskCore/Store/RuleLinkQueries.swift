import GRDB

/// Cross-candidate links: values shared by 2+ candidates (login IPs, payment accounts, contacts,
/// hashes, devices) and referral edges. A full run finds the groups once with GROUP BY over the
/// indexes; a scoped run follows the indexes from the scoped candidates' own values.
struct RuleLinkQueries {
    let db: Database
    let scope: RuleScope
    /// IPs used by more candidates than this are public infrastructure (carrier NAT, big VPN exits).
    let maxCandidatesPerIP: Int
    /// Groups the caller found once for many chunks (RescorePlan); nil: every kind is found here.
    var groupsOfRun: RunGroups? = nil

    /// Groups found once per run rather than per chunk. Addresses always (an AddressKey can only be
    /// matched against every candidate's addresses): every group of the store, or those touching a
    /// scoped run's candidates. A full run also finds the store's payment-account, contact, hash and
    /// device groups once, with one GROUP BY over each index: per chunk, their scoped queries probed
    /// the indexes once per candidate and column, 12 % of a full run's CPU at 100k. There are few
    /// (1,084 groups, 2,188 members at 100k); IP groups are many (a third of the candidates share one
    /// at 1M) and stay per chunk.
    struct RunGroups: Sendable {
        var addresses: [Group]
        var accounts: [Group]? = nil
        var columns: [Group]? = nil
        var devices: [Group]? = nil
    }

    /// One value held by 2+ candidates, as the queries find it.
    struct Group {
        var kind: SharedValue.Kind
        var value: String
        var label: String
        var members: [String]
        /// Per member, login events on the IP (IP groups only).
        var events: [String: Int] = [:]
        var network: SharedNetwork? = nil
        /// Members who ship their laptop to this address without living there (address groups).
        var shipsHere: Set<String> = []
    }

    /// Every group of 2+ candidates holding one value, touching the scope, in the order the rules
    /// see them: IPs, payment accounts, email, phone, resume, photo, addresses, devices (each by value).
    /// A group may name candidates outside the scope.
    func groups() throws -> [Group] {
        var groups: [Group] = []
        // The run's groups are narrowed to this scope's with one membership test (a temp table's ids read once).
        let touching = try groupsOfRun.map { _ in try Self.membership(of: scope, db) }
        try ipGroups(&groups)
        if let run = groupsOfRun?.accounts, let touching { groups += run.filter(touching) } else { try accountGroups(&groups) }
        if let run = groupsOfRun?.columns, let touching { groups += run.filter(touching) } else { try columnGroups(&groups) }
        if let run = groupsOfRun?.addresses, let touching { groups += run.filter(touching) } else { try addressGroups(&groups) }
        if let run = groupsOfRun?.devices, let touching { groups += run.filter(touching) } else { try deviceGroups(&groups) }
        return groups.filter { $0.members.count >= 2 }
    }

    /// A full run's groups other than IPs, found once (RunGroups), in the order `groups` gives them.
    static func storeGroups(_ db: Database) throws -> RunGroups {
        let all = RuleLinkQueries(db: db, scope: .all, maxCandidatesPerIP: 0) // no IP groups are asked of it
        var run = RunGroups(addresses: try allAddressGroups(db), accounts: [], columns: [], devices: [])
        try all.accountGroups(&run.accounts!)
        try all.columnGroups(&run.columns!)
        try all.deviceGroups(&run.devices!)
        return run
    }

    private func columnGroups(_ groups: inout [Group]) throws {
        for (kind, column, nocase) in [(SharedValue.Kind.email, "email", true), (.phone, "phone", false),
                                       (.resume, "resume_hash", false), (.photo, "photo_hash", false)] {
            try candidateColumnGroups(kind, column, nocase, &groups)
        }
    }

    private func ipGroups(_ groups: inout [Group]) throws {
        // Scoped: only the scope's IPs, and carrier-scale ones left out before their rows are read.
        let keys = scope == .all
            ? "SELECT ip FROM login_ip_use GROUP BY ip HAVING count(*) BETWEEN 2 AND \(maxCandidatesPerIP)"
            : """
              SELECT ip FROM login_ip_use WHERE ip IN (SELECT ip FROM login_ip_use WHERE \(scope.filter("candidate_id")))
              GROUP BY ip HAVING count(*) BETWEEN 2 AND \(maxCandidatesPerIP)
              """
        let rows = try Row.fetchCursor(db, sql: """
            SELECT u.ip, u.candidate_id, u.events, u.first_at, u.last_at, i.country, i.asn, i.as_name, i.provider, i.anonymous_proxy,
                   i.provider_kind, i.provider_dprk_named
            FROM login_ip_use u LEFT JOIN ip_info i ON i.ip = u.ip
            WHERE u.ip IN (\(keys)) AND i.provider_kind IS NOT 'corporate'
            ORDER BY u.ip, u.candidate_id
            """)
        var current: Group? = nil
        func flush() {
            if let g = current, g.members.count >= 2, g.members.count <= maxCandidatesPerIP { groups.append(g) }
        }
        while let r = try rows.next() {
            let ip: String = r[0]
            if ip != current?.value {
                flush()
                let info = IPInfo(ip: ip, country: r[5], asn: r[6], asName: r[7], anonymousProxy: r[9] ?? false, provider: r[8], lookedUpAt: 0)
                let network = SharedNetwork(providerKind: r[10], provider: r[8], anonymousProxy: r[9] ?? false, dprkNamed: r[11] ?? false)
                current = Group(kind: .ip, value: ip, label: EvidenceText.ip(ip, info), members: [], network: network)
            }
            let member: String = r[1]
            current!.members.append(member)
            current!.events[member] = r[2]
        }
        flush()
    }

    /// Declared home addresses and laptop ship-to addresses, compared by `AddressKey` (so
    /// "Hauptstr. 5" and "Hauptstraße 5" meet). Every candidate's addresses are read: a key can
    /// only be matched against all of them, and two text columns of the candidate table are cheap.
    private func addressGroups(_ groups: inout [Group]) throws {
        groups += try Self.groups(Self.allAddressGroups(db), touching: scope, db)
    }

    /// The groups of `all` with a member in `scope` (a range, or the ids in its temp table); all of them
    /// for `.all`.
    static func groups(_ all: [Group], touching scope: RuleScope, _ db: Database) throws -> [Group] {
        all.filter(try membership(of: scope, db))
    }

    /// Whether a group has a member in `scope`: by id order for a range, by the ids of its temp table
    /// (read here, once), any group for `.all`.
    static func membership(of scope: RuleScope, _ db: Database) throws -> (Group) -> Bool {
        if case .range = scope { return { $0.members.contains(where: scope.rangeIncludes) } }
        guard let table = scope.table else { return { _ in true } }
        let inScope = Set(try String.fetchAll(db, sql: "SELECT candidate_id FROM \(table)"))
        return { $0.members.contains(where: inScope.contains) }
    }

    /// Every group of 2+ candidates with the same home or ship-to AddressKey, in key order, found
    /// with SQLite's sorter (AddressGroupScan): memory does not grow with the candidates.
    static func allAddressGroups(_ db: Database) throws -> [Group] {
        try AddressGroupScan.groups(db)
    }

    /// The same groups computed in memory over every candidate (the earlier way, ~250 MB at 1M
    /// candidates); kept as the reference the tests compare it with (RescoreMemoryTests).
    static func addressGroupsInMemory(_ db: Database) throws -> [Group] {
        var groups: [Group] = []
        // Digit runs computed once per row (they were computed up to five times: ~0.25 s of 100k rows).
        var rows: [(id: String, home: String?, ship: String?, homeDigits: String, shipDigits: String)] = []
        var sigCount: [String: Int] = [:]
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT id, address, ship_to_address FROM candidate
            WHERE coalesce(address, '') <> '' OR coalesce(ship_to_address, '') <> '' ORDER BY id
            """)
        while let r = try cursor.next() {
            let home: String? = r[1], ship: String? = r[2]
            // Cheap prefilter: only addresses whose digit runs meet another's get the full key.
            let h = AddressKey.digits(home), sh = AddressKey.digits(ship)
            rows.append((r[0], home, ship, h, sh))
            sigCount[h, default: 0] += 1
            if sh != h { sigCount[sh, default: 0] += 1 }
        }
        var byKey: [String: (shown: String, homes: [String], ships: [String])] = [:]
        for row in rows {
            let homeKey = (sigCount[row.homeDigits] ?? 0) >= 2 || (row.ship != nil && row.ship != row.home)
                ? AddressKey.of(row.home) : ""
            if !homeKey.isEmpty {
                byKey[homeKey, default: (row.home ?? "", [], [])].homes.append(row.id)
            }
            guard let ship = row.ship, !ship.isEmpty, ship != row.home,
                  (sigCount[row.shipDigits] ?? 0) >= 2 || row.shipDigits == row.homeDigits else { continue }
            let shipKey = AddressKey.of(ship)
            if !shipKey.isEmpty && shipKey != homeKey {
                byKey[shipKey, default: (ship, [], [])].ships.append(row.id)
            }
        }
        for key in byKey.keys.sorted() {
            let g = byKey[key]!
            var members: [String] = []
            for m in g.homes + g.ships where !members.contains(m) { members.append(m) }
            guard members.count >= 2 else { continue }
            groups.append(Group(kind: g.ships.isEmpty ? .address : .shipTo, value: key, label: Sanitize.forDisplay(g.shown),
                                members: members.sorted(), shipsHere: Set(g.ships)))
        }
        return groups
    }

    private func accountGroups(_ groups: inout [Group]) throws {
        let keys = scope == .all
            ? "SELECT account_id FROM payment GROUP BY account_id HAVING count(DISTINCT candidate_id) >= 2"
            : "SELECT account_id FROM payment WHERE \(scope.filter("candidate_id"))"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.account_id, p.candidate_id, a.account_type, a.identifier, a.holder_name, a.bank_country, a.bank_name
            FROM payment p JOIN payment_account a ON a.id = p.account_id
            WHERE p.account_id IN (\(keys))
            GROUP BY p.account_id, p.candidate_id
            ORDER BY p.account_id, p.candidate_id
            """)
        var current: Int64? = nil
        var members: [String] = []
        var label = ""
        func flush() {
            if let id = current, members.count >= 2 { groups.append(Group(kind: .paymentAccount, value: String(id), label: label, members: members)) }
        }
        while let r = try rows.next() {
            let id: Int64 = r[0]
            if id != current {
                flush()
                current = id; members = []
                label = EvidenceText.account(PaymentAccount(id: id, accountType: r[2], identifier: r[3], holderName: r[4],
                                                            bankName: r[6], bankCountry: r[5]))
            }
            members.append(r[1])
        }
        flush()
    }

    private func candidateColumnGroups(_ kind: SharedValue.Kind, _ column: String, _ nocase: Bool,
                                       _ groups: inout [Group]) throws {
        let coll = nocase ? " COLLATE NOCASE" : ""
        // Scoped: only the scope's values that another candidate also holds (one probe of the column's
        // index each, no row read). Without it every scoped candidate's own value came back and was
        // grouped in Swift, a table row read per candidate and column: 16 % of a full run's CPU at 100k.
        let keys = scope == .all
            ? "SELECT \(column) FROM candidate WHERE \(column) <> '' GROUP BY \(column)\(coll) HAVING count(*) >= 2"
            : """
              SELECT s.\(column) FROM candidate s WHERE s.\(column) <> '' AND \(scope.filter("s.id"))
                AND EXISTS (SELECT 1 FROM candidate o WHERE o.\(column)\(coll) = s.\(column) AND o.rowid <> s.rowid)
              """
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(column), id FROM candidate WHERE \(column)\(coll) IN (\(keys)) ORDER BY \(column)\(coll), id
            """)
        var byKey: [String: (value: String, members: [String])] = [:]
        var order: [String] = []
        while let r = try rows.next() {
            let value: String = r[0]
            let key = nocase ? value.lowercased() : value
            if byKey[key] == nil { order.append(key); byKey[key] = (value, []) }
            byKey[key]!.members.append(r[1])
        }
        for k in order {
            let g = byKey[k]!
            guard g.members.count >= 2 else { continue }
            let shown = kind == .resume || kind == .photo ? "hash \(g.value.prefix(16))" : Sanitize.forDisplay(g.value)
            groups.append(Group(kind: kind, value: g.value, label: shown, members: g.members))
        }
    }

    private func deviceGroups(_ groups: inout [Group]) throws {
        let keys = scope == .all
            ? "SELECT device_id FROM login_device GROUP BY device_id HAVING count(*) >= 2"
            : "SELECT device_id FROM login_device WHERE \(scope.filter("candidate_id"))"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT device_id, candidate_id FROM login_device WHERE device_id IN (\(keys)) AND device_id <> ''
            ORDER BY device_id, candidate_id
            """)
        var current: String? = nil
        var members: [String] = []
        func flush() {
            if let d = current, members.count >= 2 { groups.append(Group(kind: .device, value: d, label: Sanitize.forDisplay(d), members: members)) }
        }
        while let r = try rows.next() {
            let d: String = r[0]
            if d != current { flush(); current = d; members = [] }
            members.append(r[1])
        }
        flush()
    }

    /// Name, declared country, city key and address key per candidate.
    static func people(_ db: Database, ids: some Collection<String>) throws
        -> [String: (name: String, country: String, city: String, address: String)] {
        var out: [String: (name: String, country: String, city: String, address: String)] = [:]
        // Few distinct cities (93 at 100k candidates): each folded once, not once per person.
        var cityKeys: [String: String] = [:]
        let list = Array(ids)
        // Read through RawColumns: GRDB's Row decoding was a third of this function.
        let full = try db.makeStatement(sql: Self.peopleSQL(500))
        for start in stride(from: 0, to: list.count, by: 500) {
            let chunk = Array(list[start..<min(start + 500, list.count)])
            let statement = chunk.count == 500 ? full : try db.makeStatement(sql: Self.peopleSQL(chunk.count))
            statement.setUncheckedArguments(StatementArguments(chunk))
            try RawColumns.forEachRow(statement) { r in
                let rawCity = r.text(3)
                let city = rawCity.map { c in cityKeys[c] ?? { let k = AddressKey.city(c); cityKeys[c] = k; return k }() } ?? ""
                out[r.text(0) ?? ""] = (r.text(1) ?? "", (r.text(2) ?? "").uppercased(), city, AddressKey.of(r.text(4)))
            }
        }
        return out
    }

    private static func peopleSQL(_ count: Int) -> String {
        "SELECT id, full_name, declared_country, city, address FROM candidate WHERE id IN (\(Array(repeating: "?", count: count).joined(separator: ",")))"
    }

    /// All login events per candidate (login_ip_use), for the share of logins a shared IP carries.
    static func loginTotals(_ db: Database, ids: some Collection<String>) throws -> [String: Int] {
        var out: [String: Int] = [:]
        let list = Array(ids)
        for start in stride(from: 0, to: list.count, by: 500) {
            let chunk = Array(list[start..<min(start + 500, list.count)])
            let rows = try Row.fetchAll(db, sql: """
                SELECT candidate_id, sum(events) FROM login_ip_use WHERE candidate_id IN (\(chunk.map { _ in "?" }.joined(separator: ","))) GROUP BY candidate_id
                """, arguments: StatementArguments(chunk))
            for r in rows { out[r[0]] = r[1] }
        }
        return out
    }

    static func names(_ db: Database, ids: some Collection<String>) throws -> [String: String] {
        var out: [String: String] = [:]
        let list = Array(ids)
        for start in stride(from: 0, to: list.count, by: 500) {
            let chunk = Array(list[start..<min(start + 500, list.count)])
            let rows = try Row.fetchAll(db, sql: "SELECT id, full_name FROM candidate WHERE id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                                        arguments: StatementArguments(chunk))
            for r in rows { out[r[0]] = r[1] }
        }
        return out
    }

    /// Referees (candidates whose referrer_id is in scope) as (referee id, name, referrer id).
    func referees() throws -> [(id: String, name: String, referrer: String)] {
        try Row.fetchAll(db, sql: """
            SELECT id, full_name, referrer_id FROM candidate WHERE referrer_id IS NOT NULL AND \(scope.filter("referrer_id"))
            """).map { ($0[0], $0[1], $0[2]) }
    }

    /// For candidates outside the run: case status and flags other than referral_chain, to judge them as referral neighbours.
    static func storedNeighbors(_ db: Database, ids: some Collection<String>) throws
        -> [String: (name: String, status: CaseStatus?, flags: [Flag])] {
        var out: [String: (name: String, status: CaseStatus?, flags: [Flag])] = [:]
        let list = Array(ids)
        for start in stride(from: 0, to: list.count, by: 500) {
            let chunk = Array(list[start..<min(start + 500, list.count)])
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            for r in try Row.fetchAll(db, sql: """
                SELECT c.id, c.full_name, f.status FROM candidate c LEFT JOIN case_file f ON f.candidate_id = c.id WHERE c.id IN (\(marks))
                """, arguments: StatementArguments(chunk)) {
                let status: String? = r[2]
                out[r[0]] = (r[1], status.flatMap(CaseStatus.init(rawValue:)), [])
            }
            for r in try Row.fetchAll(db, sql: """
                SELECT candidate_id, rule_id, severity, weight FROM flag WHERE candidate_id IN (\(marks)) AND rule_id <> 'referral_chain'
                """, arguments: StatementArguments(chunk)) {
                let id: String = r[0]
                let f = Flag(candidateId: id, ruleId: r[1], severity: Severity(rawValue: r[2]) ?? .low, weight: r[3],
                             summary: "", evidence: [], computedAt: 0)
                out[id]?.flags.append(f)
            }
        }
        return out
    }

    /// Adds to temp.rescore_scope every candidate linked to one in temp.rescore_seed: shared login IP
    /// (not corporate, not carrier-scale), payment account, contact, hash or device, a referral edge
    /// either way, or a stored cross-candidate flag that names a seed candidate (a link that has
    /// just disappeared must drop from the other side too).
    static func expandSeed(_ db: Database, maxCandidatesPerIP: Int) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO temp.rescore_scope SELECT candidate_id FROM temp.rescore_seed")
        let seed = "(SELECT candidate_id FROM temp.rescore_seed)"
        try db.execute(sql: """
            INSERT OR IGNORE INTO temp.rescore_scope (candidate_id)
            SELECT u2.candidate_id FROM login_ip_use u1 JOIN login_ip_use u2 ON u2.ip = u1.ip
              WHERE u1.candidate_id IN \(seed)
                AND NOT EXISTS (SELECT 1 FROM ip_info i WHERE i.ip = u1.ip AND i.provider_kind = 'corporate')
                AND (SELECT count(*) FROM login_ip_use x WHERE x.ip = u1.ip) <= \(maxCandidatesPerIP)
            UNION SELECT p2.candidate_id FROM payment p1 JOIN payment p2 ON p2.account_id = p1.account_id
              WHERE p1.candidate_id IN \(seed)
            UNION SELECT o.id FROM candidate c JOIN candidate o ON o.email = c.email COLLATE NOCASE
              WHERE c.id IN \(seed) AND c.email <> ''
            UNION SELECT o.id FROM candidate c JOIN candidate o ON o.phone = c.phone WHERE c.id IN \(seed) AND c.phone <> ''
            UNION SELECT o.id FROM candidate c JOIN candidate o ON o.resume_hash = c.resume_hash
              WHERE c.id IN \(seed) AND c.resume_hash <> ''
            UNION SELECT o.id FROM candidate c JOIN candidate o ON o.photo_hash = c.photo_hash
              WHERE c.id IN \(seed) AND c.photo_hash <> ''
            UNION SELECT d2.candidate_id FROM login_device d1 JOIN login_device d2 ON d2.device_id = d1.device_id
              WHERE d1.candidate_id IN \(seed) AND d1.device_id <> ''
            UNION SELECT referrer_id FROM candidate WHERE id IN \(seed) AND referrer_id IS NOT NULL
            UNION SELECT id FROM candidate WHERE referrer_id IN \(seed)
            UNION SELECT f.candidate_id FROM flag f
              WHERE f.rule_id IN ('shared_login_ip', 'shared_payment_account', 'shared_identity_artifacts', 'referral_chain')
                AND EXISTS (SELECT 1 FROM json_each(f.evidence) e
                            WHERE json_extract(e.value, '$.kind') = 'candidate' AND json_extract(e.value, '$.ref') IN \(seed))
            """)
        try expandByAddress(db)
    }

    /// Candidates whose home or ship-to address has the same `AddressKey` as a seed candidate's.
    /// Keys are computed in Swift (no SQL function), over every candidate's two address columns.
    private static func expandByAddress(_ db: Database) throws {
        var seedKeys = Set<String>()
        var seedDigits = Set<String>()
        for r in try Row.fetchAll(db, sql: """
            SELECT address, ship_to_address FROM candidate WHERE id IN (SELECT candidate_id FROM temp.rescore_seed)
            """) {
            for a in [r[0] as String?, r[1] as String?] {
                let k = AddressKey.of(a)
                if !k.isEmpty { seedKeys.insert(k); seedDigits.insert(AddressKey.digits(a)) }
            }
        }
        guard !seedKeys.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.rescore_scope(candidate_id) VALUES (?)")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, address, ship_to_address FROM candidate WHERE coalesce(address, '') <> '' OR coalesce(ship_to_address, '') <> ''
            """)
        while let r = try rows.next() {
            let home: String? = r[1], ship: String? = r[2]
            // Digit runs first (cheap): only candidates sharing them with a seed address get the full key.
            let match = (seedDigits.contains(AddressKey.digits(home)) && seedKeys.contains(AddressKey.of(home)))
                || (seedDigits.contains(AddressKey.digits(ship)) && seedKeys.contains(AddressKey.of(ship)))
            if match {
                try insert.execute(arguments: [r[0] as String])
            }
        }
    }
}
