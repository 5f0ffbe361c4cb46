import Foundation
import GRDB

/// Finds, stores and reads rings. `refresh` brings the stored rings up to date: nothing when nothing changed,
/// else an incremental refresh (only the components the changed candidates touch, RingIncremental), or a full
/// recompute when asked (`vetdesk rings --refresh`), on a store that never had one, after a new edge
/// algorithm, or when most of the store changed. Both give the same rings (RingTests).
public struct RingService: Sendable {
    public struct RefreshReport: Sendable, Equatable, Codable {
        public var recomputed: Bool
        /// none | full | incremental
        public var mode: String = "none"
        public var rings: Int
        public var edges: Int
        /// Candidates whose ties were re-read (incremental; every candidate for full).
        public var touched: Int = 0
        /// Values that did not tie, by reason: the whole store for a full refresh, the re-read groups otherwise.
        public var skipped: [String: Int]
        public var seconds: Double
    }

    public let store: Store
    let clock: @Sendable () -> Int64

    public init(store: Store, clock: @escaping @Sendable () -> Int64 = { Time.now() }) {
        self.store = store
        self.clock = clock
    }

    /// `force`: a full recompute whatever changed.
    @discardableResult
    public func refresh(force: Bool = false) throws -> RefreshReport {
        let started = DispatchTime.now()
        let now = clock()
        return try store.pool.write { db in
            let fingerprint = try RingStore.fingerprint(db)
            let stored = try RingStore.storedFingerprint(db)
            let dirtyCount = try RingStore.dirtyCount(db)
            var report: RefreshReport
            if !force, stored == fingerprint, dirtyCount == 0 {
                let n = try RingStore.activeIds(db, minSize: 2).count
                return RefreshReport(recomputed: false, rings: n, edges: 0, skipped: [:], seconds: 0)
            }
            let candidates = try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") ?? 0
            let sameAlgorithm = stored?.hasPrefix("a\(RingStore.algorithm)|") ?? false
            if !force, sameAlgorithm, try !RingStore.needsFull(db), dirtyCount <= max(RingIncremental.maxDirty, candidates / 10) {
                report = try RingIncremental(db: db, now: now).run()
            } else {
                // New edge rules may normalise addresses differently: their ship-to keys are made again.
                if !sameAlgorithm { try db.execute(sql: "DELETE FROM ring_ship_to; DELETE FROM ring_home") }
                report = try Self.full(db, now: now)
                report.touched = candidates
            }
            try RingStore.clearDirty(db)
            try RingStore.setFingerprint(db, fingerprint, now: now)
            report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            return report
        }
    }

    /// Every ring recomputed, in bounded memory (RingFullRefresh).
    static func full(_ db: Database, now: Int64) throws -> RefreshReport {
        try RingFullRefresh(db: db, now: now).run()
    }

    /// The same, all in memory (every edge, component and stored ring at once): what `full` was before session 6,
    /// kept as the reference RingFullRefreshTests compare it with.
    static func fullInMemory(_ db: Database, now: Int64) throws -> RefreshReport {
        let extraction = try RingStore.edges(db)
        let components = RingFinder.components(extraction.edges)
        try apply(db, components, stored: try RingStore.activeMembers(db), now: now)
        return RefreshReport(recomputed: true, mode: "full", rings: components.count, edges: extraction.edges.count,
                             skipped: extraction.skipped, seconds: 0)
    }

    /// Stores new components against the stored rings they may continue (`stored`: those rings only; every ring
    /// not listed is left as it is). Ids stay with the ring that keeps most members; others retire.
    static func apply(_ db: Database, _ components: [RingFinder.Component], stored: [String: Set<String>], now: Int64) throws {
        let assigned = RingFinder.assignIds(components, stored: stored)
        var next = try RingStore.nextId(db)
        var ids: [String] = []
        var placedIn: [String: String] = [:]
        for (component, id) in zip(components, assigned) {
            let ringId: String
            if let id { ringId = id } else { ringId = RingStore.newId(next); next += 1 }
            ids.append(ringId)
            for m in component.members { placedIn[m] = ringId }
        }
        let people = try RingStore.risks(db, ids: Array(placedIn.keys))
        let before = try RingStoredState.load(db, ids: assigned.compactMap { $0 })
        for ((component, old), id) in zip(zip(components, assigned), ids) {
            let score = RingFinder.score(risks: component.members.map { people[$0]?.risk ?? 0 }, edges: component.edges)
            try RingStore.save(db, id: id, isNew: old == nil, component: component, score: score, first: component.firstSeen,
                               last: component.lastSeen, now: now, previous: stored[id] ?? [], placedIn: placedIn, before: before[id])
        }
        let kept = Set(ids)
        for (id, members) in stored.sorted(by: { $0.key < $1.key }) where !kept.contains(id) {
            try RingStore.retire(db, id: id, members: members, now: now, placedIn: placedIn)
        }
    }

    public func rings(minSize: Int = 2) throws -> [Ring] {
        try store.pool.read { db in try RingStore.activeIds(db, minSize: minSize).compactMap { try RingStore.load(db, id: $0) } }
    }

    public func ring(_ id: String) throws -> Ring {
        guard let ring = try store.pool.read({ db in try RingStore.load(db, id: id) }) else {
            throw VetdeskError.notFound("no ring with id '\(Sanitize.forDisplay(id))'")
        }
        return ring
    }

    public func ringIds(of candidateId: String) throws -> [String] {
        try store.pool.read { db in try RingStore.ringIds(db, candidateId: candidateId) }
    }
}
