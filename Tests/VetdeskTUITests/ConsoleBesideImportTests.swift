import Foundation
import GRDB
import Testing
import VetdeskCore
@testable import VetdeskTUI

/// Drafts that respect conflicts, and long work off the UI thread (docs/imports-and-locking.md).
@Suite struct ConsoleBesideImportTests {
    let reducer = Reducer(panels: DetailPanels.all)

    func runner(_ t: TestStore, analyst: String = "t1") -> EffectRunner {
        let paths = StorePaths.resolve(explicitStore: t.store.path,
                                       environment: ["HOME": t.dir, "XDG_DATA_HOME": t.dir + "/data"])
        return EffectRunner(store: t.store, options: ConsoleOptions(analyst: analyst, paths: paths),
                            themes: ThemeCatalog(directories: [ThemeTests.shippedDir]))
    }

    /// Feeds effects to the runner and their actions back to the reducer, as ConsoleRuntime does.
    func run(_ s: inout AppState, _ r: EffectRunner, _ effects: [Effect]) {
        var pending = effects
        while !pending.isEmpty {
            for action in r.perform(pending.removeFirst()) { pending += reducer.update(&s, action) }
        }
    }

    func type(_ s: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reducer.handleKey(&s, .char($0)) }
    }

    /// Alice starts clearing C-001 and her session drops; Bob escalates it; Alice's restored draft
    /// shows the same conflict, word for word, that a live dialog shows, and her Enter is then a
    /// deliberate override instead of a silent one.
    @Test func aRestoredDraftWhoseCaseChangedShowsTheLiveConflict() throws {
        let t = try TestStore()
        let alice = runner(t)
        var before = loadedState(try t.rows())
        _ = reducer.handleKey(&before, .char("c"))
        #expect(before.dialog?.expectedVersion == 0)
        run(&before, alice, type(&before, "benign, verified by HR"))   // the draft is saved per keystroke
        #expect(try alice.drafts?.drafts(analyst: "t1").first?.caseVersion == 0)

        let bob = CaseService(store: try Store(path: t.store.path), clock: { 1_772_435_640 })
        _ = try bob.apply(.escalate(reason: "laptop_farm"), to: "C-001", analyst: "bob", note: "ships to a forwarder",
                          expectedVersion: 0)

        // Alice relaunches: the draft comes back with the conflict on it.
        var restored = AppState(width: 80, height: 24, storeName: "x", analyst: "t1")
        let relaunched = runner(t)
        run(&restored, relaunched, reducer.update(&restored, .start(now: 1_772_435_700)))
        #expect(restored.dialog == nil, "the queue comes first; the draft follows its first frame")
        run(&restored, relaunched, reducer.update(&restored, .firstFrameDrawn))
        #expect(restored.dialog?.text == "benign, verified by HR")
        let error = try #require(restored.dialog?.error)
        #expect(error.contains("now escalated by bob at 2026-03-02T07:14:00Z"))

        // The live conflict: a dialog opened on version 0, submitted after Bob's escalation.
        var live = before
        run(&live, alice, [reducer.handleKey(&live, .enter)].flatMap { $0 })
        #expect(live.dialog?.error == error, "the restored dialog says what a live conflict says")
        #expect(live.flash?.text == restored.flash?.text)

        // Enter now sends Alice's clear knowingly, on the version she was shown; the workflow then
        // refuses to clear an escalated case, and says so, instead of anything happening silently.
        let effects = reducer.handleKey(&restored, .enter)
        #expect(effects == [.apply(.clear, ids: ["C-001"], note: "benign, verified by HR", expectedVersion: 1)])
        run(&restored, runner(t), effects)
        #expect(restored.dialog?.error?.contains("already escalated") == true)
        #expect(try t.store.pool.read { try String.fetchOne($0, sql: "SELECT status FROM case_file WHERE candidate_id = 'C-001'") } == "escalated")
    }

    @Test func aRestoredNoteOnAChangedCaseIsSentOnlyAfterTheConflictWasShown() throws {
        let t = try TestStore()
        let r = runner(t)
        try r.drafts?.save(DraftNote(analyst: "t1", candidateId: "C-003", action: "note", reasonCode: nil,
                                     text: "called the agency", updatedAt: 5, caseVersion: 0))
        _ = try CaseService(store: t.store).apply(.note, to: "C-003", analyst: "bob", note: "HR confirmed", expectedVersion: 0)
        var s = AppState(width: 80, height: 24, storeName: "x", analyst: "t1")
        run(&s, r, reducer.update(&s, .start(now: 1_772_435_700)))
        run(&s, r, reducer.update(&s, .firstFrameDrawn))
        #expect(s.dialog?.error?.contains("changed since you opened it (version 0, now 1)") == true)
        let effects = reducer.handleKey(&s, .enter)
        #expect(effects == [.apply(.note, ids: ["C-003"], note: "called the agency", expectedVersion: 1)])
        run(&s, r, effects)
        #expect(s.dialog == nil)
        #expect(try r.drafts?.drafts(analyst: "t1").isEmpty == true, "the note consumed the draft")
    }

    @Test func aRestoredDraftOfAnUnchangedCaseShowsNoConflict() throws {
        let t = try TestStore()
        let r = runner(t)
        try r.drafts?.save(DraftNote(analyst: "t1", candidateId: "C-003", action: "note", reasonCode: nil,
                                     text: "still typing", updatedAt: 5, caseVersion: 0))
        let actions = r.perform(.restoreDraft)
        #expect(actions.count == 1)
        var s = AppState(width: 80, height: 24, storeName: "x", analyst: "t1")
        for a in actions { _ = reducer.update(&s, a) }
        #expect(s.dialog?.error == nil && s.dialog?.expectedVersion == 0)
    }

    /// A bulk decision runs on the job thread: perform returns at once even though the store's write
    /// lock is held by someone else, drafts and reads still work meanwhile, and the result, with its
    /// progress, arrives as actions once the lock is free.
    @Test func aBulkDecisionRunsOffTheUIThread() throws {
        let t = try TestStore()
        let r = runner(t)
        let jobs = BackgroundJobs()
        r.background = jobs
        let holder = try DatabaseQueue(path: t.store.path)
        var started: [Action] = []
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            started = r.perform(.apply(.note, ids: ["C-001", "C-002", "C-003"], note: "batch", expectedVersion: nil))
            // The UI thread is free: a keystroke's draft is saved, a candidate is read.
            #expect(r.perform(.saveDraft(DraftNote(analyst: "t1", candidateId: "C-004", action: "note", reasonCode: nil,
                                                   text: "meanwhile", updatedAt: 9))).isEmpty)
            #expect(r.perform(.loadDetail("C-001")).first.map { if case .detailLoaded = $0 { true } else { false } } == true)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM history") == 0, "the bulk waits for the lock")
            try db.execute(sql: "ROLLBACK")
        }
        #expect(started == [.jobStarted("noting 3 candidates")])
        jobs.waitUntilIdle()
        let posted = jobs.drain()
        #expect(posted == [.jobProgress("0 of 3"), .caseActionDone("noted 3 candidates"), .jobFinished])
        #expect(try t.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM history") } == 3)
    }

    @Test func anExportReportsItsStepsAndItsFile() throws {
        let t = try TestStore()
        let r = runner(t)
        let jobs = BackgroundJobs()
        r.background = jobs
        #expect(r.perform(.export(ids: ["C-001", "C-002"], format: "md")) == [.jobStarted("exporting 2 cases as md")])
        jobs.waitUntilIdle()
        let posted = jobs.drain()
        #expect(Array(posted.prefix(3)) == [.jobProgress("reading"), .jobProgress("rendering 2"), .jobProgress("writing")])
        guard posted.count == 5, case let .flash(message, .info) = posted[3] else { Issue.record("\(posted)"); return }
        #expect(message.hasPrefix("exported 2 cases to "))
        #expect(posted.last == .jobFinished)
    }

    /// A live import commits the candidate, then its rescore commits its score: the console may see
    /// both, and the arrival must stay marked new, not "changed".
    @Test func anArrivalScoredAfterItWasSeenStaysMarkedNew() throws {
        let t = try TestStore()
        var s = loadedState(try t.rows())
        try t.add([TestStore.Person(id: "C-900", name: "Live Arrival", openedAt: Int64(s.now) + 1)])
        _ = reducer.update(&s, .queueLoaded(rows: try t.rows(), offset: 0, total: 5, refresh: true))
        #expect(s.changes["C-900"]?.kind == .new)
        try t.store.pool.write { try $0.execute(sql: "UPDATE case_file SET risk_score = 49, version = version + 1 WHERE candidate_id = 'C-900'") }
        _ = reducer.update(&s, .queueLoaded(rows: try t.rows(), offset: 0, total: 5, refresh: true))
        #expect(s.changes["C-900"]?.kind == .new)
    }

    /// While a job runs the console stays usable (typing, moving), its progress is on the bottom
    /// line, and a second long job is refused until the first is done.
    @Test func theJobIsShownAndASecondOneWaits() throws {
        var s = loadedState(try TestStore().rows())
        _ = reducer.update(&s, .jobStarted("exporting 2 cases as md"))
        _ = reducer.update(&s, .jobProgress("rendering 2"))
        let bottom = RootView.render(s, panels: reducer.panels).lines.last ?? ""
        #expect(bottom.contains("exporting 2 cases as md: rendering 2"))
        #expect(reducer.handleKey(&s, .char("x")).isEmpty)
        #expect(s.flash?.text.contains("still exporting 2 cases") == true)
        _ = reducer.handleKey(&s, .char("j"))
        #expect(s.queue.selected == 1, "keys still move the selection")
        _ = reducer.handleKey(&s, .char("n"))
        #expect(type(&s, "ok").count == 2, "a note is typed and drafted as usual")
        _ = reducer.update(&s, .jobFinished)
        #expect(s.job == nil)
        s.dialog = nil
        #expect(reducer.handleKey(&s, .char("x")).count == 1)
    }
}
