import Foundation
import GRDB

/// Recomputes flags and scores, chunk by chunk, so that no step holds every candidate's context
/// (one piece of 100k contexts reached 413 MB max RSS). Each chunk's contexts are loaded set-based,
/// first-pass rules evaluated and shared values found under a read snapshot that takes no write lock;
/// its flags and case_file scores are then written in one short write transaction. Candidates with a
/// referral edge wait: once every chunk has been through the first pass, their neighbours' first-pass
/// scores are known (small `ReferralBase`s), and they are loaded again, judged by referral_chain and
/// written, chunk by chunk (RescoreChunk). Last, the dirty queue is settled in a short transaction.
/// A candidate marked dirty by another connection meanwhile is not lost: the run then keeps the dirty
/// marks (`keptDirty`).
public struct Rescorer: Sendable {
    public let store: Store
    public let config: RuleConfig
    /// Injected for tests; defaults to the wall clock.
    public var clock: @Sendable () -> Int64 = { Time.now() }
    /// Rings follow rescoring: after a dirty or by-id rescore, the components the changed candidates touch are
    /// recomputed (RingService.refresh, incremental). Off for throw-away copies (backtests).
    public var refreshRings = true
    /// Tests only: runs at the end of the computation, inside its (last) read snapshot.
    var duringCompute: (@Sendable () throws -> Void)? = nil
    /// Candidates per chunk. Memory grows with it (about 4 KB of context per candidate at 1M sign-ins
    /// over 100k candidates): figures in RescoreChunk.defaultSize and docs/performance.md.
    public var chunkSize = RescoreChunk.defaultSize
    /// Chunks of a full run computed at once on the pool's read connections (one per core); 1 computes
    /// them one after the other on the writer connection. Measured at 100k / 5M sign-ins on the loaded
    /// 2-core machine (2026-11-30, load 5-7): 10.1-11.2 s CPU (main 11.0-16.0 s), 10.2-11.5 s wall
    /// (main 11.5-22 s), 121-135 MB max RSS (one chunk at a time: 75 MB); docs/performance.md
    /// "Full rescore (session 5)".
    public var parallelChunks = ProcessInfo.processInfo.activeProcessorCount

    /// A dirty run whose queue holds at least `fullRunShare` of the candidates, or `fullRunCount` of them,
    /// is run as a full run (scope `.all`, which settles the whole queue). A dirty run costs more per
    /// candidate (it expands its seed through the links, keeps its scope in temp tables and finds shared
    /// values per scope) and its memory grows with the scope: measured every candidate dirty (an import
    /// into a store whose candidates were imported `--no-rescore`), 100k candidates / 5M sign-ins 24.3 s and
    /// 89 MB against 9.4 s and 120 MB for `--all`; 1M / 20M 546 s and 547 MB against 140 s and 178 MB
    /// (issue 13, session 7; docs/performance.md "Large dirty queues").
    /// Below `fullRunMinimum` dirty candidates a dirty run stays one (small stores: every import marks
    /// all its candidates, and a few hundred cost nothing either way).
    public var fullRunShare = 0.2
    public var fullRunCount = 50_000
    public var fullRunMinimum = 10_000

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
        let queue = try store.pool.read { try RuleScope.dirtyQueueSize($0) }
        if queue.dirty >= fullRunMinimum,
           queue.dirty >= fullRunCount || Double(queue.dirty) >= fullRunShare * Double(max(1, queue.candidates)) {
            // Rings follow as after any dirty run (`rescoreAll` leaves them to their next read).
            var report = try run { _ in (RuleScope.all, .everything) }
            report.asFullRun = true
            return report
        }
        return try run { db in
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
    enum DirtyMode { case everything, seed, scope }

    /// `prepare` builds the scope and says which dirty rows the run settles.
    /// `rings`: refresh rings afterwards (a full rescore leaves them to their next read, which then refreshes
    /// scores and referral ties: its time stays the rescore's own).
    private func run(rings: Bool = true, _ prepare: @escaping (Database) throws -> (RuleScope, DirtyMode)) throws -> RescoreReport {
        let started = DispatchTime.now().uptimeNanoseconds
        let now = clock()
        let chunkSize = max(1, self.chunkSize)
        let work = RescoreChunk(config: config, now: now, maxPerIP: maxCandidatesPerIP)
        // Computed under read snapshots (main is only read; the scope lives in temp tables), each chunk
        // then written in one short transaction: other processes' decisions and imports are not held up
        // by the evaluation (docs/imports-and-locking.md). If another connection committed meanwhile,
        // the dirty marks are kept, so the next rescore sees what changed.
        var report = try store.pool.writeWithoutTransaction { db -> RescoreReport in
            let versionBefore = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            var planned: RescorePlan?
            try db.inTransaction(.deferred) {
                planned = try RescorePlan(db, prepare: prepare, secondPass: work.engine.hasSecondPass,
                                          maxCandidatesPerIP: maxCandidatesPerIP, reader: parallelChunks > 1 ? store.pool : nil)
                if planned!.isEmpty { try duringCompute?() }
                return .commit
            }
            guard let plan = planned else { return RescoreReport() }
            var report = RescoreReport()
            report.phases = plan.phases
            // Referral-linked candidates wait for the second pass, their first-pass results in
            // temp.rescore_base (RescoreBases), not in memory.
            try RescoreBases.create(db)
            var deferred = 0

            func computeAndWrite(_ ids: ArraySlice<String>, last: Bool,
                                 _ body: (Database) throws -> RescoreChunk.Computed) throws {
                var computed: RescoreChunk.Computed?
                try db.inTransaction(.deferred) {
                    computed = try body(db)
                    if last && deferred == 0 && computed!.deferred.isEmpty { try duringCompute?() }
                    return .commit
                }
                guard let c = computed else { return }
                try write(c)
            }

            func write(_ c: RescoreChunk.Computed) throws {
                deferred += c.deferred.count
                try db.inTransaction(.immediate) {
                    let clock = PhaseClock()
                    try RescoreBases.add(db, c.bases)
                    report.flags += try ScoreWriter(db: db, scope: c.scope).write(results: c.results, now: now)
                    try ListScreening.record(db, c.listHits)
                    report.phases["write", default: 0] += clock.seconds
                    return .commit
                }
                report.add(c)
            }

            // First pass: every candidate in scope, read a page of ids at a time (keyset, RescorePages);
            // those with a referral edge are deferred. A full run's chunks are id ranges
            // (RuleScope.range): one range scan per table, not a seek per candidate.
            let range = plan.scope == .all
            var pages = try RescorePages(db, plan, size: chunkSize)
            let first = try pages.next()
            if range && parallelChunks > 1, let first, !first.last {
                // One chunk computed per core on the pool's readers, the oldest written here meanwhile.
                let store = self.store
                var pending: [Awaited<RescoreChunk.Computed>] = []
                func launch(_ part: (ids: [String], last: Bool)?) {
                    guard let part else { return }
                    pending.append(Awaited { try store.pool.read { try work.firstPass($0, plan, part.ids[...], range: true) } })
                }
                launch(first)
                for _ in 1..<parallelChunks { launch(try pages.next()) }
                while !pending.isEmpty {
                    let c = try pending.removeFirst().get()
                    launch(try pages.next())
                    try write(c)
                }
                if deferred == 0 { try db.inTransaction(.deferred) { try duringCompute?(); return .commit } }
            } else {
                var next = first
                while let part = next {
                    try computeAndWrite(part.ids[...], last: part.last) {
                        try work.firstPass($0, plan, part.ids[...], range: range)
                    }
                    next = try pages.next()
                }
            }
            // Second pass: the deferred candidates, now that every neighbour's first-pass score is known.
            // Read a chunk at a time from temp.rescore_base, in id order, with the bases its
            // referral edges need.
            let waiting = deferred
            deferred = 0
            var done = 0
            var after: String? = nil
            while done < waiting {
                let part = try RescoreBases.page(db, after: after, limit: chunkSize)
                guard let lastId = part.last else { break }
                after = lastId
                done += part.count
                try computeAndWrite(part[...], last: done >= waiting) { try work.secondPass($0, plan, part[...]) }
            }

            try db.inTransaction(.immediate) {
                let changedMeanwhile = (try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0) != versionBefore
                let clock = PhaseClock()
                let writer = ScoreWriter(db: db, scope: plan.scope)
                switch plan.dirtyMode {
                case .everything, .scope:
                    report.dirty = changedMeanwhile ? 0 : try writer.clearDirty(seedOnly: false)
                case .seed:
                    report.dirty = try Self.seedInStore(db)
                    if !changedMeanwhile { _ = try writer.clearDirty(seedOnly: true) }
                    report.linked = max(0, report.candidates - report.dirty)
                }
                report.keptDirty = changedMeanwhile
                report.phases["write", default: 0] += clock.seconds
                return .commit
            }
            for (phase, seconds) in plan.backgroundPhases { report.phases[phase, default: 0] += seconds }
            return report
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if rings && refreshRings {
            // The rescore is committed whatever happens here; a failed ring refresh is reported, and the next
            // `vetdesk rings` retries it (the marks stay).
            do { report.rings = try RingService(store: store, clock: clock).refresh() } catch { report.ringsError = "\(error)" }
        }
        return report
    }

    private static func seedInStore(_ db: Database) throws -> Int { try RuleScope.seedCandidatesInStore(db) }
}

private extension RescoreReport {
    /// Counts one chunk's results (bands, flags per rule, phases).
    mutating func add(_ c: RescoreChunk.Computed) {
        candidates += c.results.count
        for r in c.results {
            bands[r.score.band.rawValue, default: 0] += 1
            for f in r.flags { flagsByRule[f.ruleId, default: 0] += 1 }
        }
        phases.merge(c.phases, uniquingKeysWith: +)
    }
}
