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

    /// Every strong edge in the store, all at once, with the skipped values counted by reason (the in-memory
    /// reference, RingService.fullInMemory; the full refresh streams them: RingFullRefresh).
    static func edges(_ db: Database) throws -> RingExtraction {
        var source = try RingGroupSource(db: db)
        try source.judgeAll(try source.allGroups())
        return source.extraction
    }

    // MARK: - Stored rings

    /// Bumped when the edge rules change, so stored rings are recomputed by a new binary.
    static let algorithm = 3

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

    /// The ids of the active rings that have members (the keys of `activeMembers`, without the members:
    /// RingFullRefresh reads each ring's members when it comes to it).
    static func activeIdsWithMembers(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT m.ring_id FROM ring_member m JOIN ring r ON r.id = m.ring_id WHERE r.active = 1
            """)
    }

    /// One ring's member ids.
    static func members(_ db: Database, ring id: String) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT candidate_id FROM ring_member WHERE ring_id = ?", arguments: [id]))
    }

    /// The id of the `n`th ring ever made ("R-000042").
    static func newId(_ n: Int) -> String { String(format: "R-%06d", n) }

    static func nextId(_ db: Database) throws -> Int {
        let last = try String.fetchOne(db, sql: "SELECT id FROM ring ORDER BY id DESC LIMIT 1")
        return (last.flatMap { Int($0.dropFirst(2)) } ?? 0) + 1
    }

    /// Risk, band, status and name of the given candidates only (memory follows the rings, not the store).
    static func risks(_ db: Database, ids: [String]) throws -> [String: (risk: Int, band: String, status: String, name: String)] {
        var out: [String: (Int, String, String, String)] = [:]
        for chunk in RingGroupSource.chunks(ids) {
            for row in try Row.fetchAll(db, sql: """
                SELECT k.id, k.full_name, coalesce(c.risk_score, 0) AS risk, coalesce(c.risk_band, 'none') AS band,
                       coalesce(c.status, 'new') AS status
                FROM candidate k LEFT JOIN case_file c ON c.candidate_id = k.id WHERE k.id IN \(RingGroupSource.placeholders(chunk.count))
                """, arguments: StatementArguments(chunk)) {
                out[row["id"]] = (row["risk"], row["band"], row["status"], row["full_name"])
            }
        }
        return out
    }

    /// `before`: the ring as stored (RingStoredState); what did not change is not written again, so an unchanged
    /// ring keeps its row (and updated_at, the time it last changed) and edge rows.
    static func save(_ db: Database, id: String, isNew: Bool, component: RingFinder.Component, score: Int,
                     first: Int64?, last: Int64?, now: Int64, previous: Set<String>, placedIn: [String: String] = [:],
                     before: RingStoredState? = nil) throws {
        let size = component.members.count
        if isNew {
            try db.cachedStatement(sql: """
                INSERT INTO ring(id, created_at, updated_at, score, size, first_seen, last_seen, active) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                """).execute(arguments: [id, now, now, score, size, first, last])
        } else if let b = before, b.score == score, b.size == size, b.first == first, b.last == last,
                  previous == Set(component.members), b.sameEdges(component.edges) {
            return
        } else {
            try db.cachedStatement(sql: """
                UPDATE ring SET updated_at = ?, score = ?, size = ?, first_seen = ?, last_seen = ?, active = 1 WHERE id = ?
                """).execute(arguments: [now, score, size, first, last, id])
        }
        let current = Set(component.members)
        let event = try db.cachedStatement(sql: "INSERT INTO ring_event(ring_id, at, candidate_id, change, via) VALUES (?, ?, ?, ?, ?)")
        for left in previous.subtracting(current).sorted() {
            try db.cachedStatement(sql: "DELETE FROM ring_member WHERE ring_id = ? AND candidate_id = ?").execute(arguments: [id, left])
            try event.execute(arguments: [id, now, left, "left", leftVia(left, placedIn)])
        }
        for joined in current.subtracting(previous).sorted() {
            let via = component.edges.first { $0.a == joined || $0.b == joined }.map { "\($0.kind.rawValue) \($0.value)" } ?? ""
            try db.cachedStatement(sql: "INSERT INTO ring_member(ring_id, candidate_id, joined_at) VALUES (?, ?, ?)").execute(arguments: [id, joined, now])
            try event.execute(arguments: [id, now, joined, "joined", via])
        }
        if let b = before, b.sameEdges(component.edges) { return }
        try db.cachedStatement(sql: "DELETE FROM ring_edge WHERE ring_id = ?").execute(arguments: [id])
        let insert = try db.cachedStatement(sql: "INSERT INTO ring_edge(ring_id, a, b, kind, value, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for e in component.edges {
            try insert.execute(arguments: [id, e.a, e.b, e.kind.rawValue, e.value, e.firstSeen, e.lastSeen])
        }
    }

    /// Why a member left: it moved to another ring (a split or a merge) or no strong tie holds it any more.
    static func leftVia(_ candidate: String, _ placedIn: [String: String]) -> String {
        placedIn[candidate].map { "now in \($0)" } ?? "no strong tie left"
    }

    static func retire(_ db: Database, id: String, members: Set<String>, now: Int64, placedIn: [String: String] = [:]) throws {
        try db.execute(sql: "UPDATE ring SET active = 0, updated_at = ?, size = 0 WHERE id = ?", arguments: [now, id])
        for left in members.sorted() {
            try db.execute(sql: "INSERT INTO ring_event(ring_id, at, candidate_id, change, via) VALUES (?, ?, ?, 'left', ?)",
                           arguments: [id, now, left, leftVia(left, placedIn)])
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
