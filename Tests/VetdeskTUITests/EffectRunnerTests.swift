import Foundation
import Testing
import VetdeskCore
@testable import VetdeskTUI

@Suite struct EffectRunnerTests {
    func runner(_ t: TestStore, readonly: Bool = false) -> EffectRunner {
        let paths = StorePaths.resolve(explicitStore: t.store.path,
                                       environment: ["HOME": t.dir, "XDG_DATA_HOME": t.dir + "/data"])
        return EffectRunner(store: t.store, options: ConsoleOptions(analyst: "t1", readonly: readonly, paths: paths),
                            themes: ThemeCatalog(directories: [ThemeTests.shippedDir]))
    }

    @Test func pollSeesAnotherConnectionsCommit() throws {
        let t = try TestStore()
        let r = runner(t)
        #expect(r.perform(.pollStore).isEmpty, "first poll only records the version")
        #expect(r.perform(.pollStore).isEmpty)
        let other = try Store(path: t.store.path)   // another process, as far as SQLite is concerned
        _ = try CaseService(store: other).apply(.note, to: "C-002", analyst: "t2", note: "seen", expectedVersion: nil)
        #expect(r.perform(.pollStore) == [.storeChanged])
        #expect(r.perform(.pollStore).isEmpty)
    }

    @Test func staleVersionIsReportedAsAConflict() throws {
        let t = try TestStore()
        let r = runner(t)
        _ = try CaseService(store: t.store).apply(.take, to: "C-001", analyst: "t2", note: "mine", expectedVersion: 0)
        let result = r.perform(.apply(.clear, ids: ["C-001"], note: "benign", expectedVersion: 0))
        guard case let .caseActionConflict(message, version)? = result.first else { Issue.record("\(result)"); return }
        #expect(message.contains("changed since you opened it"))
        #expect(version == 1, "the conflict carries the case's version now, for a deliberate retry")
        let ok = r.perform(.apply(.note, ids: ["C-001"], note: "looked", expectedVersion: 1))
        guard case let .caseActionDone(done)? = ok.first else { Issue.record("\(ok)"); return }
        #expect(done.contains("noted C-001"))
    }

    @Test func queueTotalsFromStatusCountsMatchACountOfTheRows() throws {
        let t = try TestStore()
        let r = runner(t)
        _ = r.perform(.loadCounts)
        for view in QuickView.allCases {
            var q = QueueQuery(limit: 60)
            view.apply(to: &q, analyst: "t1")
            let result = r.perform(.loadQueue(q, refresh: true))
            guard case let .queueLoaded(rows, _, total, _)? = result.first else { Issue.record("\(result)"); continue }
            #expect(total == (try t.store.queueCount(q)), "view \(view)")
            #expect(rows.count == total, "view \(view)")
        }
    }

    @Test func bulkReportsRefusals() throws {
        let t = try TestStore()
        let r = runner(t)
        let result = r.perform(.apply(.clear, ids: ["C-001", "C-404"], note: "batch", expectedVersion: nil))
        guard case let .caseActionDone(message)? = result.first else { Issue.record("\(result)"); return }
        #expect(message.contains("cleared 1 of 2"))
        #expect(message.contains("C-404"))
    }

    @Test func draftsAreNotWrittenInReadonlyMode() throws {
        let t = try TestStore()
        let d = DraftNote(analyst: "t1", candidateId: "C-001", action: "note", reasonCode: nil, text: "x", updatedAt: 1)
        _ = runner(t, readonly: true).perform(.saveDraft(d))
        #expect(try runner(t).drafts?.drafts(analyst: "t1").isEmpty == true)
        _ = runner(t).perform(.saveDraft(d))
        #expect(try runner(t).drafts?.drafts(analyst: "t1") == [d])
        let restored = runner(t).perform(.restoreDraft)
        #expect(restored == [.draftRestored(d, subject: "Kim Chol")])
    }

    @Test func exportWritesAnOwnerOnlyFile() throws {
        let t = try TestStore()
        let result = runner(t).perform(.export(ids: ["C-001"], format: "md"))
        guard case let .flash(message, .info)? = result.first,
              let path = message.components(separatedBy: " to ").last else { Issue.record("\(result)"); return }
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("Kim Chol"))
        let bad = runner(t).perform(.export(ids: ["C-001"], format: "docx"))
        guard case let .flash(text, .error)? = bad.first else { Issue.record("\(bad)"); return }
        #expect(text.contains("unknown export format"))
    }

    @Test func unknownThemeIsAFlashNotACrash() throws {
        let t = try TestStore()
        var applied: [String] = []
        let r = runner(t)
        r.onTheme = { applied.append($0.name) }
        #expect(r.perform(.loadTheme("light")) == [.themeApplied("light")])
        #expect(applied == ["light"])
        guard case let .themeFailed(message)? = r.perform(.loadTheme("nosuch")).first else { Issue.record("no error"); return }
        #expect(message.contains("no theme 'nosuch'"))
    }
}
