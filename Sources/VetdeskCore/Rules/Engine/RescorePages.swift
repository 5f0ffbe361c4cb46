import GRDB

/// The ids of a rescoring run's scope, a chunk at a time (keyset pages of RescorePlan.page), one page
/// read ahead so that a chunk knows whether it is the last. The run never holds every id: at 1M
/// candidates the plan's one array of ids was 1M strings.
/// Pages are read as the run goes, each in its chunk's snapshot: a candidate another process adds
/// during a full run may be scored by it (without the referral second pass, planned before it
/// existed). Its dirty mark is kept (the run sees `data_version` move), so the next rescore scores it
/// in full.
struct RescorePages {
    private let db: Database
    private let plan: RescorePlan
    private let size: Int
    private var ahead: [String]

    init(_ db: Database, _ plan: RescorePlan, size: Int) throws {
        self.db = db; self.plan = plan; self.size = size
        ahead = plan.isEmpty ? [] : try plan.page(db, after: nil, limit: size)
    }

    /// The next chunk of ids, and whether it is the last; nil when every id has been given.
    mutating func next() throws -> (ids: [String], last: Bool)? {
        guard !ahead.isEmpty else { return nil }
        let part = ahead
        ahead = part.count < size ? [] : try plan.page(db, after: part.last, limit: size)
        return (part, ahead.isEmpty)
    }
}
