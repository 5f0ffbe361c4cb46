import GRDB

extension Store {
    /// Every candidate with its score and band (0 / none without a case file), and every fired
    /// (candidate, rule): the inputs of `RankingEval`.
    public func evalInputs() throws -> (rows: [(id: String, score: Int, band: RiskBand)], flags: [(candidateId: String, ruleId: String)]) {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.id, coalesce(f.risk_score, 0), coalesce(f.risk_band, 'none')
                FROM candidate c LEFT JOIN case_file f ON f.candidate_id = c.id
                """).map { r -> (id: String, score: Int, band: RiskBand) in
                    (r[0], r[1], RiskBand(rawValue: r[2]) ?? RiskBand.none)
                }
            let flags = try Row.fetchAll(db, sql: "SELECT candidate_id, rule_id FROM flag").map { (candidateId: $0[0] as String, ruleId: $0[1] as String) }
            return (rows, flags)
        }
    }
}
