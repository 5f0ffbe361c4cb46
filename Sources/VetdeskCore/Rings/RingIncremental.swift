import GRDB

/// The incremental ring refresh (docs/rings.md). Starting from the candidates and values the triggers marked
/// (RingDirtySchema) and from the referral ties a rescore made or unmade, it walks the new strong-edge graph
/// outwards, judging every shared-value group of each candidate it reaches exactly as the full refresh does,
/// and adds the members of every stored ring it touches and the ends of every stored edge of a group it
/// re-judged, until nothing new comes in. Components outside that closed set kept their groups, so they are
/// as the full refresh would leave them; the ones inside are matched to the touched rings only, keeping ids.
/// Ring scores are then refreshed from the members' current risk (rescoring moves them without touching ties).
struct RingIncremental {
    /// Up to this many marks (or a tenth of the candidates, if more) the walk is cheaper than a full recompute.
    static let maxDirty = 2_000

    let db: Database
    let now: Int64

    func run() throws -> RingService.RefreshReport {
        let dirty = try RingStore.dirty(db)
        var source = try RingGroupSource(db: db)
        try source.updateShipToKeys(dirty.candidates)
        let storedEdges = try RingStore.storedEdgeKeys(db)
        var queue = Set(dirty.candidates)

        // Referral ties follow flags, which a rescore changes without marking anyone: compare them all (cheap).
        let referralsNow = Set(try source.allReferrals().map(\.key))
        let referralsBefore = Set(storedEdges.keys.filter { $0.hasPrefix(RingEdge.Kind.referral.rawValue + "|") })
        for key in referralsNow.symmetricDifference(referralsBefore) {
            queue.formUnion(key.dropFirst(RingEdge.Kind.referral.rawValue.count + 1).split(separator: "\u{1F}").map(String.init))
        }

        var judged = Set<String>()
        var edges: [RingEdge] = []
        func take(_ g: RingGroup) throws {
            guard judged.insert(g.key).inserted else { return }
            let made = try source.judge(g)
            edges += made
            for e in made { queue.insert(e.a); queue.insert(e.b) }
            queue.formUnion(storedEdges[g.key] ?? [])
        }
        for v in dirty.values {
            if let g = try source.group(kind: v.kind, value: v.value) { try take(g) }
        }

        var visited = Set<String>()
        while true {
            let batch = queue.subtracting(visited).sorted()
            queue.removeAll()
            if batch.isEmpty { break }
            visited.formUnion(batch)
            for (_, members) in try RingStore.activeMembers(db, holding: batch) { queue.formUnion(members) }
            for g in try source.groups(of: batch) { try take(g) }
        }

        let components = RingFinder.components(edges)
        try RingService.apply(db, components, stored: try RingStore.activeMembers(db, holding: visited.sorted()), now: now)
        try RingStore.rescoreRings(db)
        return RingService.RefreshReport(recomputed: true, mode: "incremental",
                                         rings: try RingStore.activeIds(db, minSize: 2).count, edges: edges.count,
                                         touched: visited.count, skipped: source.extraction.skipped, seconds: 0)
    }
}
