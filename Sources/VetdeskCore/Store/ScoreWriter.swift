import GRDB

/// Writes a run's results: each scoped candidate's flag set is replaced, and its case_file score
/// fields are set (the row is created if missing). status, assignee and version are never touched;
/// updated_at moves only when the score, band or top flags actually change.
struct ScoreWriter {
    let db: Database
    let scope: RuleScope

    struct Stored: Equatable {
        var score: Int
        var band: String
        var top: String
    }

    /// The case_file score fields as they are now, for the scoped candidates.
    func storedScores() throws -> [String: Stored] {
        var out: [String: Stored] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT candidate_id, risk_score, risk_band, top_flags FROM case_file WHERE \(scope.filter("candidate_id"))
            """)
        while let r = try rows.next() { out[r[0]] = Stored(score: r[1], band: r[2], top: r[3]) }
        return out
    }

    /// Each scoped candidate's stored flag set as one comparable string (see `signature`).
    func storedFlagSignatures() throws -> [String: String] {
        var out: [String: String] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT candidate_id, group_concat(rule_id || char(31) || severity || char(31) || CAST(round(weight * 1000000) AS INTEGER)
                                              || char(31) || summary || char(31) || evidence, char(30))
            FROM (SELECT * FROM flag WHERE \(scope.filter("candidate_id")) ORDER BY candidate_id, rule_id)
            GROUP BY candidate_id
            """)
        while let r = try rows.next() { out[r[0]] = r[1] }
        return out
    }

    /// The same string for freshly computed flags, whose evidence JSON is given.
    static func signature(_ flags: [(Flag, String)]) -> String {
        flags.sorted { $0.0.ruleId < $1.0.ruleId }.map { f, json in
            "\(f.ruleId)\u{1F}\(f.severity.rawValue)\u{1F}\(Int((f.weight * 1_000_000).rounded()))\u{1F}\(f.summary)\u{1F}\(json)"
        }.joined(separator: "\u{1E}")
    }

    /// Flag sets that did not change are left alone (their computed_at keeps the time they first
    /// read this way); changed sets are replaced whole. Returns the number of flags now held.
    /// Evidence JSON and signatures are built on all cores; only the SQL runs on this thread.
    func write(results: [(candidateId: String, flags: [Flag], score: RiskScorer.Result)], now: Int64) throws -> Int {
        let before = try storedScores()
        let storedFlags = try storedFlagSignatures()
        let prepared = ParallelMap.map(results) { r -> (encoded: [(Flag, String)], signature: String?) in
            let encoded = r.flags.map { ($0, EvidenceJSON.encode($0.evidence)) }
            return (encoded, encoded.isEmpty ? nil : Self.signature(encoded))
        }
        let deleteFlags = try RawStatement(db, sql: "DELETE FROM flag WHERE candidate_id = ?")
        let insertFlag = try RawStatement(db, sql: """
            INSERT INTO flag (candidate_id, rule_id, severity, weight, summary, evidence, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let upsertCase = try RawStatement(db, sql: """
            INSERT INTO case_file (candidate_id, risk_score, risk_band, top_flags, opened_at, updated_at, scored_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5)
            ON CONFLICT (candidate_id) DO UPDATE SET
                risk_score = excluded.risk_score, risk_band = excluded.risk_band, top_flags = excluded.top_flags,
                scored_at = excluded.scored_at, updated_at = excluded.updated_at
            """)
        var flagCount = 0
        for (i, (id, flags, score)) in results.enumerated() {
            flagCount += flags.count
            let stored = storedFlags[id]
            if stored != prepared[i].signature {
                if stored != nil { deleteFlags.bind(1, id); try deleteFlags.run() }
                for (f, json) in prepared[i].encoded {
                    insertFlag.bind(1, f.candidateId); insertFlag.bind(2, f.ruleId); insertFlag.bind(3, f.severity.rawValue)
                    insertFlag.bind(4, f.weight); insertFlag.bind(5, f.summary); insertFlag.bind(6, json)
                    insertFlag.bind(7, f.computedAt)
                    try insertFlag.run()
                }
            }
            let top = score.topFlags.joined(separator: ",")
            let new = Stored(score: score.score, band: score.band.rawValue, top: top)
            if before[id] != new {
                upsertCase.bind(1, id); upsertCase.bind(2, score.score); upsertCase.bind(3, score.band.rawValue)
                upsertCase.bind(4, top); upsertCase.bind(5, now)
                try upsertCase.run()
            }
        }
        // Unchanged cases only get their scored_at moved, in one statement.
        try db.execute(sql: "UPDATE case_file SET scored_at = ?1 WHERE scored_at IS NOT ?1 AND \(scope.filter("candidate_id"))",
                       arguments: [now])
        return flagCount
    }

    /// Removes the rescored candidates from the dirty queue (same transaction as the writes).
    func clearDirty(seedOnly: Bool) throws -> Int {
        if scope == .all {
            try db.execute(sql: "DELETE FROM dirty_candidate")
        } else {
            let source = seedOnly ? "temp.rescore_seed" : "temp.rescore_scope"
            try db.execute(sql: "DELETE FROM dirty_candidate WHERE candidate_id IN (SELECT candidate_id FROM \(source))")
        }
        return db.changesCount
    }
}

/// The flag.evidence column: a JSON array of Evidence, written by hand because JSONEncoder per
/// flag dominated a full run. Readable by Flag's Codable decoding.
enum EvidenceJSON {
    static func encode(_ items: [Evidence]) -> String {
        var s = "["
        for (i, e) in items.enumerated() {
            if i > 0 { s += "," }
            s += "{\"kind\":"; quote(e.kind.rawValue, into: &s)
            s += ",\"ref\":"; quote(e.ref, into: &s)
            s += ",\"detail\":"; quote(e.detail, into: &s)
            s += "}"
        }
        return s + "]"
    }

    static func quote(_ text: String, into s: inout String) { JSONText.quote(text, into: &s) }
}
