import GRDB

/// What a rescoring run settles before its chunks: the scope, the candidates with a referral edge,
/// and the lookups that would otherwise be rebuilt for every chunk (address groups, the sanctions
/// list index). It holds nothing per candidate of the scope: the ids are read a page at a time
/// (`page`), and each chunk finds its own shared values (`links`). At 1M candidates the plan's id
/// list, its link index of every shared value and the address rows it was built from took most of
/// `rescore --all`'s 541 MB max RSS. Measured 2026-11-30 (release, loaded 2-core machine), `rescore
/// --all`: 1M candidates without sign-ins 449 MB -> 140 MB; 100k / 5M 129 MB -> 115 MB; results
/// identical (docs/performance.md, "Rescore memory at 1M (session 6)").
struct RescorePlan: Sendable {
    let scope: RuleScope
    let dirtyMode: Rescorer.DirtyMode
    /// No id of the scope names a candidate.
    let isEmpty: Bool
    /// Candidates in scope that refer someone or were referred (referrer_id, either side): their
    /// second pass needs their neighbours' first-pass scores. Empty without second-pass rules.
    /// (60 of 100k candidates in the bench set.)
    let referralLinked: Set<String>
    let maxCandidatesPerIP: Int
    /// The groups found once, not per chunk (RuleLinkQueries.RunGroups): the address groups (AddressKey:
    /// computed over every candidate's addresses; only groups of 2+ are held), and for a full run the
    /// store's payment-account, contact, hash and device groups. A full run with a `reader` finds them on
    /// a pool read connection while its first chunks load.
    let groupsOfRun: Awaited<RuleLinkQueries.RunGroups>
    /// Store-wide device-posture baseline (RuleContextLoader.peerManagedShare): two scans, done once;
    /// alongside the first chunks too, when there is a `reader`.
    let peerManagedShare: Awaited<Double?>
    /// Watchlist hits of every candidate in scope (a few hundred rows), found once, not per chunk.
    let watchlistHits: [String: [WatchlistHit]]
    /// The loaded sanctions lists, nil when none is loaded.
    let listIndex: ListIndex?
    var phases: [String: Double] = [:]

    /// `reader`: the pool, for a full run that computes its address groups and peer share on read
    /// connections (a scoped run's scope lives in this connection's temp tables, so it computes them here).
    init(_ db: Database, prepare: (Database) throws -> (RuleScope, Rescorer.DirtyMode), secondPass: Bool,
         maxCandidatesPerIP: Int, reader: DatabasePool? = nil) throws {
        let clock = PhaseClock()
        let prepared = try prepare(db)
        scope = prepared.0
        dirtyMode = prepared.1
        self.maxCandidatesPerIP = maxCandidatesPerIP
        isEmpty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM candidate WHERE \(scope.filter("id")))") ?? true
        referralLinked = secondPass ? Set(try String.fetchAll(db, sql: """
            SELECT id FROM candidate WHERE coalesce(referrer_id, '') <> '' AND \(scope.filter("id"))
            UNION SELECT referrer_id FROM candidate WHERE coalesce(referrer_id, '') <> '' AND \(scope.filter("referrer_id"))
            """)) : []
        phases["plan"] = clock.seconds
        let scope = self.scope
        if isEmpty {
            groupsOfRun = Awaited(value: .init(addresses: []))
            peerManagedShare = Awaited(value: nil)
        } else if let reader, scope == .all {
            groupsOfRun = Awaited { try reader.read { try RuleLinkQueries.storeGroups($0) } }
            peerManagedShare = Awaited { try reader.read { try RuleContextLoader.peerManagedShare($0) } }
        } else {
            let linkClock = PhaseClock()
            // A scoped run keeps only the address groups that touch the scope (a dirty run's scope is a small
            // part of the store) and finds the other kinds per chunk; each chunk narrows them to its candidates.
            groupsOfRun = Awaited(value: scope == .all ? try RuleLinkQueries.storeGroups(db)
                : .init(addresses: try RuleLinkQueries.groups(RuleLinkQueries.allAddressGroups(db), touching: scope, db)))
            phases["plan.links"] = linkClock.seconds
            let peerClock = PhaseClock()
            peerManagedShare = Awaited(value: try RuleContextLoader.peerManagedShare(db))
            phases["plan", default: 0] += peerClock.seconds
        }
        let restClock = PhaseClock()
        watchlistHits = isEmpty ? [:] : try RuleContextLoader.watchlistHits(db, scope)
        listIndex = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM list_source)") == true && !isEmpty
            ? try ListStore.index(db: db) : nil
        phases["plan", default: 0] += restClock.seconds
    }

    /// The next `limit` ids of the scope after `after` (nil: from the start) that name a candidate, in
    /// SQLite's (BINARY) order: keyset pages, so no step holds every id of a run.
    func page(_ db: Database, after: String?, limit: Int) throws -> [String] {
        try KeysetPage.next(db, "id", from: "candidate", where: scope.filter("id"), after: after, limit: limit)
    }

    /// The values that the candidates of a chunk (`scope`: range or temp.rescore_chunk) share with
    /// anyone, with every sharer: found per chunk from the store's indexes (RuleLinkQueries), so the run
    /// never holds every shared value of the store (at 1M candidates, a third of them share an IP).
    func links(_ db: Database, _ scope: RuleScope) throws -> RuleLinkIndex {
        try RuleLinkIndex(db, scope: scope, maxCandidatesPerIP: maxCandidatesPerIP, groupsOfRun: groupsOfRun.get())
    }

    /// Seconds of the parts computed on read connections (overlapping the chunks), once they are done.
    var backgroundPhases: [String: Double] {
        var out: [String: Double] = [:]
        if groupsOfRun.seconds > 0 { out["plan.links"] = groupsOfRun.seconds }
        if peerManagedShare.seconds > 0 { out["plan"] = peerManagedShare.seconds }
        return out
    }
}

/// A referral neighbour's first-pass result, kept for the second pass (some 100 bytes a candidate).
struct ReferralBase {
    var name: String
    var status: CaseStatus?
    var score: Int
    var decisive: Bool
    var topRules: [String]
}
