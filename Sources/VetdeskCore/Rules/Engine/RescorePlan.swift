import GRDB

/// What a rescoring run settles before its chunks: the scope and its candidate ids (in id order, the
/// order one unchunked run used), the candidates with a referral edge, and the lookups that would
/// otherwise be rebuilt for every chunk (address groups, the sanctions list index).
struct RescorePlan: Sendable {
    let scope: RuleScope
    let dirtyMode: Rescorer.DirtyMode
    /// The scoped ids that name a candidate, ordered as SQLite orders them (BINARY).
    let ids: [String]
    /// Candidates in scope that refer someone or were referred (referrer_id, either side): their
    /// second pass needs their neighbours' first-pass scores. Empty without second-pass rules.
    let referralLinked: Set<String>
    /// Every value shared by 2+ candidates that touches the scope, with its sharers: found once here
    /// (AddressKey groups need all candidates' addresses anyway), looked up in memory per chunk.
    /// A full run with a `reader` finds them on a pool read connection while its first chunks load
    /// (this plan was 25 % of a full run's CPU, all of it before any chunk started).
    let links: Awaited<RuleLinkIndex>
    /// Store-wide device-posture baseline (RuleContextLoader.peerManagedShare): two scans, done once;
    /// alongside the first chunks too, when there is a `reader`.
    let peerManagedShare: Awaited<Double?>
    /// Watchlist hits of every candidate in scope (a few hundred rows), found once, not per chunk.
    let watchlistHits: [String: [WatchlistHit]]
    /// The loaded sanctions lists, nil when none is loaded.
    let listIndex: ListIndex?
    var phases: [String: Double] = [:]

    /// `reader`: the pool, for a full run that computes its links and peer share on read connections
    /// (a scoped run's scope lives in this connection's temp tables, so it computes them here).
    init(_ db: Database, prepare: (Database) throws -> (RuleScope, Rescorer.DirtyMode), secondPass: Bool,
         maxCandidatesPerIP: Int, reader: DatabasePool? = nil) throws {
        let clock = PhaseClock()
        let prepared = try prepare(db)
        scope = prepared.0
        dirtyMode = prepared.1
        ids = try String.fetchAll(db, sql: "SELECT id FROM candidate WHERE \(scope.filter("id")) ORDER BY id")
        referralLinked = secondPass ? Set(try String.fetchAll(db, sql: """
            SELECT id FROM candidate WHERE coalesce(referrer_id, '') <> '' AND \(scope.filter("id"))
            UNION SELECT referrer_id FROM candidate WHERE coalesce(referrer_id, '') <> '' AND \(scope.filter("referrer_id"))
            """)) : []
        phases["plan"] = clock.seconds
        let scope = self.scope
        if ids.isEmpty {
            links = Awaited(value: RuleLinkIndex())
            peerManagedShare = Awaited(value: nil)
        } else if let reader, scope == .all {
            links = Awaited {
                try reader.read { db in
                    try RuleLinkIndex(db, scope: scope, maxCandidatesPerIP: maxCandidatesPerIP,
                                      addressGroups: RuleLinkQueries.allAddressGroups(db))
                }
            }
            peerManagedShare = Awaited { try reader.read { try RuleContextLoader.peerManagedShare($0) } }
        } else {
            let linkClock = PhaseClock()
            links = Awaited(value: try RuleLinkIndex(db, scope: scope, maxCandidatesPerIP: maxCandidatesPerIP,
                                                     addressGroups: RuleLinkQueries.allAddressGroups(db)))
            phases["plan.links"] = linkClock.seconds
            let peerClock = PhaseClock()
            peerManagedShare = Awaited(value: try RuleContextLoader.peerManagedShare(db))
            phases["plan", default: 0] += peerClock.seconds
        }
        let restClock = PhaseClock()
        watchlistHits = ids.isEmpty ? [:] : try RuleContextLoader.watchlistHits(db, scope)
        listIndex = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM list_source)") == true && !ids.isEmpty
            ? try ListStore.index(db: db) : nil
        phases["plan", default: 0] += restClock.seconds
    }

    /// Seconds of the parts computed on read connections (overlapping the chunks), once they are done.
    var backgroundPhases: [String: Double] {
        var out: [String: Double] = [:]
        if links.seconds > 0 { out["plan.links"] = links.seconds }
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
