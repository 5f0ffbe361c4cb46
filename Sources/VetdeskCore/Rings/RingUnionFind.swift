/// Union-find over small integers (the full refresh numbers the ends of its edges 1...n): one Int32 per end,
/// where a [String: String] map of candidate ids cost ~100 bytes per end at 1M candidates. The root of a set is
/// its lowest number.
struct RingUnionFind {
    private var parent: [Int32]

    /// Elements 0...count (0 unused when numbering from 1).
    init(count: Int) { parent = Array(0...Int32(count)) }

    mutating func find(_ x: Int32) -> Int32 {
        var root = x
        while parent[Int(root)] != root { root = parent[Int(root)] }
        var node = x
        while parent[Int(node)] != root { (parent[Int(node)], node) = (root, parent[Int(node)]) }
        return root
    }

    mutating func union(_ a: Int32, _ b: Int32) {
        let (ra, rb) = (find(a), find(b))
        if ra < rb { parent[Int(rb)] = ra } else if rb < ra { parent[Int(ra)] = rb }
    }
}
