import Foundation
import GRDB

/// Rings: strong-edge extraction, the stored rings with stable ids, and their membership history.
enum RingStore {
    /// A shared value with more candidates than this is infrastructure (a platform's pooled payout account,
    /// a carrier NAT address), not a ring tie: it is counted in `skipped`, never silently dropped.
    static let maxGroup = 30
    /// A residential line shared by more people than this looks like carrier NAT or a building's network.
    static let maxLineSharers = 8
    /// "Two or three people declaring one home address is a household" (issue 8): more is a signal.
    static let maxHousehold = 3
    /// A line is someone's main line when at least this share of their sign-ins come from it
    /// (the shared_login_ip rule's `main_share` default).
    static let mainLineShare = 0.25

    static let schemaSQL = """
        CREATE TABLE ring (
            id TEXT PRIMARY KEY NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            score INTEGER NOT NULL,
            size INTEGER NOT NULL,
            first_seen INTEGER,
            last_seen INTEGER,
            active INTEGER NOT NULL DEFAULT 1     -- 0 once no component matches it any more
        );
        CREATE TABLE ring_member (
            ring_id TEXT NOT NULL REFERENCES ring(id),
            candidate_id TEXT NOT NULL,
            joined_at INTEGER NOT NULL,
            PRIMARY KEY (ring_id, candidate_id)
        ) WITHOUT ROWID;
        CREATE INDEX ring_member_candidate ON ring_member(candidate_id);
        CREATE TABLE ring_edge (
            ring_id TEXT NOT NULL REFERENCES ring(id),
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            first_seen INTEGER,
            last_seen INTEGER
        );
        CREATE INDEX ring_edge_ring ON ring_edge(ring_id);
        -- Membership changes: "C-000231 joined via iban LT45… on …". Names no personal data but the id.
        CREATE TABLE ring_event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ring_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            candidate_id TEXT NOT NULL,
            change TEXT NOT NULL,
            via TEXT NOT NULL
        );
        CREATE INDEX ring_event_ring ON ring_event(ring_id, id);
        CREATE TABLE ring_state (id INTEGER PRIMARY KEY CHECK (id = 1), fingerprint TEXT NOT NULL, computed_at INTEGER NOT NULL);
        """

    // MARK: - Edges

    struct Extraction {
        var edges: [RingEdge] = []
        /// Shared values left out, by reason ("payment_account shared by more than 30").
        var skipped: [String: Int] = [:]
        /// Each candidate's declared home (AddressKey), city and country.
        var homes: [String: Home] = [:]

        struct Home { var address: String; var city: String; var country: String }

        /// Two or three people who declare one home: a household (a couple's joint account, a family device).
        func isHousehold(_ members: [String]) -> Bool {
            guard members.count <= RingStore.maxHousehold, let first = homes[members[0]]?.address, !first.isEmpty else { return false }
            return members.allSatisfy { homes[$0]?.address == first }
        }

        mutating func add(_ kind: RingEdge.Kind, _ members: [String], value: String, first: Int64?, last: Int64?) {
            let unique = Array(Set(members)).sorted()
            guard unique.count >= 2 else { return }
            guard unique.count <= RingStore.maxGroup else {
                skipped["\(kind.rawValue) shared by more than \(RingStore.maxGroup)", default: 0] += 1
                return
            }
            if kind != .referral && isHousehold(unique) {
                skipped["\(kind.rawValue) shared within a household", default: 0] += 1
                return
            }
            // A star from the first member is enough to connect the component; every pair would be quadratic.
            for other in unique.dropFirst() {
                edges.append(RingEdge(unique[0], other, kind: kind, value: value, firstSeen: first, lastSeen: last))
            }
        }
    }

    static func edges(_ db: Database) throws -> Extraction {
        var x = Extraction()
        for row in try Row.fetchAll(db, sql: "SELECT id, address, city, declared_country FROM candidate") {
            x.homes[row["id"]] = Extraction.Home(address: AddressKey.of(row["address"]), city: (row["city"] as String?)?.lowercased() ?? "",
                                                 country: row["declared_country"] ?? "")
        }
        func pairs(_ kind: RingEdge.Kind, _ members: [String], value: String, first: Int64?, last: Int64?) {
            x.add(kind, members, value: value, first: first, last: last)
        }
        func split(_ s: String?) -> [String] { (s ?? "").split(separator: ",").map(String.init) }

        for row in try Row.fetchAll(db, sql: """
            SELECT a.account_type, coalesce(a.iban, a.identifier) AS value, group_concat(DISTINCT p.candidate_id) AS members,
                   min(p.paid_at) AS first, max(p.paid_at) AS last
            FROM payment p JOIN payment_account a ON a.id = p.account_id
            GROUP BY p.account_id HAVING count(DISTINCT p.candidate_id) >= 2
            """) {
            pairs(.paymentAccount, split(row["members"]), value: "\(row["account_type"] as String) \(row["value"] as String)",
                  first: row["first"], last: row["last"])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT device_id, group_concat(DISTINCT candidate_id) AS members, min(first_at) AS first, max(last_at) AS last
            FROM login_device GROUP BY device_id HAVING count(DISTINCT candidate_id) >= 2
            """) {
            pairs(.device, split(row["members"]), value: "device \(row["device_id"] as String)", first: row["first"], last: row["last"])
        }
        for (kind, column) in [(RingEdge.Kind.phone, "phone"), (.email, "lower(email)"), (.resume, "resume_hash"), (.photo, "photo_hash")] {
            // `column` comes from the fixed list above, never from data.
            for row in try Row.fetchAll(db, sql: """
                SELECT \(column) AS value, group_concat(id) AS members FROM candidate
                WHERE \(column) IS NOT NULL AND \(column) <> '' GROUP BY \(column) HAVING count(*) >= 2
                """) {
                pairs(kind, split(row["members"]), value: row["value"], first: nil, last: nil)
            }
        }
        try shipTo(db, into: &x)
        try residentialLines(db, into: &x)
        // Referrals between candidates who both carry flags: the next member brought in by the last.
        for row in try Row.fetchAll(db, sql: """
            SELECT c.id, c.referrer_id, c.applied_at FROM candidate c
            WHERE c.referrer_id IS NOT NULL AND c.referrer_id <> c.id
              AND EXISTS (SELECT 1 FROM flag f WHERE f.candidate_id = c.id)
              AND EXISTS (SELECT 1 FROM flag f WHERE f.candidate_id = c.referrer_id)
            """) {
            x.edges.append(RingEdge(row["id"], row["referrer_id"], kind: .referral, value: "referral",
                                    firstSeen: row["applied_at"], lastSeen: row["applied_at"]))
        }
        return x
    }

    /// Ship-to addresses several candidates use, compared normalised. People who all declare that address as
    /// their home are a household, not a ring; a ship-to that differs from a sharer's home is the signal.
    /// People who all live in the ship-to's own city (coworking members who have the laptop sent to the
    /// space's front desk, staff of one office) are not a ring either, unless the address is a known
    /// forwarder (watchlist kind `address`).
    static func shipTo(_ db: Database, into x: inout Extraction) throws {
        var byAddress: [String: [(id: String, home: String, shown: String, city: String, country: String, shipCountry: String)]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT id, ship_to_address, address, city, declared_country, ship_to_country FROM candidate
            WHERE ship_to_address IS NOT NULL AND ship_to_address <> ''
            """) {
            let shown: String = row["ship_to_address"]
            byAddress[AddressKey.of(shown), default: []].append((row["id"], AddressKey.of(row["address"] ?? ""), shown,
                AddressKey.city(row["city"]), row["declared_country"] ?? "", row["ship_to_country"] ?? ""))
        }
        let forwarders = Set(try String.fetchAll(db, sql: "SELECT value FROM watchlist_entry WHERE kind = 'address'").map { AddressKey.of($0) })
        for (key, people) in byAddress where people.count >= 2 {
            if people.allSatisfy({ $0.home == key }) {
                x.skipped["ship_to shared by a household (same declared home)", default: 0] += 1
                continue
            }
            let first = people[0]
            if !forwarders.contains(key), !first.city.isEmpty, !first.country.isEmpty,
               people.allSatisfy({ $0.city == first.city && $0.country == first.country
                                   && ($0.shipCountry.isEmpty || $0.shipCountry == first.country) }) {
                x.skipped["ship_to in the sharers' own city (office, coworking)", default: 0] += 1
                continue
            }
            x.add(.shipTo, people.map(\.id), value: "ship-to " + people[0].shown, first: nil, last: nil)
        }
    }

    /// One residential line (not VPN, hosting, corporate, mobile or anonymising) that is the main line of
    /// people who declare different homes — the laptop-farm pattern, read as the shared_login_ip rule reads
    /// it (SharedIPContext). Not a tie: a household's line, a line everyone on it declares in one city
    /// (office, coworking, carrier NAT), or a line that is only occasional for the others.
    static func residentialLines(_ db: Database, into x: inout Extraction) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT u.ip, group_concat(u.candidate_id || ':' || u.events) AS members, min(u.first_at) AS first, max(u.last_at) AS last
            FROM login_ip_use u LEFT JOIN ip_info i ON i.ip = u.ip
            WHERE coalesce(i.provider_kind, '') = '' AND coalesce(i.anonymous_proxy, 0) = 0
            GROUP BY u.ip HAVING count(*) BETWEEN 2 AND ?
            """, arguments: [maxLineSharers])
        guard !rows.isEmpty else { return }
        var totals: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT candidate_id, sum(events) AS n FROM login_ip_use GROUP BY candidate_id") {
            totals[row["candidate_id"]] = row["n"]
        }
        for row in rows {
            let uses = (row["members"] as String).split(separator: ",").compactMap { part -> (id: String, events: Int)? in
                guard let colon = part.lastIndex(of: ":"), let n = Int(part[part.index(after: colon)...]) else { return nil }
                return (String(part[..<colon]), n)
            }
            let main = uses.filter { Double($0.events) >= mainLineShare * Double(max(1, totals[$0.id] ?? 0)) }.map(\.id)
            guard main.count >= 2 else {
                x.skipped["residential_line only occasional for its sharers", default: 0] += 1
                continue
            }
            let homes = main.map { x.homes[$0] ?? Extraction.Home(address: "", city: "", country: "") }
            if Set(homes.map(\.address)).count < 2 && !(homes.first?.address.isEmpty ?? true) {
                x.skipped["residential_line shared by a household", default: 0] += 1
                continue
            }
            if let first = homes.first, !first.city.isEmpty, homes.allSatisfy({ $0.city == first.city && $0.country == first.country }) {
                x.skipped["residential_line of one city (office, coworking, carrier NAT)", default: 0] += 1
                continue
            }
            x.add(.residentialLine, main, value: "line \(row["ip"] as String)", first: row["first"], last: row["last"])
        }
    }

    // MARK: - Stored rings

    /// Bumped when the edge rules change, so stored rings are recomputed by a new binary.
    static let algorithm = 2

    /// What the edges depend on; rings are recomputed when it changes.
    static func fingerprint(_ db: Database) throws -> String {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT coalesce(max(id), 0) FROM import_log) AS imports,
                   (SELECT coalesce(max(seq), 0) FROM history) AS decisions,
                   (SELECT count(*) FROM candidate) AS candidates,
                   (SELECT coalesce(max(computed_at), 0) FROM flag) AS scored
            """)!
        return "a\(algorithm)|\(row["imports"] as Int64)|\(row["decisions"] as Int64)|\(row["candidates"] as Int64)|\(row["scored"] as Int64)"
    }

    static func storedFingerprint(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT fingerprint FROM ring_state WHERE id = 1")
    }

    static func activeMembers(_ db: Database) throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT m.ring_id, m.candidate_id FROM ring_member m JOIN ring r ON r.id = m.ring_id WHERE r.active = 1
            """) {
            out[row["ring_id"], default: []].insert(row["candidate_id"])
        }
        return out
    }

    static func nextId(_ db: Database) throws -> Int {
        let last = try String.fetchOne(db, sql: "SELECT id FROM ring ORDER BY id DESC LIMIT 1")
        return (last.flatMap { Int($0.dropFirst(2)) } ?? 0) + 1
    }

    static func risks(_ db: Database) throws -> [String: (risk: Int, band: String, status: String, name: String)] {
        var out: [String: (Int, String, String, String)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT k.id, k.full_name, coalesce(c.risk_score, 0) AS risk, coalesce(c.risk_band, 'none') AS band,
                   coalesce(c.status, 'new') AS status
            FROM candidate k LEFT JOIN case_file c ON c.candidate_id = k.id
            """) {
            out[row["id"]] = (row["risk"], row["band"], row["status"], row["full_name"])
        }
        return out
    }

    static func save(_ db: Database, id: String, isNew: Bool, component: RingFinder.Component, score: Int,
                     first: Int64?, last: Int64?, now: Int64, previous: Set<String>) throws {
        if isNew {
            try db.execute(sql: """
                INSERT INTO ring(id, created_at, updated_at, score, size, first_seen, last_seen, active) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                """, arguments: [id, now, now, score, component.members.count, first, last])
        } else {
            try db.execute(sql: """
                UPDATE ring SET updated_at = ?, score = ?, size = ?, first_seen = ?, last_seen = ?, active = 1 WHERE id = ?
                """, arguments: [now, score, component.members.count, first, last, id])
        }
        let current = Set(component.members)
        for left in previous.subtracting(current).sorted() {
            try db.execute(sql: "DELETE FROM ring_member WHERE ring_id = ? AND candidate_id = ?", arguments: [id, left])
            try db.execute(sql: "INSERT INTO ring_event(ring_id, at, candidate_id, change, via) VALUES (?, ?, ?, 'left', '')",
                           arguments: [id, now, left])
        }
        for joined in current.subtracting(previous).sorted() {
            let via = component.edges.first { $0.a == joined || $0.b == joined }.map { "\($0.kind.rawValue) \($0.value)" } ?? ""
            try db.execute(sql: "INSERT INTO ring_member(ring_id, candidate_id, joined_at) VALUES (?, ?, ?)", arguments: [id, joined, now])
            try db.execute(sql: "INSERT INTO ring_event(ring_id, at, candidate_id, change, via) VALUES (?, ?, ?, 'joined', ?)",
                           arguments: [id, now, joined, via])
        }
        try db.execute(sql: "DELETE FROM ring_edge WHERE ring_id = ?", arguments: [id])
        for e in component.edges {
            try db.execute(sql: "INSERT INTO ring_edge(ring_id, a, b, kind, value, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [id, e.a, e.b, e.kind.rawValue, e.value, e.firstSeen, e.lastSeen])
        }
    }

    static func retire(_ db: Database, id: String, members: Set<String>, now: Int64) throws {
        try db.execute(sql: "UPDATE ring SET active = 0, updated_at = ?, size = 0 WHERE id = ?", arguments: [now, id])
        for left in members.sorted() {
            try db.execute(sql: "INSERT INTO ring_event(ring_id, at, candidate_id, change, via) VALUES (?, ?, ?, 'left', '')",
                           arguments: [id, now, left])
        }
        try db.execute(sql: "DELETE FROM ring_member WHERE ring_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM ring_edge WHERE ring_id = ?", arguments: [id])
    }

    static func setFingerprint(_ db: Database, _ fingerprint: String, now: Int64) throws {
        try db.execute(sql: """
            INSERT INTO ring_state(id, fingerprint, computed_at) VALUES (1, ?, ?)
            ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, computed_at = excluded.computed_at
            """, arguments: [fingerprint, now])
    }

    static func load(_ db: Database, id: String) throws -> Ring? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ring WHERE id = ?", arguments: [id]) else { return nil }
        // Only this ring's members are read (not every candidate: `rings` loads each ring in turn).
        let members = try Row.fetchAll(db, sql: """
            SELECT m.candidate_id, m.joined_at, k.full_name, coalesce(c.risk_score, 0) AS risk,
                   coalesce(c.risk_band, 'none') AS band, coalesce(c.status, 'new') AS status
            FROM ring_member m LEFT JOIN candidate k ON k.id = m.candidate_id
            LEFT JOIN case_file c ON c.candidate_id = m.candidate_id
            WHERE m.ring_id = ?
            """, arguments: [id])
            .map { m -> RingMember in
                RingMember(candidateId: m["candidate_id"], name: m["full_name"] ?? "(erased)", risk: m["risk"],
                           band: m["band"], status: m["status"], joinedAt: m["joined_at"])
            }
            .sorted { ($0.risk, $1.candidateId) > ($1.risk, $0.candidateId) }
        let edges = try Row.fetchAll(db, sql: "SELECT * FROM ring_edge WHERE ring_id = ? ORDER BY a, b, kind", arguments: [id]).map {
            RingEdge($0["a"], $0["b"], kind: RingEdge.Kind(rawValue: $0["kind"]) ?? .referral, value: $0["value"],
                     firstSeen: $0["first_seen"], lastSeen: $0["last_seen"])
        }
        let events = try Row.fetchAll(db, sql: "SELECT * FROM ring_event WHERE ring_id = ? ORDER BY id", arguments: [id]).map {
            RingEvent(at: $0["at"], candidateId: $0["candidate_id"], change: $0["change"], via: $0["via"])
        }
        return Ring(id: id, members: members, edges: edges, score: row["score"], firstSeen: row["first_seen"],
                    lastSeen: row["last_seen"], events: events)
    }

    static func activeIds(_ db: Database, minSize: Int) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM ring WHERE active = 1 AND size >= ? ORDER BY score DESC, size DESC, id",
                            arguments: [minSize])
    }

    static func ringIds(_ db: Database, candidateId: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT ring_id FROM ring_member WHERE candidate_id = ?", arguments: [candidateId])
    }
}
