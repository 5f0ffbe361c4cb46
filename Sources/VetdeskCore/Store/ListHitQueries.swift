import GRDB

/// One recorded hit of the current version of a loaded list, with the candidate's name: what the
/// console's Lists view shows (list_hit keeps older versions' hits too, for the history).
public struct ListHitRow: Sendable, Equatable, Codable {
    public var candidateId: String
    public var candidateName: String
    public var listName: String
    public var version: String
    public var recordId: String
    /// Where on the candidate it matched: email, payment_account, full_name, payee_name...
    public var field: String
    /// The listed identifier or alias that matched.
    public var matched: String
    /// identifier | strong | possible
    public var level: String
    public var score: Double
    public var explanation: String
    public var firstSeenAt: Int64
    /// False once a newer version of the list replaced the one this hit came from.
    public var current = true
}

extension ListStore {
    /// Hits of the lists' current versions: identifiers first, then strong and possible name
    /// matches, best score first; at most `limit` (the list_hit_list index serves the join).
    public func currentHits(limit: Int = 1000) throws -> [ListHitRow] {
        try store.pool.read { db in try Self.currentHits(db, limit: limit) }
    }

    /// One candidate's hits of every list version, oldest first (the case history's list entries).
    static func hits(_ db: Database, candidateId: String) throws -> [ListHitRow] {
        try Row.fetchAll(db, sql: """
            SELECT h.candidate_id, c.full_name, h.list_name, h.version, h.record_id, h.field, h.matched, h.level,
                   h.score, h.explanation, h.first_seen_at, s.id IS NOT NULL
            FROM list_hit h
            JOIN candidate c ON c.id = h.candidate_id
            LEFT JOIN list_source s ON s.name = h.list_name AND s.version = h.version
            WHERE h.candidate_id = ?
            ORDER BY h.first_seen_at, h.list_name, h.version, h.record_id, h.field
            """, arguments: [candidateId]).map {
            ListHitRow(candidateId: $0[0], candidateName: $0[1], listName: $0[2], version: $0[3], recordId: $0[4],
                       field: $0[5], matched: $0[6], level: $0[7], score: $0[8], explanation: $0[9], firstSeenAt: $0[10], current: $0[11])
        }
    }

    static func currentHits(_ db: Database, limit: Int) throws -> [ListHitRow] {
        try Row.fetchAll(db, sql: """
            SELECT h.candidate_id, c.full_name, h.list_name, h.version, h.record_id, h.field, h.matched, h.level,
                   h.score, h.explanation, h.first_seen_at
            FROM list_source s
            JOIN list_hit h ON h.list_name = s.name AND h.version = s.version
            JOIN candidate c ON c.id = h.candidate_id
            ORDER BY CASE h.level WHEN 'identifier' THEN 0 WHEN 'strong' THEN 1 ELSE 2 END, h.score DESC,
                     c.full_name, h.candidate_id, h.list_name, h.record_id
            LIMIT ?
            """, arguments: [limit]).map {
            ListHitRow(candidateId: $0[0], candidateName: $0[1], listName: $0[2], version: $0[3], recordId: $0[4],
                       field: $0[5], matched: $0[6], level: $0[7], score: $0[8], explanation: $0[9], firstSeenAt: $0[10])
        }
    }
}
