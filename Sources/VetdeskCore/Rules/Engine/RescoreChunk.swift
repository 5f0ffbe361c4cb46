import GRDB

/// One chunk of a rescoring run, computed under a read snapshot: its ids go into temp.rescore_chunk,
/// every query is scoped to them (RuleScope.chunk), and only this chunk's contexts are held.
struct RescoreChunk: Sendable {
    /// Measured (release, quiet 2-core machine, 100k candidates, 1M sign-ins, `rescore --all`): one
    /// piece 396 MB max RSS, 5.5 s; chunks of 5,000: 66 MB, 10.2 s; chunks of 20,000: 123 MB, 10.8 s.
    /// Those chunks repeated store-wide work (link groups, device-posture peer share, watchlist); it is
    /// now done once in RescorePlan: at 100k / 5M sign-ins 28.3 s -> 11.0 s, 75 MB max RSS, chunks of
    /// 5,000 (2026-11-30, load 4-6; docs/performance.md "Full rescore"). With one chunk per core in
    /// flight (Rescorer.parallelChunks) and session 5's run-wide link index: 121-135 MB at 50k-100k
    /// candidates (links are now found per chunk: docs/performance.md, "Rescore memory at 1M (session 6)").
    static let defaultSize = 5_000

    let config: RuleConfig
    let now: Int64
    let maxPerIP: Int
    let engine: RuleEngine

    init(config: RuleConfig, now: Int64, maxPerIP: Int) {
        self.config = config; self.now = now; self.maxPerIP = maxPerIP
        engine = RuleEngine(config: config)
    }

    /// What a chunk computed before writing.
    struct Computed {
        var results: [(candidateId: String, flags: [Flag], score: RiskScorer.Result)] = []
        var listHits: [ListScreening.HitRow] = []
        /// First-pass results of referral-linked candidates, for their neighbours' second pass.
        var bases: [String: ReferralBase] = [:]
        /// Referral-linked candidates left for the second pass (not written by this chunk).
        var deferred: [String] = []
        var phases: [String: Double] = [:]
        /// How the chunk was read; its write is scoped the same way.
        var scope = RuleScope.chunk
    }

    /// First pass. Candidates without a referral edge are final; the others leave their first-pass
    /// score in `bases` and wait in `deferred`.
    /// `range`: the chunk is `ids.first...ids.last` of a full run (RuleScope.range), read without
    /// temp.rescore_chunk, so on any connection; its deferred candidates are then left alone by the
    /// write because they are not in its results (their scored_at is set to the run's `now` early,
    /// the value their second-pass write sets anyway).
    func firstPass(_ db: Database, _ plan: RescorePlan, _ ids: ArraySlice<String>, range: Bool = false) throws -> Computed {
        let scope: RuleScope = range && !ids.isEmpty ? .range(first: ids.first!, last: ids.last!) : .chunk
        let (contexts, firstPass, evaluated) = try evaluate(db, plan, ids, scope: scope)
        var out = evaluated
        let clock = PhaseClock()
        var keep = [Bool](repeating: true, count: contexts.count)
        if !plan.referralLinked.isEmpty {
            let removeFromChunk = scope == .chunk
                ? try db.cachedStatement(sql: "DELETE FROM temp.rescore_chunk WHERE candidate_id = ?") : nil
            for i in contexts.indices where plan.referralLinked.contains(contexts[i].candidate.id) {
                let id = contexts[i].candidate.id
                let base = RiskScorer.score(firstPass[i])
                out.bases[id] = ReferralBase(name: contexts[i].candidate.fullName, status: contexts[i].caseStatus, score: base.score,
                                             decisive: base.decisive, topRules: Array(base.topFlags.prefix(3)))
                out.deferred.append(id)
                keep[i] = false
                try removeFromChunk?.execute(arguments: [id]) // the chunk's write leaves it alone
            }
            let deferred = Set(out.deferred)
            out.listHits.removeAll { ($0.first as? String).map(deferred.contains) ?? false }
        }
        out.results.reserveCapacity(contexts.count)
        for i in contexts.indices where keep[i] {
            out.results.append((contexts[i].candidate.id, firstPass[i], RiskScorer.score(firstPass[i])))
        }
        out.phases["evaluate", default: 0] += clock.seconds
        return out
    }

    /// Second pass for referral-linked candidates: loaded and evaluated again (their contexts were not
    /// kept), given their referrer and referees with first-pass scores (this run's, kept in
    /// temp.rescore_base: RescoreBases, else stored flags), and judged by the second-pass rules.
    func secondPass(_ db: Database, _ plan: RescorePlan, _ ids: ArraySlice<String>) throws -> Computed {
        var (contexts, firstPass, out) = try evaluate(db, plan, ids, scope: .chunk)
        let clock = PhaseClock()
        // The chunk's neighbours' bases, read through temp.rescore_chunk, which `evaluate` has filled.
        try RescoreReferrals.attach(db, plan.scope, &contexts, bases: RescoreBases.neighbours(db))
        for i in contexts.indices {
            firstPass[i] += engine.evaluate(contexts[i], pass: .second)
            out.results.append((contexts[i].candidate.id, firstPass[i], RiskScorer.score(firstPass[i])))
        }
        out.phases["evaluate", default: 0] += clock.seconds
        return out
    }

    /// Scope, contexts, list screening, links and first-pass rules of one chunk.
    private func evaluate(_ db: Database, _ plan: RescorePlan, _ ids: ArraySlice<String>, scope: RuleScope) throws
        -> (contexts: [RuleContext], firstPass: [[Flag]], out: Computed) {
        var out = Computed()
        out.scope = scope
        if scope == .chunk { try RuleScope.fillChunk(db, ids: ids) }
        var loader = RuleContextLoader(db: db, scope: scope, config: config, now: now)
        loader.peerManagedShare = .some(try plan.peerManagedShare.get())
        loader.watchlistOfRun = plan.watchlistHits
        var contexts = try loader.load()
        var clock = PhaseClock()
        if let index = plan.listIndex { out.listHits = try ListScreening.attach(db, &contexts, now: now, index: index) }
        out.phases = loader.phases
        out.phases["lists"] = clock.seconds
        clock = PhaseClock()
        // Loops read fields through the index: `for c in contexts` copies each whole context
        // (some 30 reference counts), 100k times per loop.
        let links = try plan.links(db, scope) // this chunk's shared values (a full run's first chunks may wait for the address groups)
        for i in contexts.indices { contexts[i].shared = links.sharedValues(of: contexts[i].candidate.id) }
        out.phases["links"] = clock.seconds
        clock = PhaseClock()
        let config = self.config
        let firstPass = ParallelMap.map(contexts) {
            let own = RuleEngine(config: config) // per thread: no shared reference counts
            return { own.evaluate($0, pass: .first) }
        }
        out.phases["evaluate"] = clock.seconds
        return (contexts, firstPass, out)
    }
}
