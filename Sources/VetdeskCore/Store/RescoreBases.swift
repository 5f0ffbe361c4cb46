import GRDB

/// First-pass results of a run's referral-linked candidates (ReferralBase), kept in a temp table of
/// the writer connection (temp_store is a file) until the second pass: the run holds no per-candidate
/// map of them. The second pass reads them a chunk at a time, in id order (the order the first pass
/// deferred them), with the bases of each chunk's referrers and referees.
enum RescoreBases {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS rescore_base (
                candidate_id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, status TEXT,
                score INTEGER NOT NULL, decisive INTEGER NOT NULL, top_rules TEXT NOT NULL) WITHOUT ROWID
            """)
        try db.execute(sql: "DELETE FROM temp.rescore_base")
    }

    static func add(_ db: Database, _ bases: [String: ReferralBase]) throws {
        guard !bases.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO temp.rescore_base (candidate_id, name, status, score, decisive, top_rules) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (id, b) in bases {
            // Rule ids are [a-z0-9_]: a comma joins them unambiguously.
            try insert.execute(arguments: [id, b.name, b.status?.rawValue, b.score, b.decisive, b.topRules.joined(separator: ",")])
        }
    }

    /// The next `limit` deferred candidates after `after` (nil: from the first), in id order.
    static func page(_ db: Database, after: String?, limit: Int) throws -> [String] {
        try KeysetPage.next(db, "candidate_id", from: "temp.rescore_base", after: after, limit: limit)
    }

    /// The bases RescoreReferrals.attach reads for the candidates in temp.rescore_chunk: their own,
    /// their referrers' and their referees' (those in the run; the others are judged by stored flags).
    static func neighbours(_ db: Database) throws -> [String: ReferralBase] {
        var out: [String: ReferralBase] = [:]
        let chunk = "(SELECT candidate_id FROM temp.rescore_chunk)"
        for r in try Row.fetchAll(db, sql: """
            SELECT candidate_id, name, status, score, decisive, top_rules FROM temp.rescore_base WHERE candidate_id IN (
                SELECT candidate_id FROM temp.rescore_chunk
                UNION SELECT referrer_id FROM candidate WHERE id IN \(chunk) AND referrer_id IS NOT NULL
                UNION SELECT id FROM candidate WHERE referrer_id IN \(chunk))
            """) {
            let status: String? = r[2], top: String = r[5]
            out[r[0]] = ReferralBase(name: r[1], status: status.flatMap(CaseStatus.init(rawValue:)), score: r[3], decisive: r[4],
                                     topRules: top.isEmpty ? [] : top.split(separator: ",").map(String.init))
        }
        return out
    }
}
