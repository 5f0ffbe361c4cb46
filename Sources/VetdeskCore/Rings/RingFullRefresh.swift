import GRDB

/// The full ring refresh with memory that does not follow the store (issue 13: every step under 200 MB at every
/// size). The same rings, ids, edges, scores and history as judging every group at once and matching all
/// components in memory (RingFinder.components + RingService.apply, which the incremental refresh still uses on
/// its few components; RingFullRefreshTests compare the two):
/// - groups stream from SQL cursors and are judged in batches (RingGroupSource.judgeAllStreamed);
/// - edges go to a TEMP table; components are found by union-find over numbered edge ends (RingEdgeSpool);
/// - ids are matched from (component, stored ring, overlap) counts made in SQL, by the same rule as
///   RingFinder.assignIds (largest overlap first, ties to the older id, then to the earlier component);
/// - each component is then read back, saved and compared with its stored ring alone.
/// Measured (docs/performance.md "Rings at 1M (session 6)", 2026-11-30, load 12-15 on 2 cores): max RSS 53 -> 47 MB
/// at 100k/5M and 114 -> 49 MB at 1M candidates without sign-ins (flat with candidates); ~10 % more CPU (0.82 ->
/// 0.91 s user at 100k: per-batch home reads, per-component queries). Session 5's 472 MB at 1M/20M: not re-measured.
struct RingFullRefresh {
    let db: Database
    let now: Int64
    /// Groups judged per batch (homes and line totals are read per batch).
    var batch = 4096

    func run() throws -> RingService.RefreshReport {
        var source = try RingGroupSource(db: db)
        var spool = try RingEdgeSpool(db: db)
        defer { try? RingEdgeSpool.drop(db) }
        try source.judgeAllStreamed(batch: batch) { try spool.append($0) }
        let order = try spool.components()

        // Ids: as RingFinder.assignIds, from counts instead of member sets.
        var position: [Int32: Int] = [:]
        for (i, c) in order.enumerated() { position[c.comp] = i }
        let overlaps = try spool.overlaps().map { (overlap: $0.overlap, component: position[$0.comp]!, id: $0.ring) }
            .sorted { ($0.overlap, $1.id, $1.component) > ($1.overlap, $0.id, $0.component) }
        var assigned: [String?] = Array(repeating: nil, count: order.count)
        var taken = Set<String>()
        for o in overlaps where assigned[o.component] == nil && !taken.contains(o.id) {
            assigned[o.component] = o.id
            taken.insert(o.id)
        }
        // Rings stored before this refresh, read before any is written (as RingStore.activeMembers was).
        let storedIds = try RingStore.activeIdsWithMembers(db)
        var next = try RingStore.nextId(db)
        let ids: [String] = assigned.map { id in
            if let id { return id }
            defer { next += 1 }
            return RingStore.newId(next)
        }
        /// Where a leaving member went: the ring of the component it is now in.
        func placedIn(_ members: some Sequence<String>) throws -> [String: String] {
            var out: [String: String] = [:]
            for m in members { if let comp = try spool.comp(of: m), let i = position[comp] { out[m] = ids[i] } }
            return out
        }

        for (i, c) in order.enumerated() {
            let component = try spool.component(c.comp)
            let id = ids[i], old = assigned[i]
            let previous = old == nil ? [] : try RingStore.members(db, ring: id)
            let people = try RingStore.risks(db, ids: component.members)
            let score = RingFinder.score(risks: component.members.map { people[$0]?.risk ?? 0 }, edges: component.edges)
            let before = old == nil ? nil : try RingStoredState.load(db, ids: [id])[id]
            try RingStore.save(db, id: id, isNew: old == nil, component: component, score: score,
                               first: component.firstSeen, last: component.lastSeen,
                               now: now, previous: previous, placedIn: try placedIn(previous.subtracting(component.members)), before: before)
        }
        let kept = Set(ids)
        for id in storedIds.filter({ !kept.contains($0) }).sorted() {
            let members = try RingStore.members(db, ring: id)
            try RingStore.retire(db, id: id, members: members, now: now, placedIn: try placedIn(members))
        }
        return RingService.RefreshReport(recomputed: true, mode: "full", rings: order.count, edges: spool.count,
                                         skipped: source.extraction.skipped, seconds: 0)
    }
}
