import Crypto
import Foundation
import GRDB

/// The hash chain over `history`: entry n's hash = SHA-256(canonical(entry n) including prev_hash = hash of n-1).
/// The head (last seq and hash) is also kept in `history_head`, so removing entries from the end is detected.
///
/// Format v2 (migration v6) hashes a salted commitment to the note, SHA-256(salt ":" note), instead of the
/// note itself. Erasing a person (GDPR art. 17) empties the note and drops the salt; the commitment stays,
/// so the chain still verifies and `audit verify` reports the entry as redacted by that erasure. Every other
/// field is hashed as written. Entries without a commitment (format v1) hash the note directly.
enum HistoryChain {
    static let genesis = String(repeating: "0", count: 64)

    /// SHA-256(salt ":" note) in hex. The random salt stops anyone guessing an erased note from its commitment.
    static func commitment(note: String, salt: String) -> String {
        hex(SHA256.hash(data: Data((salt + ":" + note).utf8)))
    }

    static func newSalt() -> String {
        var rng = SystemRandomNumberGenerator()
        return hex((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &rng) })
    }

    /// Gives the entry a fresh salt and the commitment to its note (format v2).
    static func commit(_ e: inout HistoryEntry) {
        let salt = newSalt()
        e.noteSalt = salt
        e.noteCommitment = commitment(note: e.note, salt: salt)
    }

    /// Length-prefixed fields in a fixed order: unambiguous whatever the text contains, and independent of
    /// any JSON encoder's choices. NULL is written as "-", distinct from an empty string ("0:").
    static func canonical(_ e: HistoryEntry, seq: Int64) -> Data {
        let v2 = e.noteCommitment != nil
        var out = v2 ? "vetdesk-history-v2\n" : "vetdesk-history-v1\n"
        func field(_ name: String, _ value: String?) {
            if let value { out += "\(name)=\(value.utf8.count):\(value)\n" } else { out += "\(name)=-\n" }
        }
        field("seq", String(seq))
        field("candidate_id", e.candidateId)
        field("at", String(e.at))
        field("analyst", e.analyst)
        field("action", e.action)
        field("from_status", e.fromStatus)
        field("to_status", e.toStatus)
        field("reason_code", e.reasonCode)
        if v2 { field("note_commitment", e.noteCommitment) } else { field("note", e.note) }
        field("prev_hash", e.prevHash)
        // Added with migration v5: only entries that carry an attribution hash these fields, so every
        // entry written before keeps its hash and old chains verify unchanged.
        if e.attribution != nil || e.attributionConfidence != nil {
            field("attribution", e.attribution)
            field("attribution_confidence", e.attributionConfidence.map { String($0) })
        }
        return Data(out.utf8)
    }

    static func hash(_ e: HistoryEntry, seq: Int64) -> String {
        hex(SHA256.hash(data: canonical(e, seq: seq)))
    }

    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0F)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends after the recorded head (not after whatever row is last), so an append made after
    /// a truncation still points at the removed entry and the gap stays visible.
    static func append(_ db: Database, _ entry: inout HistoryEntry) throws {
        let tip = try HistoryStore.head(db) ?? HistoryStore.lastLink(db) ?? (seq: 0, hash: genesis)
        let seq = tip.seq + 1
        entry.seq = seq
        entry.prevHash = tip.hash
        commit(&entry)
        entry.hash = hash(entry, seq: seq)
        try HistoryStore.insert(db, entry)
        try HistoryStore.setHead(db, seq: seq, hash: entry.hash)
    }

    static func verify(_ db: Database) throws -> AuditReport {
        var expectedSeq: Int64 = 1
        var prevHash = genesis
        var checked = 0
        var redacted: [Int64: Int] = [:]   // erasure id -> entries it emptied
        func report(_ kind: AuditReport.ProblemKind, _ seq: Int64?, _ candidate: String?, _ message: String) -> AuditReport {
            AuditReport(entriesChecked: checked, headSeq: nil, headHash: nil,
                        problem: .init(kind: kind, seq: seq, candidateId: candidate, message: message))
        }
        let cursor = try HistoryStore.allEntries(db)
        while let e = try cursor.next() {
            let seq = e.seq ?? 0
            if seq != expectedSeq {
                return report(.missing, expectedSeq, nil, seq > expectedSeq
                    ? "history entry \(expectedSeq) is missing (the next entry is \(seq)): removed"
                    : "history entry \(seq) is out of order after \(expectedSeq - 1)")
            }
            if let commitment = e.noteCommitment {
                if let salt = e.noteSalt {
                    if HistoryChain.commitment(note: e.note, salt: salt) != commitment {
                        return report(.altered, seq, e.candidateId,
                                      "history entry \(seq) (case \(e.candidateId), \(e.action) by \(e.analyst)) was "
                                      + "altered: its note no longer matches the commitment the chain holds")
                    }
                } else if let erasure = e.erasedBy, e.note.isEmpty, try HistoryStore.erasureExists(db, id: erasure) {
                    redacted[erasure, default: 0] += 1
                } else {
                    return report(.altered, seq, e.candidateId,
                                  "history entry \(seq) (case \(e.candidateId)) lost its note's salt without a recorded "
                                  + "erasure: altered")
                }
            }
            let recomputed = hash(e, seq: seq)
            if recomputed != e.hash {
                return report(.altered, seq, e.candidateId,
                              "history entry \(seq) (case \(e.candidateId), \(e.action) by \(e.analyst)) was altered "
                              + "or moved: its content hashes to \(recomputed.prefix(12))…, stored \(e.hash.prefix(12))…")
            }
            if e.prevHash != prevHash {
                return report(.brokenLink, seq, e.candidateId,
                              "history entry \(seq) (case \(e.candidateId)) does not follow entry \(seq - 1): "
                              + "prev_hash \(e.prevHash.prefix(12))… ≠ \(prevHash.prefix(12))…; an entry before it was "
                              + "altered, replaced or reordered")
            }
            prevHash = e.hash
            expectedSeq += 1
            checked += 1
        }
        let lastSeq = expectedSeq - 1
        let head = try HistoryStore.headIfPresent(db)
        if let head {
            if head.seq > lastSeq {
                return report(.truncated, lastSeq + 1, nil,
                              "history entries \(lastSeq + 1)…\(head.seq) are missing: the chain head records \(head.seq) "
                              + "entries but only \(lastSeq) exist (tail removed)")
            }
            if head.seq < lastSeq {
                return report(.headMismatch, head.seq + 1, nil,
                              "history entry \(head.seq + 1) was added outside Vetdesk: the chain head stops at \(head.seq)")
            }
            if head.hash != prevHash {
                return report(.headMismatch, lastSeq, nil,
                              "the chain head's hash does not match history entry \(lastSeq): head or entry replaced")
            }
        } else if lastSeq > 0 {
            return report(.headMismatch, lastSeq, nil, "the chain head record is missing (history_head removed)")
        }
        if let autoincrement = try HistoryStore.autoincrementHighWater(db), autoincrement > lastSeq {
            return report(.truncated, lastSeq + 1, nil,
                          "history entries \(lastSeq + 1)…\(autoincrement) are missing: SQLite issued seq \(autoincrement) "
                          + "but the chain ends at \(lastSeq) (tail removed)")
        }
        if let mismatch = try HistoryStore.firstCaseStateMismatch(db) {
            return report(.caseStateMismatch, mismatch.seq, mismatch.candidateId,
                          "case \(mismatch.candidateId) is '\(mismatch.caseStatus)' but its last history entry "
                          + "(\(mismatch.seq)) says '\(mismatch.historyStatus)': case_file edited outside Vetdesk")
        }
        var result = AuditReport(entriesChecked: checked, headSeq: lastSeq > 0 ? lastSeq : nil,
                                 headHash: lastSeq > 0 ? prevHash : nil, problem: nil)
        result.redactions = redacted.sorted { $0.key < $1.key }.map { .init(erasure: $0.key, entries: $0.value) }
        result.rechained = try HistoryStore.rechainRecords(db)
        return result
    }
}
