import Foundation
import GRDB

/// Reads the shared-value groups rings are made of, either all of them (full refresh: a few grouped queries)
/// or those of given candidates (incremental refresh: indexed look-ups per value). Homes and line totals are
/// read only for the candidates in groups that may tie, so memory follows the shared values, not the store.
struct RingGroupSource {
    let db: Database
    private(set) var extraction = RingExtraction()

    init(db: Database) throws {
        self.db = db
        extraction.forwarders = Set(try String.fetchAll(db, sql: "SELECT value FROM watchlist_entry WHERE kind = 'address'").map { AddressKey.of($0) })
    }

    // MARK: - Full

    /// Every group of two or more sharers, in one array (tests; the full refresh streams: `forEachGroup`).
    func allGroups() throws -> [RingGroup] {
        var out: [RingGroup] = []
        try forEachGroup { out.append($0) }
        return out
    }

    /// Every group of two or more sharers, handed over one at a time from SQL cursors, so a full refresh holds
    /// one batch of groups, never all of them (at 1M candidates the groups and their sharers' homes were most of
    /// a 472 MB peak). Each query first finds the shared values in a covering index alone (value plus candidate),
    /// then reads rows only for those: reading every candidate's, payment's or device's row to group them was
    /// most of a full refresh (docs/performance.md, "Rings").
    func forEachGroup(_ body: (RingGroup) throws -> Void) throws {
        func split(_ s: String?) -> [String] { (s ?? "").split(separator: ",").map(String.init) }
        let payments = try Row.fetchCursor(db, sql: """
            SELECT a.account_type, coalesce(a.iban, a.identifier) AS value, group_concat(DISTINCT p.candidate_id) AS members,
                   min(p.paid_at) AS first, max(p.paid_at) AS last
            FROM (SELECT account_id FROM payment GROUP BY account_id HAVING count(DISTINCT candidate_id) >= 2) s
            JOIN payment p ON p.account_id = s.account_id JOIN payment_account a ON a.id = s.account_id
            GROUP BY s.account_id
            """)
        while let row = try payments.next() { try body(Self.payment(row, members: split(row["members"]))) }
        let devices = try Row.fetchCursor(db, sql: """
            SELECT s.device_id, group_concat(DISTINCT d.candidate_id) AS members, min(d.first_at) AS first, max(d.last_at) AS last
            FROM (SELECT device_id FROM login_device GROUP BY device_id HAVING count(DISTINCT candidate_id) >= 2) s
            JOIN login_device d ON d.device_id = s.device_id GROUP BY s.device_id
            """)
        while let row = try devices.next() { try body(Self.device(row, members: split(row["members"]))) }
        for (kind, column) in Self.columns {
            // `column` comes from the fixed list, never from data. NOCASE folds ASCII like lower() and uses the index.
            let nocase = kind == .email ? " COLLATE NOCASE" : ""
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(kind == .email ? "lower(s.v)" : "s.v") AS value, group_concat(c.id) AS members
                FROM (SELECT \(column) AS v FROM candidate WHERE \(column) IS NOT NULL AND \(column) <> ''
                      GROUP BY \(column)\(nocase) HAVING count(*) >= 2) s
                JOIN candidate c ON c.\(column) = s.v\(nocase) GROUP BY s.v\(nocase)
                """)
            while let row = try rows.next() {
                let value: String = row["value"]
                try body(RingGroup(kind: kind, key: RingGroup.key(kind, shown: value), value: value, members: split(row["members"])))
            }
        }
        try syncShipToKeys()
        // ring_ship_to.address is the candidate's ship-to (just synced): the lowest id's is shown, read from here.
        var shared: (key: String, shown: String, members: [String])?
        let rows = try Row.fetchCursor(db, sql: """
            SELECT k.key, s.candidate_id, s.address FROM (SELECT key FROM ring_ship_to GROUP BY key HAVING count(*) >= 2) k
            JOIN ring_ship_to s ON s.key = k.key ORDER BY k.key, s.candidate_id
            """)
        while let row = try rows.next() {
            let key: String = row["key"]
            if let g = shared, g.key == key { shared!.members.append(row["candidate_id"]); continue }
            if let g = shared { try body(Self.shipTo(shown: g.shown, key: g.key, members: g.members)) }
            shared = (key, row["address"], [row["candidate_id"]])
        }
        if let g = shared { try body(Self.shipTo(shown: g.shown, key: g.key, members: g.members)) }
        // Lines shared by 2 to maxLineSharers are found in the (ip, candidate_id) index alone; only their rows
        // are then read, not every candidate's every line.
        let lines = try Row.fetchCursor(db, sql: """
            SELECT u.ip, group_concat(u.candidate_id || ':' || u.events) AS members, min(u.first_at) AS first, max(u.last_at) AS last
            FROM (SELECT ip FROM login_ip_use GROUP BY ip HAVING count(*) BETWEEN 2 AND ?) s
            JOIN login_ip_use u ON u.ip = s.ip LEFT JOIN ip_info i ON i.ip = s.ip
            WHERE coalesce(i.provider_kind, '') = '' AND coalesce(i.anonymous_proxy, 0) = 0
            GROUP BY u.ip
            """, arguments: [RingStore.maxLineSharers])
        while let row = try lines.next() {
            var events: [String: Int] = [:]
            for part in (row["members"] as String).split(separator: ",") {
                guard let colon = part.lastIndex(of: ":"), let n = Int(part[part.index(after: colon)...]) else { continue }
                events[String(part[..<colon])] = n
            }
            try body(Self.line(ip: row["ip"], events: events, first: row["first"], last: row["last"]))
        }
        for g in try referrals(sql: "", arguments: []) { try body(g) }
    }

    // MARK: - Around given candidates

    /// The groups (of two or more, or of one where a tie may just have gone) holding any of `ids`.
    mutating func groups(of ids: [String]) throws -> [RingGroup] {
        var out: [RingGroup] = []
        for chunk in Self.chunks(ids) {
            let list = Self.placeholders(chunk.count)
            let args = StatementArguments(chunk)
            for account in try Int64.fetchAll(db, sql: "SELECT DISTINCT account_id FROM payment WHERE candidate_id IN \(list)", arguments: args) {
                if let g = try paymentGroup(account) { out.append(g) }
            }
            for device in try String.fetchAll(db, sql: "SELECT DISTINCT device_id FROM login_device WHERE candidate_id IN \(list)", arguments: args) {
                if let g = try deviceGroup(device) { out.append(g) }
            }
            for (kind, column) in Self.columns {
                for value in try String.fetchAll(db, sql: """
                    SELECT DISTINCT \(column) FROM candidate WHERE id IN \(list) AND \(column) IS NOT NULL AND \(column) <> ''
                    """, arguments: args) {
                    if let g = try columnGroup(kind, value) { out.append(g) }
                }
            }
            for address in try String.fetchAll(db, sql: """
                SELECT ship_to_address FROM candidate WHERE id IN \(list) AND ship_to_address IS NOT NULL AND ship_to_address <> ''
                """, arguments: args) {
                if let g = try shipToGroup(address) { out.append(g) }
            }
            // Every line they used, whatever its provider now: a line that became a VPN exit must untie.
            for ip in try String.fetchAll(db, sql: "SELECT DISTINCT ip FROM login_ip_use WHERE candidate_id IN \(list)", arguments: args) {
                if let g = try lineGroup(ip) { out.append(g) }
            }
            out += try referrals(sql: "AND (c.id IN \(list) OR c.referrer_id IN \(list))", arguments: args + args)
        }
        return out
    }

    /// The group of a value a change removed from someone (ring_dirty_value: an old phone, a deleted payment).
    func group(kind: String, value: String) throws -> RingGroup? {
        switch kind {
        case "payment":
            guard let id = Int64(value) else { return nil }
            return try paymentGroup(id)
        case "device": return try deviceGroup(value)
        case "line": return try lineGroup(value)
        case "ship_to": return try shipToGroup(value)
        default:
            guard let k = RingEdge.Kind(rawValue: kind), Self.columns.contains(where: { $0.0 == k }) else { return nil }
            return try columnGroup(k, value)
        }
    }

    /// Every referral tie in the store (cheap: candidates with a referrer), to see which appeared or went
    /// because a rescore added or removed flags.
    func allReferrals() throws -> [RingGroup] { try referrals(sql: "", arguments: []) }

    // MARK: - Judging

    /// Reads the homes (and line totals) a group's rules need, then judges it.
    mutating func judge(_ g: RingGroup) throws -> [RingEdge] {
        // Homes decide households (groups up to maxGroup) and ship-to households (any size), as in judgeAll.
        if RingExtraction.needsHomes(g) && (g.members.count <= RingStore.maxGroup || g.kind == .shipTo) {
            try loadHomes(g.members.filter { extraction.homes[$0] == nil })
            if g.kind == .residentialLine { try loadTotals(g.members.filter { extraction.totals[$0] == nil }) }
        }
        let before = extraction.edges.count
        extraction.judge(g)
        return Array(extraction.edges[before...])
    }

    /// Judges many groups with two batched reads (homes, line totals).
    mutating func judgeAll(_ groups: [RingGroup]) throws {
        var homes = Set<String>(), totals = Set<String>()
        // Ship-to groups decide "household" before the size limit: their sharers' homes are needed at any size.
        for g in groups where RingExtraction.needsHomes(g) && (g.members.count <= RingStore.maxGroup || g.kind == .shipTo) {
            homes.formUnion(g.members)
            if g.kind == .residentialLine { totals.formUnion(g.members) }
        }
        try loadHomes(Array(homes))
        try loadTotals(Array(totals))
        for g in groups { extraction.judge(g) }
    }

    /// Full refresh, streamed: every group judged in batches of `batch` groups; each batch's edges go to `emit`
    /// and its homes and totals are dropped, so memory follows the batch, not the store. A sharer in groups of
    /// several batches has its home read once per batch (kept keys: no normalising again). Same edges and skips
    /// as judging all groups at once: `judge` reads homes only of the group's own members.
    mutating func judgeAllStreamed(batch: Int = 4096, emit: ([RingEdge]) throws -> Void) throws {
        var pending: [RingGroup] = []
        func flush(_ source: inout RingGroupSource) throws {
            try source.judgeAll(pending)
            pending.removeAll(keepingCapacity: true)
            try emit(source.extraction.edges)
            source.extraction.edges.removeAll()
            source.extraction.homes.removeAll()
            source.extraction.totals.removeAll()
        }
        // A copy reads (its db is the same connection) while `self` judges: no overlapping access to self.
        let reader = self
        try reader.forEachGroup { g in
            pending.append(g)
            if pending.count >= batch { try flush(&self) }
        }
        try flush(&self)
    }

    private mutating func loadHomes(_ ids: [String]) throws {
        var rows: [(id: String, address: String?, city: String, country: String, cached: String?, cachedKey: String?)] = []
        for chunk in Self.chunks(ids) {
            for row in try Row.fetchAll(db, sql: """
                SELECT c.id, c.address, c.city, c.declared_country, h.address AS cached, h.key FROM candidate c
                LEFT JOIN ring_home h ON h.candidate_id = c.id WHERE c.id IN \(Self.placeholders(chunk.count))
                """, arguments: StatementArguments(chunk)) {
                rows.append((row["id"], row["address"], (row["city"] as String?)?.lowercased() ?? "", row["declared_country"] ?? "",
                             row["cached"], row["key"]))
            }
        }
        // Normalising addresses is the costly part: only those not kept in ring_home (RingHomeSchema).
        let keys = try RingHomeSchema.keys(db, rows.map { ($0.id, $0.address, $0.cached, $0.cachedKey) })
        for (r, key) in zip(rows, keys) {
            extraction.homes[r.id] = RingExtraction.Home(address: key, city: r.city, country: r.country)
        }
    }

    private mutating func loadTotals(_ ids: [String]) throws {
        for chunk in Self.chunks(ids) {
            for row in try Row.fetchAll(db, sql: """
                SELECT candidate_id, sum(events) AS n FROM login_ip_use WHERE candidate_id IN \(Self.placeholders(chunk.count)) GROUP BY candidate_id
                """, arguments: StatementArguments(chunk)) {
                extraction.totals[row["candidate_id"]] = row["n"]
            }
        }
    }

    // MARK: - One group

    private func paymentGroup(_ account: Int64) throws -> RingGroup? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.account_type, coalesce(a.iban, a.identifier) AS value, group_concat(DISTINCT p.candidate_id) AS members,
                   min(p.paid_at) AS first, max(p.paid_at) AS last
            FROM payment p JOIN payment_account a ON a.id = p.account_id WHERE p.account_id = ? GROUP BY p.account_id
            """, arguments: [account]) else {
            // Nobody is paid into it any more: an empty group, so ties it made before are undone.
            guard let a = try Row.fetchOne(db, sql: "SELECT account_type, coalesce(iban, identifier) AS value FROM payment_account WHERE id = ?",
                                           arguments: [account]) else { return nil }
            return Self.payment(a, members: [])
        }
        return Self.payment(row, members: (row["members"] as String? ?? "").split(separator: ",").map(String.init))
    }

    private func deviceGroup(_ device: String) throws -> RingGroup? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT device_id, group_concat(DISTINCT candidate_id) AS members, min(first_at) AS first, max(last_at) AS last
            FROM login_device WHERE device_id = ? GROUP BY device_id
            """, arguments: [device]) else {
            return RingGroup(kind: .device, key: RingGroup.key(.device, shown: "device " + device), value: "device " + device, members: [])
        }
        return Self.device(row, members: (row["members"] as String? ?? "").split(separator: ",").map(String.init))
    }

    private func columnGroup(_ kind: RingEdge.Kind, _ value: String) throws -> RingGroup? {
        guard let column = Self.columns.first(where: { $0.0 == kind })?.1 else { return nil }
        let match = kind == .email ? "email = ? COLLATE NOCASE" : "\(column) = ?"
        let ids = try String.fetchAll(db, sql: "SELECT id FROM candidate WHERE \(match)", arguments: [value])
        let shown = kind == .email ? Self.asciiLower(value) : value
        return RingGroup(kind: kind, key: RingGroup.key(kind, shown: shown), value: shown, members: ids)
    }

    /// Ship-to sharers by AddressKey, from ring_ship_to (kept by the refreshes): no address is normalised
    /// beyond the changed candidates'. The lowest id's address is shown, as in the full refresh.
    private func shipToGroup(_ address: String) throws -> RingGroup? {
        let key = AddressKey.of(address)
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.candidate_id, c.ship_to_address FROM ring_ship_to s JOIN candidate c ON c.id = s.candidate_id
            WHERE s.key = ? ORDER BY s.candidate_id
            """, arguments: [key])
        let shown = rows.first.map { $0["ship_to_address"] as String } ?? address
        return RingGroup(kind: .shipTo, key: RingGroup.key(.shipTo, shown: RingGroup.shipToPrefix + address),
                         value: RingGroup.shipToPrefix + shown, members: rows.map { $0["candidate_id"] })
    }

    /// Full refresh: ring_ship_to made to match every candidate's ship-to, normalising only addresses that
    /// changed since it was written (AddressKey is the costly part); a page at a time, so memory stays flat.
    private func syncShipToKeys() throws {
        // Only rows whose address differs from the kept one come back: comparing in SQL, not in Swift per row.
        // In pages of `page` changed rows, by rowid (table order: paging by id read the table through the id index,
        // one random page read per candidate), so a first computation, which changes every row, does not hold every
        // address (at 1M candidates ~100 MB); each page is normalised and written before the next is read.
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO ring_ship_to(candidate_id, address, key) VALUES (?, ?, ?)
            ON CONFLICT(candidate_id) DO UPDATE SET address = excluded.address, key = excluded.key
            """)
        let page = 20_000
        var after = Int64.min
        while true {
            var changed: [(id: String, address: String)] = []
            var last = after
            for row in try Row.fetchAll(db, sql: """
                SELECT c.rowid, c.id, c.ship_to_address FROM candidate c LEFT JOIN ring_ship_to s ON s.candidate_id = c.id
                WHERE c.rowid > ? AND c.ship_to_address IS NOT NULL AND c.ship_to_address <> ''
                  AND s.address IS NOT c.ship_to_address ORDER BY c.rowid LIMIT \(page)
                """, arguments: [after]) {
                last = row[0]
                changed.append((row[1], row[2]))
            }
            // Normalising is the costly part (a first computation does every address): on all cores.
            let keys = ParallelMap.map(changed.map(\.address)) { AddressKey.of($0) }
            for (c, key) in zip(changed, keys) { try upsert.execute(arguments: [c.id, c.address, key]) }
            guard changed.count == page else { break }
            after = last
        }
        // Every candidate with a ship-to now has its up-to-date row (one per candidate): more rows than such
        // candidates means rows of people who gave theirs up. The triggers delete those, so this rarely runs.
        let kept = try Int.fetchOne(db, sql: "SELECT count(*) FROM ring_ship_to") ?? 0
        let holders = try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE ship_to_address IS NOT NULL AND ship_to_address <> ''") ?? 0
        if kept > holders {
            try db.execute(sql: """
                DELETE FROM ring_ship_to WHERE candidate_id NOT IN (SELECT id FROM candidate WHERE coalesce(ship_to_address, '') <> '')
                """)
        }
    }

    /// Incremental refresh: the marked candidates' ship-to keys (a changed or new ship-to marks its candidate).
    func updateShipToKeys(_ ids: [String]) throws {
        for chunk in Self.chunks(ids) {
            let list = Self.placeholders(chunk.count)
            try db.execute(sql: "DELETE FROM ring_ship_to WHERE candidate_id IN \(list)", arguments: StatementArguments(chunk))
            for row in try Row.fetchAll(db, sql: """
                SELECT id, ship_to_address FROM candidate WHERE id IN \(list) AND ship_to_address IS NOT NULL AND ship_to_address <> ''
                """, arguments: StatementArguments(chunk)) {
                let address: String = row["ship_to_address"]
                try db.execute(sql: "INSERT INTO ring_ship_to(candidate_id, address, key) VALUES (?, ?, ?)",
                               arguments: [row["id"] as String, address, AddressKey.of(address)])
            }
        }
    }

    private func lineGroup(_ ip: String) throws -> RingGroup? {
        let info = try Row.fetchOne(db, sql: "SELECT provider_kind, anonymous_proxy FROM ip_info WHERE ip = ?", arguments: [ip])
        let residential = ((info?["provider_kind"] as String?) ?? "").isEmpty && ((info?["anonymous_proxy"] as Int?) ?? 0) == 0
        let rows = try Row.fetchAll(db, sql: "SELECT candidate_id, events, first_at, last_at FROM login_ip_use WHERE ip = ?", arguments: [ip])
        var events: [String: Int] = [:]
        for r in rows { events[r["candidate_id"]] = r["events"] }
        // As the full query: only residential lines of 2 to maxLineSharers; otherwise an empty group (no tie),
        // still returned so a tie that went (a line now known as a VPN exit) is noticed.
        guard residential, (2...RingStore.maxLineSharers).contains(rows.count) else {
            return RingGroup(kind: .residentialLine, key: RingGroup.key(.residentialLine, shown: "line " + ip), value: "line " + ip, members: [])
        }
        return Self.line(ip: ip, events: events, first: rows.compactMap { $0["first_at"] as Int64? }.min(),
                         last: rows.compactMap { $0["last_at"] as Int64? }.max())
    }

    /// Referrals between candidates who both carry flags: the next member brought in by the last.
    private func referrals(sql extra: String, arguments: StatementArguments) throws -> [RingGroup] {
        try Row.fetchAll(db, sql: """
            SELECT c.id, c.referrer_id, c.applied_at FROM candidate c
            WHERE c.referrer_id IS NOT NULL AND c.referrer_id <> c.id \(extra)
              AND EXISTS (SELECT 1 FROM flag f WHERE f.candidate_id = c.id)
              AND EXISTS (SELECT 1 FROM flag f WHERE f.candidate_id = c.referrer_id)
            """, arguments: arguments).map { row in
            let (a, b): (String, String) = (row["id"], row["referrer_id"])
            return RingGroup(kind: .referral, key: RingGroup.key(.referral, shown: "referral", a: a, b: b), value: "referral",
                             members: [a, b], first: row["applied_at"], last: row["applied_at"])
        }
    }

    // MARK: - Helpers

    static let columns: [(RingEdge.Kind, String)] = [(.phone, "phone"), (.email, "email"), (.resume, "resume_hash"), (.photo, "photo_hash")]

    /// SQLite's lower() folds ASCII only; the same here, so both refreshes show one spelling.
    static func asciiLower(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }

    private static func payment(_ row: Row, members: [String]) -> RingGroup {
        let value = "\(row["account_type"] as String) \(row["value"] as String)"
        return RingGroup(kind: .paymentAccount, key: RingGroup.key(.paymentAccount, shown: value), value: value, members: members,
                         first: row["first"], last: row["last"])
    }

    private static func device(_ row: Row, members: [String]) -> RingGroup {
        let value = "device \(row["device_id"] as String)"
        return RingGroup(kind: .device, key: RingGroup.key(.device, shown: value), value: value, members: members,
                         first: row["first"], last: row["last"])
    }

    /// `key`: the stored AddressKey (the same RingGroup.key(.shipTo, shown:) computes, without normalising again).
    private static func shipTo(shown: String, key: String, members: [String]) -> RingGroup {
        RingGroup(kind: .shipTo, key: RingEdge.Kind.shipTo.rawValue + "|" + key, value: RingGroup.shipToPrefix + shown,
                  members: members.sorted())
    }

    private static func line(ip: String, events: [String: Int], first: Int64?, last: Int64?) -> RingGroup {
        RingGroup(kind: .residentialLine, key: RingGroup.key(.residentialLine, shown: "line " + ip), value: "line " + ip,
                  members: events.keys.sorted(), first: first, last: last, lineEvents: events)
    }

    static func chunks(_ ids: [String], size: Int = 500) -> [[String]] {
        stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min($0 + size, ids.count)]) }
    }

    static func placeholders(_ n: Int) -> String { "(" + Array(repeating: "?", count: n).joined(separator: ",") + ")" }
}
