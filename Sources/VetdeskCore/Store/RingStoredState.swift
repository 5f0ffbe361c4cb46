import GRDB

/// What a refresh is about to replace: the stored row and edges of the rings it may continue, so that a ring
/// whose score, span and edges did not change is not written again (a full refresh used to rewrite every ring
/// and edge, thousands of statements at 100k candidates). Reads only the given rings: memory follows the rings.
struct RingStoredState: Equatable {
    var score: Int
    var size: Int
    var first: Int64?
    var last: Int64?
    var edges: [RingEdge]
    /// A stored edge of a kind this binary does not know (a newer binary's): never the same, rewritten.
    var unknownKind = false

    static func load(_ db: Database, ids: [String]) throws -> [String: RingStoredState] {
        var out: [String: RingStoredState] = [:]
        for chunk in RingGroupSource.chunks(ids) {
            let list = RingGroupSource.placeholders(chunk.count)
            for row in try Row.fetchAll(db, sql: "SELECT id, score, size, first_seen, last_seen FROM ring WHERE id IN \(list)",
                                        arguments: StatementArguments(chunk)) {
                out[row["id"]] = RingStoredState(score: row["score"], size: row["size"], first: row["first_seen"], last: row["last_seen"], edges: [])
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT ring_id, a, b, kind, value, first_seen, last_seen FROM ring_edge WHERE ring_id IN \(list) ORDER BY ring_id, rowid
                """, arguments: StatementArguments(chunk)) {
                let id: String = row["ring_id"]
                guard let kind = RingEdge.Kind(rawValue: row["kind"]) else { out[id]?.unknownKind = true; continue }
                out[id]?.edges.append(RingEdge(row["a"], row["b"], kind: kind, value: row["value"],
                                               firstSeen: row["first_seen"], lastSeen: row["last_seen"]))
            }
        }
        return out
    }

    /// Whether the stored edges are exactly `edges` (as rows: order aside).
    func sameEdges(_ edges: [RingEdge]) -> Bool {
        !unknownKind && self.edges.count == edges.count && Set(self.edges) == Set(edges) && Set(edges).count == edges.count
    }
}
