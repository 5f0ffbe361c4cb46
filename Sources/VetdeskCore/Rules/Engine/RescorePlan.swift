import GRDB

/// What a rescoring run settles before its chunks: the scope and its candidate ids (in id order, the
/// order one unchunked run used), the candidates with a referral edge, and the lookups that would
/// otherwise be rebuilt for every chunk (address groups, the sanctions list index).
struct RescorePlan {
    let scope: RuleScope
    let dirtyMode: Rescorer.DirtyMode
    /// The scoped ids that name a candidate, ordered as SQLite orders them (BINARY).
    let ids: [String]
    /// Candidates in scope that refer someone or were referred (referrer_id, either side): their
    /// second pass needs their neighbours' first-pass scores. Empty without second-pass rules.
    let referralLinked: Set<String>
    /// Every address group of 2+ candidates (AddressKey needs all candidates' addresses: done once).
    let addressGroups: [RuleLinkQueries.Group]
    /// The loaded sanctions lists, nil when none is loaded.
    let listIndex: ListIndex?
    var phases: [String: Double] = [:]

    init(_ db: Database, prepare: (Database) throws -> (RuleScope, Rescorer.DirtyMode), secondPass: Bool) throws {
        let clock = PhaseClock()
        let prepared = try prepare(db)
        scope = prepared.0
        dirtyMode = prepared.1
        ids = try String.fetchAll(db, sql: "SELECT id FROM candidate WHERE \(scope.filter("id")) ORDER BY id")
        referralLinked = secondPass ? Set(try String.fetchAll(db, sql: """
            SELECT id FROM candidate WHERE coalesce(referrer_id, '') <> '' AND \(scope.filter("id"))
            UNION SELECT referrer_id FROM candidate WHERE coalesce(referrer_id, '') <> '' AND \(scope.filter("referrer_id"))
            """)) : []
        addressGroups = ids.isEmpty ? [] : try RuleLinkQueries.allAddressGroups(db)
        listIndex = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM list_source)") == true && !ids.isEmpty
            ? try ListStore.index(db: db) : nil
        phases["plan"] = clock.seconds
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
