import GRDB

/// Fills the referrer and referees of a chunk's referral-linked candidates with their first-pass
/// scores: from this run (`bases`) for candidates in the run, from their stored flags (without
/// referral_chain) for the others. Each candidate's neighbours come in the order one unchunked run
/// gave them: edges inside the run by referee id, then referees outside the run as the index gives them.
enum RescoreReferrals {
    static func attach(_ db: Database, _ scope: RuleScope, _ contexts: inout [RuleContext],
                       bases: [String: ReferralBase]) throws {
        var position: [String: Int] = [:]
        for i in contexts.indices { position[contexts[i].candidate.id] = i }
        var inRun: [(referrer: String, referee: String)] = []
        var outside: [(referrer: String, referee: String)] = []
        for i in contexts.indices {
            if let r = contexts[i].candidate.referrerId.nonEmpty, r != contexts[i].candidate.id { inRun.append((r, contexts[i].candidate.id)) }
        }
        // Referees of this chunk's candidates: those in the run but outside the chunk add an edge here;
        // the chunk's own were added above from their context.
        for r in try Row.fetchAll(db, sql: """
            SELECT id, referrer_id FROM candidate WHERE referrer_id IS NOT NULL AND \(RuleScope.chunk.filter("referrer_id"))
            """) {
            let id: String = r[0], referrer: String = r[1]
            guard position[id] == nil else { continue }
            if bases[id] != nil {
                if id != referrer { inRun.append((referrer, id)) }
            } else if scope != .all {
                outside.append((referrer, id))
            }
        }
        inRun.sort { $0.referee.utf8.lexicographicallyPrecedes($1.referee.utf8) }
        let edges = inRun + outside
        let notInRun = Set(edges.flatMap { [$0.referrer, $0.referee] }.filter { bases[$0] == nil })
        let stored = try RuleLinkQueries.storedNeighbors(db, ids: notInRun)

        func neighbor(_ id: String, _ relation: ReferralNeighbor.Relation) -> ReferralNeighbor? {
            if let b = bases[id] {
                return ReferralNeighbor(candidate: LinkedCandidate(id: id, name: b.name), relation: relation, status: b.status,
                                        baseScore: b.score, decisive: b.decisive, topRules: b.topRules)
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
