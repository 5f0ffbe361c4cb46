import Foundation
import GRDB
import Testing
import VetdeskCore
@testable import VetdeskTUI

@Suite struct DraftNoteTests {
    func book(_ t: TestStore) throws -> DraftBook {
        try DraftBook(path: t.dir + "/state/drafts.sqlite", storePath: t.store.path)
    }

    @Test func draftsSurviveAndAreReplacedPerCandidate() throws {
        let t = try TestStore()
        let b = try book(t)
        try b.save(DraftNote(analyst: "t1", candidateId: "C-001", action: "escalate", reasonCode: nil, text: "VP",
                             updatedAt: 10, caseVersion: 0))
        try b.save(DraftNote(analyst: "t1", candidateId: "C-001", action: "escalate", reasonCode: "laptop_farm",
                             text: "VPN", updatedAt: 11, caseVersion: 0))
        try b.save(DraftNote(analyst: "t2", candidateId: "C-002", action: "clear", reasonCode: nil,
                             text: "other analyst", updatedAt: 12))
        // A second process opening the same file sees the draft (what a relaunch after SIGKILL does).
        let reopened = try book(t)
        #expect(try reopened.drafts(analyst: "t1") == [DraftNote(analyst: "t1", candidateId: "C-001", action: "escalate",
                                                                reasonCode: "laptop_farm", text: "VPN", updatedAt: 11,
                                                                caseVersion: 0)])
        try reopened.delete(analyst: "t1", candidateId: "C-001")
        #expect(try b.drafts(analyst: "t1").isEmpty)
        #expect(try b.drafts(analyst: "t2").count == 1)
        // Drafts belong to their store: the same file seen for another store holds none.
        let other = try DraftBook(path: b.path, storePath: t.dir + "/other.sqlite")
        #expect(try other.drafts(analyst: "t2").isEmpty)
    }

    /// A keystroke's draft is saved while another connection holds the store's write lock (what a
    /// long import transaction did): drafts live outside the store. Before, this waited 10 s and failed.
    @Test func savingADraftNeverWaitsForTheStoresWriteLock() throws {
        let t = try TestStore()
        let b = try book(t)
        let impatient = try Store(path: t.store.path, busyTimeout: 0)
        let holder = try DatabaseQueue(path: t.store.path)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "UPDATE case_file SET risk_score = risk_score WHERE candidate_id = 'C-001'")
            // Proof that the lock is held: a writer that may not wait is refused.
            #expect(throws: DatabaseError.self) {
                try CaseService(store: impatient).apply(.note, to: "C-002", analyst: "t2", note: "x", expectedVersion: nil)
            }
            try b.save(DraftNote(analyst: "t1", candidateId: "C-001", action: "note", reasonCode: nil,
                                 text: "typed during the import", updatedAt: 20, caseVersion: 0))
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try b.drafts(analyst: "t1").first?.text == "typed during the import")
    }

    @Test func legacyDraftsInTheStoreAreAdoptedOnce() throws {
        let t = try TestStore()
        try t.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO draft_note (analyst, candidate_id, action, reason_code, text, updated_at)
                VALUES ('t1', 'C-003', 'clear', NULL, 'from an older version', 7)
                """)
        }
        let b = try book(t)
        try b.adoptLegacyDrafts(from: t.store, analyst: "t1")
        #expect(try b.drafts(analyst: "t1") == [DraftNote(analyst: "t1", candidateId: "C-003", action: "clear",
                                                         reasonCode: nil, text: "from an older version", updatedAt: 7)])
        #expect(try t.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM draft_note") } == 0)
    }
}
