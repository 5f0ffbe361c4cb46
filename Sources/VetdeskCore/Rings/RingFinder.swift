/// Rings are the connected components of the strong-edge graph (union-find), at least two members.
/// Ids stay stable: a new component takes the id of the stored ring it overlaps most (by members in
/// common, ties to the older id), so decisions and notes stay attached when a member joins or leaves.
/// Pure: the store reads edges and writes results (RingStore).
enum RingFinder {
    struct Component: Equatable {
        var members: [String]             // sorted
        var edges: [RingEdge]
        /// When the ring's ties were first and last seen (its edges' span), as stored with the ring.
        var firstSeen: Int64? { edges.compactMap(\.firstSeen).min() }
        var lastSeen: Int64? { edges.compactMap(\.lastSeen).max() }
    }

    static func components(_ edges: [RingEdge]) -> [Component] {
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var root = x
            while let p = parent[root], p != root { root = p }
            var node = x
            while let p = parent[node], p != root { parent[node] = root; node = p }
            return root
        }
        for e in edges {
            if parent[e.a] == nil { parent[e.a] = e.a }
            if parent[e.b] == nil { parent[e.b] = e.b }
            let (ra, rb) = (find(e.a), find(e.b))
            if ra != rb { if ra < rb { parent[rb] = ra } else { parent[ra] = rb } }
        }
        var members: [String: [String]] = [:]
        for node in parent.keys { members[find(node), default: []].append(node) }
        var edgesByRoot: [String: [RingEdge]] = [:]
        for e in Set(edges) { edgesByRoot[find(e.a), default: []].append(e) }
        return members.map { root, nodes in
            Component(members: nodes.sorted(),
                      edges: (edgesByRoot[root] ?? []).sorted { ($0.a, $0.b, $0.kind.rawValue, $0.value) < ($1.a, $1.b, $1.kind.rawValue, $1.value) })
        }
        .filter { $0.members.count >= 2 }
        .sorted { $0.members.first! < $1.members.first! }
    }

    /// Matches components to stored rings (id -> current members). Returns (id or nil for a new ring) per component.
    static func assignIds(_ components: [Component], stored: [String: Set<String>]) -> [String?] {
        var taken = Set<String>()
        var result: [String?] = Array(repeating: nil, count: components.count)
        // Largest overlaps first, so a split keeps the id on the bigger part.
        // Overlaps through a member -> stored rings index: comparing every component with every stored ring was
        // quadratic (2,628 rings at 100k candidates: 6.9M set intersections, most of a full refresh).
        var ringsOf: [String: [String]] = [:]
        for (id, members) in stored { for m in members { ringsOf[m, default: []].append(id) } }
        var candidates: [(overlap: Int, component: Int, id: String)] = []
        for (i, c) in components.enumerated() {
            var overlaps: [String: Int] = [:]
            for m in Set(c.members) { for id in ringsOf[m] ?? [] { overlaps[id, default: 0] += 1 } }
            for (id, overlap) in overlaps { candidates.append((overlap, i, id)) }
        }
        candidates.sort { ($0.overlap, $1.id) > ($1.overlap, $0.id) }
        for c in candidates where result[c.component] == nil && !taken.contains(c.id) {
            result[c.component] = c.id
            taken.insert(c.id)
        }
        return result
    }

    /// Ring score: the highest member risk, plus 5 per further kind of strong identifier the ring shares
    /// (two people on one IBAN and one device are more than on one IBAN alone), capped at 100.
    static func score(risks: [Int], edges: [RingEdge]) -> Int {
        let kinds = Set(edges.map(\.kind)).count
        return min(100, (risks.max() ?? 0) + 5 * max(0, kinds - 1))
    }
}
