import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Right to erasure: the person's data leaves every table and the file itself, the history still verifies,
/// and `audit verify` says which entries an erasure redacted.
@Suite struct ErasureTests {
    static let secrets = ["Zebediah Quarterfield", "zq-unique-7731@example.net", "+447700900731",
                          "17 Wobbleton Lane", "GB33BUKB20201555555555", "198.51.100.231",
                          "Zebediah read answers off a second screen"]

    func fixture() throws -> (CaseFixture, CaseService) {
        let f = try CaseFixture()
        try f.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO candidate(id, full_name, email, phone, address, declared_country, updated_at)
                  VALUES ('C-7', 'Zebediah Quarterfield', 'zq-unique-7731@example.net', '+447700900731', '17 Wobbleton Lane', 'GB', 0);
                INSERT INTO case_file(candidate_id, status, risk_score, risk_band, opened_at, updated_at, version)
                  VALUES ('C-7', 'new', 40, 'medium', 0, 0, 0);
                INSERT INTO candidate_account(account, candidate_id) VALUES ('zq-unique-7731@example.net', 'C-7');
                INSERT INTO payment_account(id, account_type, identifier, holder_name, iban)
                  VALUES (70, 'iban', 'GB33BUKB20201555555555', 'Zebediah Quarterfield', 'GB33BUKB20201555555555');
                INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES ('P-70', 'wise', 0, 'C-7', 70, '10', 'GBP');
                INSERT INTO login_event(source, source_id, candidate_id, account, occurred_at, ip, outcome, event_key)
                  VALUES ('okta', 'e-70', 'C-7', 'zq-unique-7731@example.net', 0, '198.51.100.231', 'success', 7070);
                INSERT INTO ip_info(ip, country, looked_up_at) VALUES ('198.51.100.231', 'GB', 0);
                INSERT INTO login_ip_use VALUES ('C-7', '198.51.100.231', 0, 0, 1);
                """)
        }
        let s = CaseService(store: f.store, clock: { CaseFixture.t0 })
        try s.apply(.note, to: "C-2", analyst: "bob", note: "Unrelated note that must stay", expectedVersion: nil)
        try s.apply(.escalate(reason: "other"), to: "C-7", analyst: "alice", note: "Zebediah read answers off a second screen",
                    expectedVersion: nil)
        try s.apply(.reopen, to: "C-7", analyst: "alice", note: "Zebediah Quarterfield explained: interpreter", expectedVersion: nil)
        try s.apply(.clear, to: "C-7", analyst: "alice", note: "No concern", expectedVersion: nil)
        return (f, s)
    }

    func fileBytes(_ f: CaseFixture) throws -> Data {
        var data = Data()
        for suffix in ["", "-wal", "-journal"] {
            if let d = FileManager.default.contents(atPath: f.dir + "/t.sqlite" + suffix) { data.append(d) }
        }
        return data
    }

    @Test func erasureRemovesThePersonFromEveryTableAndTheFile() throws {
        let (f, s) = try fixture()
        defer { f.remove() }
        for secret in Self.secrets { #expect(try fileBytes(f).range(of: Data(secret.utf8)) != nil, "fixture lacks \(secret)") }

        let report = try Erasure(store: f.store, clock: { CaseFixture.t0 + 60 })
            .erase(candidateId: "C-7", analyst: "dpo", reason: "DSR-2026-114")
        #expect(report.entriesRedacted == 3 && report.rowsDeleted >= 8 && report.compacted)

        for secret in Self.secrets {
            #expect(try fileBytes(f).range(of: Data(secret.utf8)) == nil, "\(secret) is still in the store file")
        }
        try f.store.pool.read { db in
            for table in try ErasureStore.personTables(db) {
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE candidate_id = 'C-7'") == 0, "\(table)")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE id = 'C-7'") == 0)
            #expect(try String.fetchOne(db, sql: "SELECT reason FROM erasure WHERE candidate_id = 'C-7'") == "DSR-2026-114")
            // Other people's data and notes stay.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") == 4)
        }
        #expect(try s.history("C-2").map(\.note) == ["Unrelated note that must stay"])
        let kept = try s.history("C-7")
        #expect(kept.map(\.action) == ["escalate", "reopen", "clear", "erase"])
        #expect(kept.dropLast().allSatisfy { $0.note.isEmpty && $0.erasedBy == report.erasureId })

        let audit = try s.verifyChain()
        #expect(audit.isIntact, "\(audit.problem?.message ?? "")")
        #expect(audit.redactionSummary == "3 entries redacted by erasure #\(report.erasureId)")
    }

    @Test func onlyAnErasureMayEmptyANoteAndAForgedOneIsCaught() throws {
        let (f, s) = try fixture()
        defer { f.remove() }
        // The trigger refuses emptying a note without a recorded erasure.
        #expect(throws: DatabaseError.self) {
            try f.store.pool.write { db in
                try db.execute(sql: "UPDATE history SET note = '', note_salt = NULL, erased_by = 99 WHERE candidate_id = 'C-7'")
            }
        }
        // With the triggers dropped, a note emptied without an erasure row is reported as altered.
        try f.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER history_no_update; UPDATE history SET note = '', note_salt = NULL WHERE seq = 3")
        }
        let p = try #require(try s.verifyChain().problem)
        #expect(p.kind == .altered && p.seq == 3)
    }

    @Test func anEditedNoteNoLongerMatchesItsCommitment() throws {
        let (f, s) = try fixture()
        defer { f.remove() }
        try f.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER history_no_update; UPDATE history SET note = 'softened' WHERE seq = 2")
        }
        let p = try #require(try s.verifyChain().problem)
        #expect(p.kind == .altered && p.seq == 2 && p.message.contains("commitment"))
    }

    @Test func anErasureNeedsAReasonAndAKnownPerson() throws {
        let (f, _) = try fixture()
        defer { f.remove() }
        #expect(throws: VetdeskError.self) { try Erasure(store: f.store).erase(candidateId: "C-7", analyst: "dpo", reason: " ") }
        #expect(throws: VetdeskError.self) { try Erasure(store: f.store).erase(candidateId: "C-404", analyst: "dpo", reason: "x") }
    }

    /// A store whose chain was written in format v1 (before migration v6) is re-hashed on open; the v1 head
    /// stays on record and an anchor taken from it is still accepted.
    @Test func aV1ChainIsRechainedAndItsOldAnchorStillMatches() throws {
        let dir = NSTemporaryDirectory() + "vetdesk-rechain-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/t.sqlite"
        var v1Head = ""
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator().migrate(queue, upTo: "v5-history-attribution")
            try queue.write { db in
                var prev = HistoryChain.genesis
                for seq in Int64(1)...3 {
                    var e = HistoryEntry(seq: seq, candidateId: "C-1", at: 100 + seq, analyst: "alice", action: "note",
                                         fromStatus: "new", toStatus: "new", reasonCode: nil, note: "old note \(seq)",
                                         prevHash: prev, hash: "")
                    e.hash = HistoryChain.hash(e, seq: seq)   // v1: no commitment
                    try db.execute(sql: """
                        INSERT INTO history(seq, candidate_id, at, analyst, action, from_status, to_status, note, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [seq, e.candidateId, e.at, e.analyst, e.action, e.fromStatus, e.toStatus, e.note,
                                         e.prevHash, e.hash])
                    try HistoryStore.setHead(db, seq: seq, hash: e.hash)
                    prev = e.hash
                }
                v1Head = prev
            }
        }
        let store = try Store(path: path)
        let s = CaseService(store: store)
        let report = try s.verifyChain()
        #expect(report.isIntact && report.entriesChecked == 3)
        #expect(report.rechained.count == 1 && report.rechained[0].v1HeadHash == v1Head && report.rechained[0].v1Problem == nil)
        #expect(report.headHash != v1Head)
        #expect(try s.checkAnchor(report, seq: 3, hash: v1Head).isIntact)
        #expect(try s.history("C-1").allSatisfy { $0.noteCommitment != nil && $0.note.hasPrefix("old note") })
    }
}
