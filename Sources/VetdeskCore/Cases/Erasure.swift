import Foundation
import GRDB

/// Erasure of one person (GDPR art. 17): their rows leave every table, their history entries keep only
/// the analyst, action, statuses, time and the commitment to the note, and a tombstone records who erased
/// whom, when and why. The hash chain still verifies (HistoryChain format v2); `audit verify` reports the
/// entries as redacted by this erasure. The file is vacuumed with secure_delete so no free page or WAL frame
/// keeps the values.
public struct Erasure: Sendable {
    public struct Report: Sendable, Equatable, Encodable {
        public var erasureId: Int64
        public var candidateId: String
        public var rowsDeleted: Int
        public var entriesRedacted: Int
        /// False when another connection kept the WAL from being reset; run `vetdesk erase --compact` later.
        public var compacted: Bool
    }

    public let store: Store
    let clock: @Sendable () -> Int64

    public init(store: Store, clock: @escaping @Sendable () -> Int64 = { Time.now() }) {
        self.store = store
        self.clock = clock
    }

    public func erase(candidateId: String, analyst: String, reason: String) throws -> Report {
        let analyst = try AnalystName.validated(analyst)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw VetdeskError.invalidArgument("an erasure needs a reason (e.g. the request's reference)") }
        let now = clock()
        let (id, rows, entries) = try store.pool.writeWithoutTransaction { db -> (Int64, Int, Int) in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            var out: (Int64, Int, Int) = (0, 0, 0)
            try db.inTransaction(.immediate) {
                guard try ErasureStore.candidateExists(db, id: candidateId) else {
                    throw VetdeskError.notFound("no candidate with id '\(Sanitize.forDisplay(candidateId))'")
                }
                let rows = try ErasureStore.deletePerson(db, id: candidateId)
                let (erasure, entries) = try HistoryStore.redact(db, candidateId: candidateId, at: now, analyst: analyst,
                                                                 reason: reason, rowsDeleted: rows)
                var entry = HistoryEntry(seq: nil, candidateId: candidateId, at: now, analyst: analyst, action: "erase",
                                         fromStatus: nil, toStatus: nil, reasonCode: nil,
                                         note: "Personal data erased (erasure #\(erasure)): \(reason)",
                                         prevHash: "", hash: "")
                try HistoryChain.append(db, &entry)
                out = (erasure, rows, entries)
                return .commit
            }
            return out
        }
        let compacted = try store.pool.writeWithoutTransaction { db in try ErasureStore.compact(db) }
        return Report(erasureId: id, candidateId: candidateId, rowsDeleted: rows, entriesRedacted: entries,
                      compacted: compacted)
    }

    /// Vacuums and resets the WAL again (after an erasure reported `compacted: false`).
    public func compact() throws -> Bool {
        try store.pool.writeWithoutTransaction { db in try ErasureStore.compact(db) }
    }
}
