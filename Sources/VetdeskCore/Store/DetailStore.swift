import GRDB

/// Bounds that keep opening a candidate cheap whatever the volume behind it.
public struct DetailLimits: Sendable, Equatable {
    public var recentLogins = 200
    public var payments = 200
    public var endpoints = 200
    public var networks = 30
    public var linksPerKind = 50
    public var sharedPerAccount = 50
    public init() {}
    public static let standard = DetailLimits()
}

extension Store {
    /// The candidate's full detail in one read transaction (a consistent snapshot), or nil if
    /// no candidate has this id. Every query goes through an index; lists are bounded by `limits`.
    public func candidateDetail(_ id: String, limits: DetailLimits = .standard) throws -> CandidateDetail? {
        try pool.read { db in try DetailStore.detail(db, id: id, limits: limits) }
    }
}

/// SQL for the candidate detail read model.
enum DetailStore {
    static func detail(_ db: Database, id: String, limits: DetailLimits) throws -> CandidateDetail? {
        guard let candidate = try Candidate.fetchOne(db, sql: "SELECT * FROM candidate WHERE id = ?", arguments: [id]) else {
            return nil
        }
        var d = CandidateDetail(candidate: candidate)
        d.caseFile = try CaseFile.fetchOne(db, sql: "SELECT * FROM case_file WHERE candidate_id = ?", arguments: [id])
        d.flags = try Flag.fetchAll(db, sql: "SELECT * FROM flag WHERE candidate_id = ? ORDER BY weight DESC, rule_id",
                                    arguments: [id])
        d.identityChecks = try IdentityCheck.fetchAll(db, sql: """
            SELECT * FROM identity_check WHERE candidate_id = ? ORDER BY checked_at DESC, id
            """, arguments: [id])
        d.interviews = try Interview.fetchAll(db, sql: """
            SELECT * FROM interview WHERE candidate_id = ? ORDER BY scheduled_at DESC, id
            """, arguments: [id])
        d.accounts = try DetailPayments.accounts(db, candidateId: id, sharedCap: limits.sharedPerAccount)
        d.payments = try Payment.fetchAll(db, sql: """
            SELECT * FROM payment WHERE candidate_id = ? ORDER BY paid_at DESC, id LIMIT ?
            """, arguments: [id, limits.payments])
        d.paymentsTotal = d.accounts.reduce(0) { $0 + $1.payments }
        d.logins = try DetailLogins.summary(db, candidateId: id, limits: limits)
        d.endpoints = try EndpointObservation.fetchAll(db, sql: """
            SELECT * FROM endpoint_observation WHERE candidate_id = ? ORDER BY observed_at DESC, id LIMIT ?
            """, arguments: [id, limits.endpoints])
        d.links = try DetailLinks.links(db, candidate: candidate, accounts: d.accounts, cap: limits.linksPerKind)
        d.history = try HistoryEntry.fetchAll(db, sql: "SELECT * FROM history WHERE candidate_id = ? ORDER BY seq",
                                              arguments: [id])
        d.rules = ruleInfo(for: d.flags)
        d.listHits = try ListStore.hits(db, candidateId: id)
        d.activity = try DetailActivity.load(db, candidateId: id)
        return d
    }

    /// Titles and sources from the rule catalog; a flag from a rule no longer in the catalog
    /// (an older store) still shows, with its id as title.
    static func ruleInfo(for flags: [Flag]) -> [String: RuleInfo] {
        var info: [String: RuleInfo] = [:]
        for flag in flags {
            if let rule = RuleCatalog.all.first(where: { $0.id == flag.ruleId }) {
                info[flag.ruleId] = RuleInfo(id: rule.id, title: rule.title, source: rule.source)
            }
        }
        return info
    }
}
