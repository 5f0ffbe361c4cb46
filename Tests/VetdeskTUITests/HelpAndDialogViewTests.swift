import Testing
import VetdeskCore
@testable import VetdeskTUI

@Suite struct HelpAndDialogViewTests {
    let reducer = Reducer(panels: DetailPanels.all)

    @Test func helpOverlayListsEveryBinding() throws {
        let lines = HelpView.lines(ascii: false).map(\.text)
        for b in KeyMap.bindings {
            #expect(lines.contains { $0.contains(b.keysText(ascii: false)) && $0.contains(b.help) },
                    "help is missing '\(b.help)'")
        }
        // And the overlay draws them (scrolling through a tall terminal shows them all).
        var s = loadedState(try TestStore().rows(), width: 100, height: 120)
        s.help = 0
        let g = RootView.render(s, panels: reducer.panels)
        let screen = g.lines.joined(separator: "\n")
        for b in KeyMap.bindings { #expect(screen.contains(b.help), "overlay is missing '\(b.help)'") }
    }

    @Test func helpScrollsAt80x24() throws {
        var s = loadedState(try TestStore().rows())
        s.help = 0
        let first = RootView.render(s, panels: reducer.panels).lines.joined()
        s.help = 30
        let later = RootView.render(s, panels: reducer.panels).lines.joined()
        #expect(first != later)
        #expect(first.contains("Keys"))
    }

    @Test func hintLineComesFromTheKeyTable() throws {
        let s = loadedState(try TestStore().rows())
        let g = RootView.render(s, panels: reducer.panels)
        let hint = g.lines[23]
        #expect(hint.contains("Enter open"))
        #expect(hint.contains("/ filter"))
        #expect(hint.contains("Space mark"))
        #expect(g[1, 23].role == .key)
        #expect(hint.hasPrefix(" ? help"))
        for b in KeyMap.hints(for: .queue) where hint.contains(b.hint!) {
            #expect(KeyMap.action(for: b.keys[0], in: .queue) != nil)
        }
    }

    @Test func dialogShowsReasonsNoteAndErrors() throws {
        var s = loadedState(try TestStore().rows())
        _ = reducer.handleKey(&s, .char("e"))
        _ = reducer.handleKey(&s, .enter)
        for c in "VPN from Pyongyang" { _ = reducer.handleKey(&s, .char(c)) }
        _ = reducer.handleKey(&s, .down)
        _ = reducer.handleKey(&s, .down)
        let g = RootView.render(s, panels: reducer.panels)
        let screen = g.lines.joined(separator: "\n")
        #expect(screen.contains("Escalate Kim Chol"))
        for r in CaseService.escalationReasons { #expect(screen.contains(String(r.label.prefix(30)))) }
        let chosen = try #require(g.find("(•) " + CaseService.escalationReasons[1].label))
        #expect(g[chosen.x, chosen.y].role == .selected)
        #expect(screen.contains("VPN from Pyongyang"))
        #expect(screen.contains("Enter submit"))
        // An error is shown in words, with a glyph.
        var e = s
        e.dialog?.error = "a note is required"
        #expect(RootView.render(e, panels: reducer.panels).lines.joined().contains("✗ a note is required"))
    }

    @Test func dialogFitsAtMinimumSize() throws {
        var s = loadedState(try TestStore().rows(), width: AppState.minWidth, height: AppState.minHeight)
        _ = reducer.handleKey(&s, .char("e"))
        let g = RootView.render(s, panels: reducer.panels)
        let screen = g.lines.joined(separator: "\n")
        #expect(screen.contains("Note (required)"))
        #expect(screen.contains("Enter submit"))
    }

    @Test func filterAndCommandLinesShowWhatIsTyped() throws {
        var s = loadedState(try TestStore().rows())
        _ = reducer.handleKey(&s, .char("/"))
        for c in "kim" { _ = reducer.handleKey(&s, .char(c)) }
        #expect(RootView.render(s, panels: reducer.panels).lines[23].hasPrefix("/kim"))
        #expect(RootView.render(s, panels: reducer.panels).lines[1].contains("filter: kim"))
        _ = reducer.handleKey(&s, .enter)
        _ = reducer.handleKey(&s, .char(":"))
        for c in "view new" { _ = reducer.handleKey(&s, .char(c)) }
        #expect(RootView.render(s, panels: reducer.panels).lines[23].hasPrefix(":view new"))
    }

    @Test func flashShowsLevelGlyphAndRole() throws {
        var s = loadedState(try TestStore().rows())
        _ = reducer.update(&s, .flash("store locked", .error))
        let g = RootView.render(s, panels: reducer.panels)
        #expect(g.lines[23].contains("✗ store locked"))
        #expect(g[1, 23].role == .flashError)
    }
}
