import Foundation
import GRDB

/// Applies a RetentionPolicy: lists (dry run) or carries out what ages out, recording each step in the
/// chained history. Only cleared cases are touched; escalated and referred cases are under legal hold.
public struct Retention: Sendable {
    public struct Step: Sendable, Equatable, Encodable {
        public enum Kind: String, Sendable, Encodable { case deleteEvents = "delete_events", pseudonymise }
        public var kind: Kind
        public var candidateId: String
        public var clearedAt: Int64
        /// Rows it deletes or changes (known before for events; counted when applied for pseudonymisation).
        public var rows: Int
    }

    public let store: Store
    public let policy: RetentionPolicy
    let clock: @Sendable () -> Int64

    public init(store: Store, policy: RetentionPolicy, clock: @escaping @Sendable () -> Int64 = { Time.now() }) {
        self.store = store
        self.policy = policy
        self.clock = clock
    }

    public func plan() throws -> [Step] {
        let now = clock()
        return try store.pool.read { db in try plan(db, now: now) }
    }

    func plan(_ db: Database, now: Int64) throws -> [Step] {
        var steps: [Step] = []
        for c in try RetentionStore.clearedCases(db) {
            let days = (now - c.clearedAt) / 86_400
            if days >= policy.clearedEventsDays && c.eventRows > 0 {
                steps.append(Step(kind: .deleteEvents, candidateId: c.candidateId, clearedAt: c.clearedAt, rows: c.eventRows))
            }
            if days >= policy.clearedPseudonymiseDays && !c.pseudonymised {
                steps.append(Step(kind: .pseudonymise, candidateId: c.candidateId, clearedAt: c.clearedAt, rows: 0))
            }
        }
        return steps
    }

    /// Carries out the plan in one transaction and returns the steps done.
    public func apply(analyst: String) throws -> [Step] {
        let analyst = try AnalystName.validated(analyst)
        let now = clock()
        let steps = try store.pool.writeWithoutTransaction { db -> [Step] in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            var done: [Step] = []
            try db.inTransaction(.immediate) {
                for var step in try plan(db, now: now) {
                    let note: String
                    switch step.kind {
                    case .deleteEvents:
                        step.rows = try RetentionStore.deleteEvents(db, candidateId: step.candidateId)
                        note = "Retention: \(step.rows) sign-in/endpoint event row(s) deleted, cleared more than "
                            + "\(policy.clearedEventsDays) days ago"
                    case .pseudonymise:
                        let pseudonym = "Pseudonymised " + String(HistoryChain.newSalt().prefix(8))
                        step.rows = try RetentionStore.pseudonymise(db, candidateId: step.candidateId, pseudonym: pseudonym, at: now)
                        let (erasure, entries) = try HistoryStore.redact(
                            db, candidateId: step.candidateId, at: now, analyst: analyst,
                            reason: "retention: pseudonymised \(policy.clearedPseudonymiseDays) days after clearing", rowsDeleted: step.rows)
                        note = "Retention: pseudonymised (identifying fields, payments and checks removed; \(entries) "
                            + "history note(s) redacted under erasure #\(erasure)), cleared more than "
                            + "\(policy.clearedPseudonymiseDays) days ago"
                    }
                    var entry = HistoryEntry(seq: nil, candidateId: step.candidateId, at: now, analyst: analyst,
                                             action: "retention", fromStatus: "cleared", toStatus: "cleared", reasonCode: step.kind.rawValue,
                                             note: note, prevHash: "", hash: "")
                    try HistoryChain.append(db, &entry)
                    done.append(step)
                }
                return .commit
            }
            return done
        }
        if !steps.isEmpty { _ = try store.pool.writeWithoutTransaction { db in try ErasureStore.compact(db) } }
        return steps
    }
}
