import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Tampering by direct SQL on the store file: the attacker drops the append-only triggers first.
@Suite struct AuditChainTests {
    /// Ten entries over three cases, then the triggers dropped as an attacker with the file would.
    func tamperable() throws -> (CaseFixture, CaseService) {
        let f = try CaseFixture()
        let s = CaseService(store: f.store, clock: { CaseFixture.t0 + 60 })
        for id in ["C-1", "C-2", "C-3"] {
            try s.apply(.take, to: id, analyst: "alice", note: "take \(id)", expectedVersion: nil)
            try s.apply(.note, to: id, analyst: "alice", note: "note \(id)", expectedVersion: nil)
            try s.apply(.escalate(reason: "other"), to: id, analyst: "alice", note: "escalate \(id)", expectedVersion: nil)
        }
        try s.apply(.refer(to: "hr"), to: "C-1", analyst: "bob", note: "to HR", expectedVersion: nil)
        try f.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER history_no_update; DROP TRIGGER history_no_delete")
        }
        return (f, s)
    }

    func sql(_ f: CaseFixture, _ statements: String) throws {
        try f.store.pool.write { db in try db.execute(sql: statements) }
    }

    @Test func intactChainVerifies() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        let r = try s.verifyChain()
        #expect(r.isIntact && r.entriesChecked == 10 && r.headSeq == 10)
        #expect(r.headHash == (try s.history("C-1").last?.hash))
    }

    @Test func triggersRefuseEditsWhileInPlace() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        try CaseService(store: f.store).apply(.note, to: "C-1", analyst: "a", note: "n", expectedVersion: nil)
        #expect(throws: DatabaseError.self) { try sql(f, "UPDATE history SET note = 'x'") }
        #expect(throws: DatabaseError.self) { try sql(f, "DELETE FROM history") }
    }

    @Test func editedNoteIsNamed() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        try sql(f, "UPDATE history SET note = 'nothing to see' WHERE seq = 6")
        let p = try #require(try s.verifyChain().problem)
        #expect(p.kind == .altered && p.seq == 6 && p.candidateId == "C-2")
        #expect(p.message.contains("history entry 6"))
    }

    @Test func editWithRecomputedHashBreaksTheNextLink() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        var e = try #require(try s.history("C-2").first { $0.seq == 5 })
        e.analyst = "mallory"
        let forged = HistoryChain.hash(e, seq: 5)
        try f.store.pool.write { db in
            try db.execute(sql: "UPDATE history SET analyst = 'mallory', hash = ? WHERE seq = 5", arguments: [forged])
        }
        let p = try #require(try s.verifyChain().problem)
        #expect(p.kind == .brokenLink && p.seq == 6)
    }

    @Test func deletedEntryIsNamed() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        try sql(f, "DELETE FROM history WHERE seq = 4")
        let p = try #require(try s.verifyChain().problem)
        #expect(p.kind == .missing && p.seq == 4)
    }

    @Test func deletedAndRenumberedEntriesAreNamed() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        try sql(f, "DELETE FROM history WHERE seq = 4; UPDATE history SET seq = seq - 1 WHERE seq > 4")
        let p = try #require(try s.verifyChain().problem)
        #expect(p.seq == 4 && p.kind == .altered)
    }

    @Test func reorderedEntriesAreNamed() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        try sql(f, "UPDATE history SET seq = 100 WHERE seq = 3; UPDATE history SET seq = 3 WHERE seq = 7; UPDATE history SET seq = 7 WHERE seq = 100")
        let p = try #require(try s.verifyChain().problem)
        #expect(p.seq == 3 && p.kind == .altered)
    }

    @Test func truncatedTailIsDetected() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        try sql(f, "DELETE FROM history WHERE seq >= 9")
        let p = try #require(try s.verifyChain().problem)
        #expect(p.kind == .truncated && p.seq == 9)
        #expect(p.message.contains("9…10"))
    }

    @Test func truncationStaysVisibleAfterLaterDecisions() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        try sql(f, "DELETE FROM history WHERE seq >= 9; DELETE FROM history_head; DELETE FROM sqlite_sequence")
        #expect(try s.verifyChain().problem?.kind == .headMismatch)
        // The attacker's fix-up hides nothing from the next honest append: it links after entry 8 again...
        try s.apply(.note, to: "C-3", analyst: "alice", note: "later", expectedVersion: nil)
        // ...but the case files still disagree with the truncated history.
        #expect(try s.verifyChain().isIntact == false)
    }

    @Test func truncatedTailWithHeadRemovedIsDetected() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        try sql(f, "DELETE FROM history WHERE seq = 10; DROP TABLE history_head")
        let p = try #require(try s.verifyChain().problem)
        #expect(p.kind == .headMismatch)
    }

    @Test func headPointingPastTheEndIsTruncation() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        try sql(f, "DELETE FROM history WHERE seq = 10; UPDATE sqlite_sequence SET seq = 9 WHERE name = 'history'")
        let p = try #require(try s.verifyChain().problem)
        #expect(p.kind == .truncated && p.seq == 10)
    }

    @Test func directCaseStatusEditIsDetected() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        try sql(f, "UPDATE case_file SET status = 'cleared' WHERE candidate_id = 'C-2'")
        let p = try #require(try s.verifyChain().problem)
        #expect(p.kind == .caseStateMismatch && p.candidateId == "C-2")
    }

    @Test func externalAnchorCatchesAFullRewrite() throws {
        let (f, s) = try tamperable()
        defer { f.remove() }
        let anchor = try s.verifyChain()
        #expect(try s.checkAnchor(anchor, seq: 10, hash: anchor.headHash!) == anchor)
        // Rewrite entry 2 and recompute every later hash and the head: internally consistent again.
        try f.store.pool.write { db in
            var prev = try String.fetchOne(db, sql: "SELECT hash FROM history WHERE seq = 1")!
            for var e in try HistoryEntry.fetchAll(db, sql: "SELECT * FROM history WHERE seq >= 2 ORDER BY seq") {
                if e.seq == 2 { e.note = "rewritten"; HistoryChain.commit(&e) }   // a fresh commitment too
                e.prevHash = prev
                e.hash = HistoryChain.hash(e, seq: e.seq!)
                try db.execute(sql: "UPDATE history SET note = ?, note_salt = ?, note_commitment = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                               arguments: [e.note, e.noteSalt, e.noteCommitment, e.prevHash, e.hash, e.seq])
                prev = e.hash
            }
            try db.execute(sql: "UPDATE history_head SET hash = ?", arguments: [prev])
        }
        let rewritten = try s.verifyChain()
        #expect(rewritten.isIntact, "a full rewrite is not detectable from inside the store")
        let checked = try s.checkAnchor(rewritten, seq: anchor.headSeq!, hash: anchor.headHash!)
        #expect(checked.problem?.kind == .headMismatch && checked.problem?.seq == 10)
    }

    @Test func canonicalFormIsUnambiguous() {
        let a = HistoryEntry(seq: 1, candidateId: "C-1", at: 1, analyst: "ab", action: "note", fromStatus: nil,
                             toStatus: nil, reasonCode: nil, note: "c", prevHash: HistoryChain.genesis, hash: "")
        var b = a
        b.analyst = "a"; b.note = "bc"
        var c = a
        c.reasonCode = ""
        #expect(HistoryChain.hash(a, seq: 1) != HistoryChain.hash(b, seq: 1))
        #expect(HistoryChain.hash(a, seq: 1) != HistoryChain.hash(c, seq: 1))
        #expect(HistoryChain.hash(a, seq: 1) != HistoryChain.hash(a, seq: 2))
        #expect(HistoryChain.hash(a, seq: 1).count == 64)
    }
}
