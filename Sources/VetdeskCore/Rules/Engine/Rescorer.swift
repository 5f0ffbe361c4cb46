import Foundation
import GRDB

/// Recomputes flags and scores. The candidates' contexts are loaded set-based, first-pass rules
/// evaluated, referral neighbours judged on their first-pass scores and referral_chain evaluated, all
/// under one read snapshot that takes no write lock; then flags and case_file scores are written and
/// the dirty queue cleared in one short write transaction. A candidate marked dirty by another
/// connection meanwhile is not lost: the run then keeps the dirty marks (`keptDirty`).
public struct Rescorer: Sendable {
    public let store: Store
    public let config: RuleConfig
    /// Injected for tests; defaults to the wall clock.
    public var clock: @Sendable () -> Int64 = { Time.now() }
    /// Rings follow rescoring: after a dirty or by-id rescore, the components the changed candidates touch are
    /// recomputed (RingService.refresh, incremental). Off for throw-away copies (backtests).
    public var refreshRings = true
    /// Tests only: runs at the end of the computation, inside its read snapshot.
    var duringCompute: (@Sendable () throws -> Void)? = nil

    public init(store: Store, config: RuleConfig) {
        self.store = store; self.config = config
    }

    /// Every candidate.
    @discardableResult
    public func rescoreAll() throws -> RescoreReport {
        try run(rings: false) { _ in (RuleScope.all, .everything) }
    }

    /// The candidates in dirty_candidate plus every candidate linked to them.
    @discardableResult
    public func rescoreDirty() throws -> RescoreReport {
        try run { db in
            try RuleScope.createTemp(db, "rescore_seed")
            try RuleScope.seedFromDirtyQueue(db)
            try RuleScope.createTemp(db, "rescore_scope")
            try RuleLinkQueries.expandSeed(db, maxCandidatesPerIP: maxCandidatesPerIP)
            return (.table, .seed)
        }
    }

    /// The given candidates (and nothing linked to them); they leave the dirty queue too.
    @discardableResult
    public func rescore(candidateIds: [String]) throws -> RescoreReport {
        try run { db in
            try RuleScope.fill(db, ids: candidateIds)
            return (.table, .scope)
        }
    }

    private var maxCandidatesPerIP: Int {
        Int(config.settings(for: "shared_login_ip").thresholds["max_candidates_per_ip"] ?? 25)
    }

    /// Which rows of dirty_candidate a run clears: all, the seed of a dirty run, or the given ids.
    private enum DirtyMode { case everything, seed, scope }

    /// `prepare` builds the scope and says which dirty rows the run settles.
    /// `rings`: refresh rings afterwards (a full rescore leaves them to their next read, which then refreshes
    /// scores and referral ties: its time stays the rescore's own).
    private func run(rings: Bool = true, _ prepare: @escaping (Database) throws -> (RuleScope, DirtyMode)) throws -> RescoreReport {
        let started = DispatchTime.now().uptimeNanoseconds
        let now = clock()
        let config = self.config
        let maxPerIP = maxCandidatesPerIP
        // Computed under a read snapshot (main is only read; the scope lives in temp tables), then
        // written in one short transaction: other processes' decisions and imports are not held up by
        // the evaluation (docs/imports-and-locking.md). If another connection committed meanwhile, the
        // dirty marks are kept, so the next rescore sees what changed.
        var report = try store.pool.writeWithoutTransaction { db -> RescoreReport in
            let versionBefore = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            var computed: Computed?
            try db.inTransaction(.deferred) {
                computed = try compute(db, prepare: prepare, now: now, config: config, maxPerIP: maxPerIP)
                try duringCompute?()
                return .commit
            }
            guard var c = computed else { return RescoreReport() }
            try db.inTransaction(.immediate) {
                let changedMeanwhile = (try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0) != versionBefore
                var clock = PhaseClock()
                let writer = ScoreWriter(db: db, scope: c.scope)
                c.report.flags = try writer.write(results: c.results, now: now)
                try ListScreening.record(db, c.listHits)
                c.report.phases["write"] = clock.seconds
                clock = PhaseClock()
                switch c.dirtyMode {
                case .everything, .scope:
                    c.report.dirty = changedMeanwhile ? 0 : try writer.clearDirty(seedOnly: false)
                case .seed:
                    c.report.dirty = try Self.seedInStore(db)
                    if !changedMeanwhile { _ = try writer.clearDirty(seedOnly: true) }
                    c.report.linked = max(0, c.report.candidates - c.report.dirty)
                }
                c.report.keptDirty = changedMeanwhile
                return .commit
            }
            return c.report
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if rings && refreshRings {
            // The rescore is committed whatever happens here; a failed ring refresh is reported, and the next
            // `vetdesk rings` retries it (the marks stay).
            do { report.rings = try RingService(store: store, clock: clock).refresh() } catch { report.ringsError = "\(error)" }
        }
        return report
    }

    /// What a rescore computed before writing.
    private struct Computed {
        var scope: RuleScope
        var dirtyMode: DirtyMode
        var results: [(candidateId: String, flags: [Flag], score: RiskScorer.Result)]
        var listHits: [ListScreening.HitRow]
        var report: RescoreReport
    }

    /// Scope, contexts, links and evaluation: reads main, writes only temp tables.
    private func compute(_ db: Database, prepare: (Database) throws -> (RuleScope, DirtyMode), now: Int64,
                         config: RuleConfig, maxPerIP: Int) throws -> Computed {
        let (scope, dirtyMode) = try prepare(db)
        var phases: [String: Double] = [:]
        var clock = PhaseClock()
        var loader = RuleContextLoader(db: db, scope: scope, config: config, now: now)
        var contexts = try loader.load()
        let listHits = try ListScreening.attach(db, &contexts, now: now)
        phases.merge(loader.phases) { $1 }
        clock = PhaseClock()
        var names: [String: String] = [:]
        names.reserveCapacity(contexts.count)
        // Loops read fields through the index: `for c in contexts` copies each whole context
        // (some 30 reference counts), 100k times per loop.
        for i in contexts.indices { names[contexts[i].candidate.id] = contexts[i].candidate.fullName }
        let links = RuleLinkQueries(db: db, scope: scope, maxCandidatesPerIP: maxPerIP)
        let shared = try links.sharedValues(names: names)
        for i in contexts.indices { contexts[i].shared = shared[contexts[i].candidate.id] ?? [] }
        phases["links"] = clock.seconds
        clock = PhaseClock()

        let engine = RuleEngine(config: config)
        var firstPass = ParallelMap.map(contexts) {
            let own = RuleEngine(config: config) // per thread: no shared reference counts
            return { own.evaluate($0, pass: .first) }
        }
        let base = firstPass.map { RiskScorer.score($0) }
        if engine.hasSecondPass {
            try attachReferrals(db, scope, links, &contexts, base: base)
            for i in contexts.indices { firstPass[i] += engine.evaluate(contexts[i], pass: .second) }
        }

        phases["evaluate"] = clock.seconds
        clock = PhaseClock()
        var results: [(candidateId: String, flags: [Flag], score: RiskScorer.Result)] = []
        results.reserveCapacity(contexts.count)
        var report = RescoreReport()
        for i in contexts.indices {
            let score = RiskScorer.score(firstPass[i])
            results.append((contexts[i].candidate.id, firstPass[i], score))
            report.bands[score.band.rawValue, default: 0] += 1
            for f in firstPass[i] { report.flagsByRule[f.ruleId, default: 0] += 1 }
        }
        report.phases = phases
        report.candidates = contexts.count
        return Computed(scope: scope, dirtyMode: dirtyMode, results: results, listHits: listHits, report: report)
    }

    private static func seedInStore(_ db: Database) throws -> Int { try RuleScope.seedCandidatesInStore(db) }

    /// Fills each context's referrer and referees with their first-pass scores: from this run for
    /// candidates in scope, from their stored flags (without referral_chain) for the others.
    private func attachReferrals(_ db: Database, _ scope: RuleScope, _ links: RuleLinkQueries,
                                 _ contexts: inout [RuleContext], base: [RiskScorer.Result]) throws {
        var position: [String: Int] = [:]
        for i in contexts.indices { position[contexts[i].candidate.id] = i }
        var edges: [(referrer: String, referee: String)] = []
        for i in contexts.indices {
            if let r = contexts[i].candidate.referrerId.nonEmpty, r != contexts[i].candidate.id { edges.append((r, contexts[i].candidate.id)) }
        }
        if scope != .all {
            for r in try links.referees() where position[r.id] == nil { edges.append((r.referrer, r.id)) }
        }
        let outside = Set(edges.flatMap { [$0.referrer, $0.referee] }.filter { position[$0] == nil })
        let stored = try RuleLinkQueries.storedNeighbors(db, ids: outside)

        func neighbor(_ id: String, _ relation: ReferralNeighbor.Relation) -> ReferralNeighbor? {
            if let i = position[id] {
                let c = contexts[i]
                return ReferralNeighbor(candidate: LinkedCandidate(id: id, name: c.candidate.fullName), relation: relation,
                                        status: c.caseStatus, baseScore: base[i].score, decisive: base[i].decisive,
                                        topRules: Array(base[i].topFlags.prefix(3)))
            }
            guard let s = stored[id] else { return nil } // referrer id naming no candidate
            let r = RiskScorer.score(s.flags)
            return ReferralNeighbor(candidate: LinkedCandidate(id: id, name: s.name), relation: relation, status: s.status,
                                    baseScore: r.score, decisive: r.decisive, topRules: Array(r.topFlags.prefix(3)))
        }
        for (referrer, referee) in edges {
            if let i = position[referee], let n = neighbor(referrer, .referrer) { contexts[i].referrals.append(n) }
            if let i = position[referrer], let n = neighbor(referee, .referee) { contexts[i].referrals.append(n) }
        }
    }
}
