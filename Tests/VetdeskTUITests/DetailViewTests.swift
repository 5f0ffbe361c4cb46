import GRDB
import Testing
import VetdeskCore
@testable import VetdeskTUI

@Suite struct DetailViewTests {
    let reducer = Reducer(panels: DetailPanels.all)

    /// Two candidates paid into the same account, so the detail has a link to follow.
    func linkedStore() throws -> TestStore {
        let t = try TestStore()
        try t.store.pool.write { db in
            try db.execute(sql: "INSERT INTO payment_account(id, account_type, identifier, holder_name) VALUES (1, 'iban', 'DE89370400440532013000', 'X')")
            for (pid, cid) in [("P1", "C-001"), ("P2", "C-004")] {
                try db.execute(sql: """
                    INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency)
                    VALUES (?, 'test', 1700000000, ?, 1, '100.00', 'USD')
                    """, arguments: [pid, cid])
            }
        }
        return t
    }

    func openDetail(_ t: TestStore, width: Int = 80, height: Int = 24) throws -> AppState {
        var s = loadedState(try t.rows(), width: width, height: height, reducer: reducer)
        _ = reducer.handleKey(&s, .enter)
        _ = reducer.update(&s, .detailLoaded(id: "C-001", detail: try t.store.candidateDetail("C-001")))
        return s
    }

    @Test func detailShowsSummaryTabsAndTheFocusedPanelAt80x24() throws {
        let t = try linkedStore()
        let s = try openDetail(t)
        let g = RootView.render(s, panels: reducer.panels)
        #expect(g.lines[1].contains("C-001"))
        #expect(g.lines[1].contains("Kim Chol"))
        #expect(g.lines[1].contains("critical"))
        let tabs = g.lines[2]
        for (i, p) in DetailPanels.all.enumerated() {
            #expect(tabs.contains("\(i + 1) \(p.title.split(separator: " ").first!)"), "tab bar: \(tabs)")
        }
        #expect(tabs.contains("[1 "), "the focused tab is bracketed, not only coloured")
        #expect(g.lines[3].contains("▸ 1 \(DetailPanels.all[0].title)"))
        #expect(g.lines[23].contains("Tab panel"))
    }

    @Test func everyPanelRendersWhenFocused() throws {
        let t = try linkedStore()
        var s = try openDetail(t)
        for (i, p) in DetailPanels.all.enumerated() {
            _ = reducer.handleKey(&s, .char(Character(String(i + 1))))
            let g = RootView.render(s, panels: reducer.panels)
            #expect(g.lines[3].contains("\(i + 1) \(p.title)"), "panel \(p.title) frame: \(g.lines[3])")
            #expect(g[0, 3].role == .borderFocused)
        }
    }

    @Test func wideTerminalShowsAllPanelsInAGrid() throws {
        let t = try linkedStore()
        let s = try openDetail(t, width: 120, height: 40)
        let screen = RootView.render(s, panels: reducer.panels).lines.joined(separator: "\n")
        for (i, p) in DetailPanels.all.enumerated() { #expect(screen.contains("\(i + 1) \(p.title)")) }
    }

    @Test func enterOnALinkedLineOpensThatCandidateAndEscComesBack() throws {
        let t = try linkedStore()
        var s = try openDetail(t)
        // Find a panel with a line linking to C-004, focus it and put the cursor there.
        guard let d = s.detail, let (panel, line) = d.lines.enumerated().lazy.compactMap({ p, lines in
            lines.firstIndex { $0.link == "C-004" }.map { (p, $0) } }).first else {
            Issue.record("no panel links C-004"); return
        }
        _ = reducer.handleKey(&s, .char(Character(String(panel + 1))))
        for _ in 0..<line { _ = reducer.handleKey(&s, .char("j")) }
        let effects = reducer.handleKey(&s, .enter)
        #expect(effects == [.loadDetail("C-004")])
        #expect(s.backStack == ["C-001"])
        _ = reducer.update(&s, .detailLoaded(id: "C-004", detail: try t.store.candidateDetail("C-004")))
        #expect(RootView.render(s, panels: reducer.panels).lines[1].contains("Li Wei"))
        #expect(reducer.handleKey(&s, .escape) == [.loadDetail("C-001")])
        #expect(s.backStack.isEmpty)
        _ = reducer.handleKey(&s, .escape)
        #expect(s.screen == .queue)
    }

    @Test func unknownCandidateSaysSo() throws {
        let t = try TestStore()
        var s = loadedState(try t.rows(), reducer: reducer)
        _ = reducer.handleKey(&s, .char(":"))
        for c in "open C-404" { _ = reducer.handleKey(&s, .char(c)) }
        #expect(reducer.handleKey(&s, .enter) == [.loadDetail("C-404")])
        _ = reducer.update(&s, .detailLoaded(id: "C-404", detail: try t.store.candidateDetail("C-404")))
        #expect(RootView.render(s, panels: reducer.panels).lines.joined().contains("no candidate with id 'C-404'"))
    }
}
