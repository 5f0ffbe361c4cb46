import Foundation
import GRDB

/// `vetdesk rules backtest`: replays a rule configuration over the store's decided cases without
/// touching the store. The store is copied (VACUUM INTO) to a scratch file, every candidate is
/// rescored there, and the ranking is measured with escalated/referred cases as fraud and cleared
/// ones as benign (`RankingEval`; a cleared case counts as "benign with a signal" when it has any flag).
public enum Backtest {
    public static func run(store: Store, config: RuleConfig, now: Int64 = Time.now()) throws -> RankingEval {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vetdesk-backtest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copyPath = scratch.appendingPathComponent("store.sqlite").path
        // VACUUM cannot run inside a transaction: the writer connection, outside one.
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copyPath]) }
        let copy = try Store(path: copyPath)
        var rescorer = Rescorer(store: copy, config: config)
        rescorer.refreshRings = false
        rescorer.clock = { now }
        try rescorer.rescoreAll()
        let truth = try decidedCases(copy)
        let inputs = try copy.evalInputs()
        return RankingEval.compute(truth: truth, rows: inputs.rows, flags: inputs.flags)
    }

    /// Escalated and referred cases as fraud, cleared ones as benign; the group of a cleared case is
    /// "flagged" when the replayed rules fired on it, "plain" otherwise.
    static func decidedCases(_ store: Store) throws -> TruthFile {
        try store.pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT f.candidate_id, f.status, EXISTS (SELECT 1 FROM flag g WHERE g.candidate_id = f.candidate_id)
                FROM case_file f WHERE f.status IN ('escalated', 'referred', 'cleared') ORDER BY f.candidate_id
                """)
            return TruthFile(entries: rows.map { r in
                let status: String = r[1]
                let flagged: Bool = r[2]
                return TruthFile.Entry(candidateId: r[0], label: status == "cleared" ? .benign : .fraud,
                                       group: status == "cleared" ? (flagged ? "flagged" : "plain") : status)
            })
        }
    }
}
