import GRDB

/// The full refresh's edges and components, kept in TEMP tables of the writing connection (SQLite's temp file,
/// behind its own small page cache) instead of Swift maps of candidate ids: at 1M candidates / 20M sign-ins the
/// in-memory edge list, union-find map, components and stored rings were a large part of a 472 MB peak
/// (docs/performance.md, "Rings at 1M (session 6)"). Memory now holds one Int32 per edge end and one entry per
/// component; each component's members and edges are read back when it is saved. Dropped when done.
struct RingEdgeSpool {
    let db: Database
    /// Edges appended (duplicates included, as the in-memory extraction counted them).
    private(set) var count = 0

    init(db: Database) throws {
        self.db = db
        try Self.drop(db)
        try db.execute(sql: """
            CREATE TEMP TABLE ring_full_edge (a TEXT NOT NULL, b TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
                                              first_seen INTEGER, last_seen INTEGER);
            CREATE TEMP TABLE ring_full_node (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, comp INTEGER);
            """)
    }

    static func drop(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE IF EXISTS temp.ring_full_edge; DROP TABLE IF EXISTS temp.ring_full_node")
    }

    mutating func append(_ edges: [RingEdge]) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO temp.ring_full_edge VALUES (?, ?, ?, ?, ?, ?)")
        for e in edges { try insert.execute(arguments: [e.a, e.b, e.kind.rawValue, e.value, e.firstSeen, e.lastSeen]) }
        count += edges.count
    }

    /// Numbers the edges' ends (1...n, in id order), joins them over the edges and writes each end's component:
    /// the lowest number in it. Returns the components' numbers with their lowest member (Swift order, as
    /// RingFinder sorts), sorted by it: the order the in-memory refresh stored rings and gave new ids in.
    func components() throws -> [(first: String, comp: Int32)] {
        try db.execute(sql: """
            INSERT INTO temp.ring_full_node(id) SELECT a FROM temp.ring_full_edge UNION SELECT b FROM temp.ring_full_edge;
            CREATE INDEX temp.ring_full_edge_a ON ring_full_edge(a);
            """)
        let nodes = try Int.fetchOne(db, sql: "SELECT coalesce(max(n), 0) FROM temp.ring_full_node") ?? 0
        var sets = RingUnionFind(count: nodes)
        let pairs = try Row.fetchCursor(db, sql: """
            SELECT na.n, nb.n FROM temp.ring_full_edge e
            JOIN temp.ring_full_node na ON na.id = e.a JOIN temp.ring_full_node nb ON nb.id = e.b
            """)
        while let row = try pairs.next() { sets.union(row[0], row[1]) }
        if nodes > 0 {
            let update = try db.cachedStatement(sql: "UPDATE temp.ring_full_node SET comp = ? WHERE n = ?")
            for n in 1...Int32(nodes) { try update.execute(arguments: [sets.find(n), n]) }
        }
        try db.execute(sql: "CREATE INDEX temp.ring_full_node_comp ON ring_full_node(comp)")
        var firsts: [(first: String, comp: Int32)] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT comp, id FROM temp.ring_full_node ORDER BY comp")
        while let row = try rows.next() {
            let (comp, id): (Int32, String) = (row[0], row[1])
            if let last = firsts.last, last.comp == comp {
                if id < last.first { firsts[firsts.count - 1].first = id }
            } else {
                firsts.append((id, comp))
            }
        }
        return firsts.sorted { $0.first < $1.first }
    }

    /// A component's members (sorted) and edges (each once, sorted as RingFinder sorts them).
    func component(_ comp: Int32) throws -> RingFinder.Component {
        let members = try String.fetchAll(db, sql: "SELECT id FROM temp.ring_full_node WHERE comp = ?", arguments: [comp]).sorted()
        var edges = Set<RingEdge>()
        for row in try Row.fetchAll(db, sql: """
            SELECT e.a, e.b, e.kind, e.value, e.first_seen, e.last_seen FROM temp.ring_full_node n
            JOIN temp.ring_full_edge e ON e.a = n.id WHERE n.comp = ?
            """, arguments: [comp]) {
            guard let kind = RingEdge.Kind(rawValue: row["kind"]) else { continue }
            edges.insert(RingEdge(row["a"], row["b"], kind: kind, value: row["value"], firstSeen: row["first_seen"], lastSeen: row["last_seen"]))
        }
        return RingFinder.Component(members: members, edges: edges.sorted {
            ($0.a, $0.b, $0.kind.rawValue, $0.value) < ($1.a, $1.b, $1.kind.rawValue, $1.value)
        })
    }

    /// How many members each component shares with each active stored ring: (component, ring id, overlap).
    func overlaps() throws -> [(comp: Int32, ring: String, overlap: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT n.comp, m.ring_id, count(*) FROM temp.ring_full_node n
            JOIN ring_member m ON m.candidate_id = n.id JOIN ring r ON r.id = m.ring_id
            WHERE r.active = 1 GROUP BY n.comp, m.ring_id
            """).map { row -> (comp: Int32, ring: String, overlap: Int) in (row[0], row[1], row[2]) }
    }

    /// The component a candidate is now in (nil: in none).
    func comp(of candidate: String) throws -> Int32? {
        try Int32.fetchOne(db, sql: "SELECT comp FROM temp.ring_full_node WHERE id = ?", arguments: [candidate])
    }
}
