import Testing
import VetdeskCore
@testable import VetdeskTUI

@Suite struct DraftNoteTests {
    @Test func draftsSurviveAndAreReplacedPerCandidate() throws {
        let t = try TestStore()
        try t.store.saveDraft(DraftNote(analyst: "t1", candidateId: "C-001", action: "escalate", reasonCode: nil,
                                        text: "VP", updatedAt: 10))
        try t.store.saveDraft(DraftNote(analyst: "t1", candidateId: "C-001", action: "escalate",
                                        reasonCode: "laptop_farm", text: "VPN", updatedAt: 11))
        try t.store.saveDraft(DraftNote(analyst: "t2", candidateId: "C-002", action: "clear", reasonCode: nil,
                                        text: "other analyst", updatedAt: 12))
        // A second process opening the same file sees the draft (what a relaunch after SIGKILL does).
        let reopened = try Store(path: t.store.path)
        let drafts = try reopened.drafts(analyst: "t1")
        #expect(drafts == [DraftNote(analyst: "t1", candidateId: "C-001", action: "escalate",
                                     reasonCode: "laptop_farm", text: "VPN", updatedAt: 11)])
        try reopened.deleteDraft(analyst: "t1", candidateId: "C-001")
        #expect(try t.store.drafts(analyst: "t1").isEmpty)
        #expect(try t.store.drafts(analyst: "t2").count == 1)
    }

    @Test func recordingTheDecisionConsumesTheDraft() throws {
        let t = try TestStore()
        try t.store.saveDraft(DraftNote(analyst: "t1", candidateId: "C-001", action: "clear", reasonCode: nil,
                                        text: "benign", updatedAt: 10))
        _ = try CaseService(store: t.store).apply(.clear, to: "C-001", analyst: "t1", note: "benign",
                                                  expectedVersion: 0)
        #expect(try t.store.drafts(analyst: "t1").isEmpty)
    }
}
