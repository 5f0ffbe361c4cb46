import GRDB
import Testing
import VetdeskCore
@testable import VetdeskTUI

@Suite struct ReducerTests {
    let reducer = Reducer(panels: DetailPanels.all)

    func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reducer.handleKey(&s, $0) }
    }

    func type(_ s: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reducer.handleKey(&s, .char($0)) }
    }

    @Test func startLoadsOnlyTheFirstPageThenCountsAfterTheFirstFrame() throws {
        var s = AppState(width: 80, height: 24, storeName: "x", analyst: "t1")
        let effects = reducer.update(&s, .start(now: 100))
        #expect(effects == [.loadFirstPage(QueueQuery(limit: 60, offset: 0))],
                "nothing is counted, and no draft opened, before the first frame")
        let rows = try TestStore().rows()
        _ = reducer.update(&s, .firstPageLoaded(rows: rows))
        #expect(s.queue.totalPending)
        let g = RootView.render(s, panels: reducer.panels)
        #expect(g.lines[1].hasSuffix("1/…"), "the total is not claimed before it is counted: \(g.lines[1])")
        #expect(g.lines[0].contains("counting…"))
        #expect(g.lines[3].contains("Kim Chol"), "the first page is on the first frame")
        // The view narrows by status only: the counts give the exact total, the page is not re-read.
        let after = reducer.update(&s, .firstFrameDrawn)
        #expect(after == [.loadCounts, .restoreDraft], "a waiting draft comes back once the queue is on screen")
        _ = reducer.update(&s, .countsLoaded(StatusCountsFixture.make(rows)))
        #expect(!s.queue.totalPending)
        #expect(s.queue.total == rows.count)
        #expect(RootView.render(s, panels: reducer.panels).lines[1].hasSuffix("1/\(rows.count)"))
    }

    @Test func aFilteredFirstPageIsCountedByTheStoreAfterTheFirstFrame() throws {
        var s = AppState(width: 80, height: 24, storeName: "x", analyst: "t1")
        s.queue.filter = "kim"
        _ = reducer.update(&s, .start(now: 100))
        let rows = try TestStore().rows()
        _ = reducer.update(&s, .firstPageLoaded(rows: Array(rows.prefix(1))))
        let after = reducer.update(&s, .firstFrameDrawn)
        #expect(after.first == .loadCounts)
        #expect(after.contains { if case .loadQueue(_, true) = $0 { true } else { false } })
        #expect(after.last == .restoreDraft)
        _ = reducer.update(&s, .countsLoaded(StatusCountsFixture.make(rows)))
        #expect(s.queue.totalPending, "the counts are not the filtered total")
        _ = reducer.update(&s, .queueLoaded(rows: Array(rows.prefix(1)), offset: 0, total: 1, refresh: true))
        #expect(!s.queue.totalPending && s.queue.total == 1)
    }

    @Test func vimKeysAndArrowsMoveTheSelection() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("j"), .down)
        #expect(s.queue.selected == 2)
        _ = press(&s, .char("k"))
        #expect(s.queue.selected == 1)
        _ = press(&s, .char("G"))
        #expect(s.queue.selected == 3)
        _ = press(&s, .char("g"))
        #expect(s.queue.selected == 0)
        _ = press(&s, .up)
        #expect(s.queue.selected == 0, "never above the first row")
    }

    @Test func movingPastTheLoadedWindowPagesFromTheStore() {
        let t = try! TestStore([])
        try! t.add((0..<200).map { TestStore.Person(id: String(format: "C-%03d", $0), name: "P\($0)", score: 200 - $0) })
        let rows = try! t.rows(QueueQuery(limit: 60))
        var s = loadedState(rows)
        _ = reducer.update(&s, .queueLoaded(rows: rows, offset: 0, total: 200, refresh: false))
        let effects = press(&s, .char("G"))
        #expect(s.queue.selected == 199)
        guard case let .loadQueue(q, refresh)? = effects.first else {
            Issue.record("expected a page load, got \(effects)"); return
        }
        #expect(!refresh)
        #expect(q.offset <= s.queue.scroll && q.offset + q.limit >= 200)
        // Paging within the window loads nothing.
        var t2 = loadedState(rows)
        _ = reducer.update(&t2, .queueLoaded(rows: rows, offset: 0, total: 200, refresh: false))
        #expect(press(&t2, .pageDown).isEmpty)
        #expect(t2.queue.selected == t2.queueVisibleRows)
    }

    @Test func slashFilterNarrowsLiveAndEscClearsIt() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("/"))
        #expect(s.input == .filter)
        let effects = type(&s, "kim")
        #expect(s.queue.filter == "kim")
        #expect(effects.count == 3, "one query per keystroke")
        if case let .loadQueue(q, _)? = effects.last { #expect(q.text == "kim") } else { Issue.record("no query") }
        _ = press(&s, .enter)
        #expect(s.input == .normal)
        #expect(s.queue.filter == "kim", "Enter keeps the filter")
        _ = press(&s, .char("/"), .escape)
        #expect(s.queue.filter == "")
    }

    @Test func sortCyclesAndQuickViewsNarrowTheQuery() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("s"))
        #expect(s.queue.sort == .name)
        let effects = press(&s, .char("2"))
        #expect(s.queue.view == .high)
        if case let .loadQueue(q, _)? = effects.first {
            #expect(q.minRisk == 55)
            #expect(q.statuses == [.new, .inReview])
        } else { Issue.record("no query for the view") }
        let mine = press(&s, .char("3"))
        if case let .loadQueue(q, _)? = mine.first { #expect(q.assignee == "t1") } else { Issue.record("no query") }
        _ = press(&s, .char(":"))
        _ = type(&s, "view escalated")
        let esc = press(&s, .enter)
        #expect(s.queue.view == .escalated)
        if case let .loadQueue(q, _)? = esc.first { #expect(q.statuses == [.escalated]) } else { Issue.record("no query") }
    }

    @Test func enterOpensTheDetailAndEscGoesBack() throws {
        var s = loadedState(try TestStore().rows())
        let effects = press(&s, .enter)
        #expect(s.screen == .detail)
        #expect(effects == [.loadDetail("C-001")])
        _ = press(&s, .escape)
        #expect(s.screen == .queue)
        #expect(s.queue.selected == 0)
    }

    @Test func tabCyclesPanelsAndDigitsJump() throws {
        let t = try TestStore()
        var s = loadedState(try t.rows())
        _ = press(&s, .enter)
        _ = reducer.update(&s, .detailLoaded(id: "C-001", detail: try t.store.candidateDetail("C-001")))
        #expect(s.detail?.focus == 0)
        _ = press(&s, .tab, .tab)
        #expect(s.detail?.focus == 2)
        _ = press(&s, .backTab)
        #expect(s.detail?.focus == 1)
        _ = press(&s, .char("7"))
        #expect(s.detail?.focus == 6)
        _ = press(&s, .tab)
        #expect(s.detail?.focus == 0, "wraps around")
        _ = press(&s, .char("9"))
        #expect(s.detail?.focus == 0, "no panel 9: focus stays")
    }

    @Test func escalateNeedsAReasonAndANoteAndSavesADraftPerKeystroke() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("e"))
        #expect(s.dialog?.kind == .escalate)
        #expect(s.dialog?.targets == ["C-001"])
        #expect(press(&s, .enter).isEmpty, "an empty note is refused")
        #expect(s.dialog?.error == "a note is required")
        let drafts = type(&s, "VPN")
        #expect(drafts.count == 3)
        if case let .saveDraft(d)? = drafts.last {
            #expect(d.text == "VPN"); #expect(d.candidateId == "C-001"); #expect(d.action == "escalate")
            #expect(d.analyst == "t1")
        } else { Issue.record("no draft saved: \(drafts)") }
        #expect(press(&s, .enter).isEmpty, "no reason chosen yet")
        #expect(s.dialog?.error?.contains("reason") == true)
        _ = press(&s, .down)
        #expect(s.dialog?.reasonIndex == 0)
        // Letters are text in the dialog, not commands: "q" does not quit.
        _ = type(&s, " q")
        #expect(!s.quitting)
        let effects = press(&s, .enter)
        #expect(effects == [.apply(.escalate(reason: CaseService.escalationReasons[0].code), ids: ["C-001"],
                                   note: "VPN q", expectedVersion: 0)])
        #expect(s.dialog?.pending == true)
        _ = reducer.update(&s, .caseActionDone("escalated C-001"))
        #expect(s.dialog == nil)
        #expect(s.flash?.text == "escalated C-001")
    }

    @Test func escDiscardsTheDraft() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("c"))
        _ = type(&s, "benign")
        let effects = press(&s, .escape)
        #expect(s.dialog == nil)
        #expect(effects == [.deleteDraft(candidateId: "C-001")])
    }

    @Test func failedDecisionKeepsTheDialogWithTheError() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("c"))
        _ = type(&s, "ok")
        _ = press(&s, .enter)
        let effects = reducer.update(&s, .caseActionFailed("case C-001 changed since you opened it"))
        #expect(s.dialog?.pending == false)
        #expect(s.dialog?.error?.contains("changed") == true)
        #expect(s.flash?.level == .error)
        #expect(effects.contains(.loadCounts), "a conflict refreshes the screen")
    }

    @Test func readonlyRefusesDecisionKeys() throws {
        var s = loadedState(try TestStore().rows())
        s.readonly = true
        for key in ["e", "c", "n", "a", "u"] {
            #expect(press(&s, .char(Character(key))).isEmpty)
            #expect(s.dialog == nil)
            #expect(s.flash?.text.contains("read-only") == true)
        }
    }

    @Test func spaceMarksForABulkAction() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char(" "), .char(" "))
        #expect(s.marks == ["C-001", "C-004"])
        #expect(s.queue.selected == 2)
        _ = press(&s, .char("n"))
        #expect(s.dialog?.targets == ["C-001", "C-004"])
        #expect(s.dialog?.subject == "2 marked candidates")
        _ = type(&s, "batch")
        let effects = press(&s, .enter)
        #expect(effects == [.apply(.note, ids: ["C-001", "C-004"], note: "batch", expectedVersion: nil)])
        _ = reducer.update(&s, .caseActionDone("noted 2 candidates"))
        #expect(s.marks.isEmpty)
    }

    @Test func takeAppliesToTheSelectedCase() throws {
        var s = loadedState(try TestStore().rows())
        let effects = press(&s, .char("a"))
        guard case let .apply(action, ids, note, version)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(action == .take); #expect(ids == ["C-001"]); #expect(!note.isEmpty); #expect(version == 0)
    }

    @Test func liveRefreshKeepsTheSelectedCandidateAndMarksNewAndChangedRows() throws {
        let t = try TestStore()
        var s = loadedState(try t.rows())
        _ = press(&s, .char("j"))
        #expect(s.queue.selectedRow?.candidateId == "C-004")
        // Another process adds a higher-risk candidate and rescores C-003.
        try t.add([TestStore.Person(id: "C-009", name: "New Person", score: 99, band: "critical",
                                    openedAt: Int64(s.startedAt) + 5)])
        try t.store.pool.write { db in
            try db.execute(sql: "UPDATE case_file SET risk_score = 15, version = version + 1 WHERE candidate_id = 'C-003'")
        }
        let effects = reducer.update(&s, .storeChanged)
        guard case let .loadQueue(q, true)? = effects.first(where: { if case .loadQueue = $0 { true } else { false } })
        else { Issue.record("no refresh: \(effects)"); return }
        _ = reducer.update(&s, .queueLoaded(rows: try t.rows(q), offset: q.offset, total: try t.store.queueCount(q),
                                            refresh: true))
        #expect(s.queue.selectedRow?.candidateId == "C-004", "selection follows the candidate")
        #expect(s.queue.selected == 2)
        #expect(s.queue.scroll == 0, "at the top of the list the view stays there, so the arrival is seen")
        #expect(s.changes["C-009"]?.kind == .new)
        #expect(s.changes["C-003"]?.kind == .changed)
        #expect(s.changes["C-001"] == nil)
        // Marks fade.
        _ = reducer.update(&s, .tick(now: s.now + AppState.changeMarkSeconds + 1))
        #expect(s.changes.isEmpty)
    }

    @Test func tickPollsTheStoreEveryQuarterSecondUnlessPaused() throws {
        var s = loadedState(try TestStore().rows(), now: 1000)
        #expect(reducer.update(&s, .tick(now: 1000.1)).isEmpty)
        #expect(reducer.update(&s, .tick(now: 1000.26)) == [.pollStore])
        #expect(reducer.update(&s, .tick(now: 1000.3)).isEmpty)
        _ = press(&s, .char("p"))
        #expect(!s.live)
        #expect(reducer.update(&s, .tick(now: 1002)).isEmpty)
    }

    @Test func flashMessagesFade() throws {
        var s = loadedState(try TestStore().rows(), now: 1000)
        _ = reducer.update(&s, .flash("hello", .info))
        #expect(s.flash != nil)
        _ = reducer.update(&s, .tick(now: 1000 + AppState.flashSeconds + 0.1))
        #expect(s.flash == nil)
    }

    @Test func helpToggles() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("?"))
        #expect(s.help == 0)
        _ = press(&s, .char("j"))
        #expect(s.help == 1, "j scrolls the help, not the queue")
        #expect(s.queue.selected == 0)
        _ = press(&s, .escape)
        #expect(s.help == nil)
    }

    @Test func quitAndCommandErrors() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char(":"))
        _ = type(&s, "frobnicate")
        _ = press(&s, .enter)
        #expect(s.flash?.level == .error)
        #expect(s.flash?.text.contains("unknown command") == true)
        _ = press(&s, .char(":"))
        _ = type(&s, "theme light")
        #expect(press(&s, .enter) == [.loadTheme("light")])
        #expect(press(&s, .char("q")) == [.quit])
        #expect(s.quitting)
    }

    @Test func restoredDraftReopensTheDialog() {
        var s = AppState(width: 80, height: 24, storeName: "x", analyst: "t1")
        let draft = DraftNote(analyst: "t1", candidateId: "C-004", action: "escalate", reasonCode: "laptop_farm",
                              text: "ships to a forwarder", updatedAt: 5)
        let effects = reducer.update(&s, .draftRestored(draft, subject: "Li Wei"))
        #expect(effects == [.loadDetail("C-004")])
        #expect(s.screen == .detail)
        #expect(s.dialog?.text == "ships to a forwarder")
        #expect(s.dialog?.kind == .escalate)
        #expect(s.dialog.flatMap { $0.reasonIndex.map { CaseService.escalationReasons[$0].code } } == "laptop_farm")
    }

    @Test func tooSmallIgnoresKeysButQuit() throws {
        var s = loadedState(try TestStore().rows(), width: 60, height: 15)
        #expect(press(&s, .char("j")).isEmpty)
        #expect(s.queue.selected == 0)
        #expect(press(&s, .char("q")) == [.quit])
    }
}
