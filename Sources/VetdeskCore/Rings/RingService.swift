import Foundation
import GRDB

/// Finds, stores and reads rings. `refresh` recomputes when the data rings depend on (imports, decisions,
/// candidates, scores) changed since the last run; it reads a few grouped queries over indexed tables, so a
/// full recompute is cheap (measured in `make bench`).
public struct RingService: Sendable {
    public struct RefreshReport: Sendable, Equatable, Encodable {
        public var recomputed: Bool
        public var rings: Int
        public var edges: Int
        public var skipped: [String: Int]
        public var seconds: Double
    }

    public let store: Store
    let clock: @Sendable () -> Int64

    public init(store: Store, clock: @escaping @Sendable () -> Int64 = { Time.now() }) {
        self.store = store
        self.clock = clock
    }

    @discardableResult
    public func refresh(force: Bool = false) throws -> RefreshReport {
        let started = DispatchTime.now()
        let now = clock()
        return try store.pool.write { db in
            let fingerprint = try RingStore.fingerprint(db)
            if !force, try RingStore.storedFingerprint(db) == fingerprint {
                let n = try RingStore.activeIds(db, minSize: 2).count
                return RefreshReport(recomputed: false, rings: n, edges: 0, skipped: [:], seconds: 0)
            }
            let extraction = try RingStore.edges(db)
            let components = RingFinder.components(extraction.edges)
            let stored = try RingStore.activeMembers(db)
            let ids = RingFinder.assignIds(components, stored: stored)
            let people = try RingStore.risks(db)
            var next = try RingStore.nextId(db)
            var kept = Set<String>()
            for (component, assigned) in zip(components, ids) {
                let id: String
                if let assigned { id = assigned } else { id = String(format: "R-%06d", next); next += 1 }
                kept.insert(id)
                let score = RingFinder.score(risks: component.members.map { people[$0]?.risk ?? 0 }, edges: component.edges)
                let first = component.edges.compactMap(\.firstSeen).min()
                let last = component.edges.compactMap(\.lastSeen).max()
                try RingStore.save(db, id: id, isNew: assigned == nil, component: component, score: score, first: first,
                                   last: last, now: now, previous: stored[id] ?? [])
            }
            for (id, members) in stored where !kept.contains(id) {
                try RingStore.retire(db, id: id, members: members, now: now)
            }
            try RingStore.setFingerprint(db, fingerprint, now: now)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            return RefreshReport(recomputed: true, rings: components.count, edges: extraction.edges.count,
                                 skipped: extraction.skipped, seconds: seconds)
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
