import Foundation
import Testing
import VetdeskCore
@testable import VetdeskTUI

/// Conflicts, clipboard, mouse, screen-reader cursor and the hint line at 80 columns.
@Suite struct ConsoleExtrasTests {
    let reducer = Reducer(panels: DetailPanels.all)

    func press(_ s: inout AppState, _ keys: Key...) -> [Effect] { keys.flatMap { reducer.handleKey(&s, $0) } }
    func type(_ s: inout AppState, _ text: String) -> [Effect] { text.flatMap { reducer.handleKey(&s, .char($0)) } }

    @Test func conflictKeepsTheNoteTellsWhatChangedAndAllowsADeliberateRetry() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("c"))
        _ = type(&s, "benign, verified")
        #expect(press(&s, .enter) == [.apply(.clear, ids: ["C-001"], note: "benign, verified", expectedVersion: 0)])
        let effects = reducer.update(&s, .caseActionConflict(
            "case C-001 changed since you opened it (version 0, now escalated by t2)", currentVersion: 3))
        let d = try #require(s.dialog, "the dialog stays open")
        #expect(d.text == "benign, verified")
        #expect(d.error?.contains("now escalated by t2") == true)
        #expect(s.flash?.level == .warn)
        #expect(effects.contains(.loadCounts), "the screen behind the dialog is refreshed")
        // A second Enter applies against the version the analyst has now been shown.
        #expect(press(&s, .enter) == [.apply(.clear, ids: ["C-001"], note: "benign, verified", expectedVersion: 3)])
        let g = RootView.render(s, panels: reducer.panels)
        #expect(g.lines.joined().contains("now escalated by"), "the dialog shows what changed")
    }

    @Test func yCopiesTheSelectedIdOrTheOpenCandidate() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("j"))
        #expect(press(&s, .char("y")) == [.copy("C-004")])
        #expect(s.flash?.text.contains("C-004") == true)
        _ = press(&s, .enter)
        #expect(press(&s, .char("y")) == [.copy("C-004")])
    }

    @Test func osc52IsWrappedForTmuxPassthrough() {
        let plain = String(decoding: Clipboard.osc52("C-000020", environment: ["TERM": "xterm"]), as: UTF8.self)
        let b64 = Data("C-000020".utf8).base64EncodedString()
        #expect(plain == "\u{1B}]52;c;\(b64)\u{07}")
        let tmux = String(decoding: Clipboard.osc52("C-000020", environment: ["TMUX": "/tmp/t,1,0"]), as: UTF8.self)
        #expect(tmux.hasPrefix(plain), "the bare sequence first (tmux set-clipboard keeps a copy)")
        #expect(tmux.hasSuffix("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;\(b64)\u{07}\u{1B}\\"))
    }

    @Test func mouseIsOffByDefaultAndToggledInCommandMode() throws {
        var s = loadedState(try TestStore().rows())
        #expect(!s.mouse)
        _ = press(&s, .char(":"))
        _ = type(&s, "mouse on")
        #expect(press(&s, .enter) == [.mouse(true)])
        #expect(s.mouse)
        // A click on the third queue row (screen row 5) selects it; the wheel moves.
        _ = reducer.update(&s, .click(x: 20, y: 5))
        #expect(s.queue.selected == 2)
        _ = press(&s, .wheelUp)
        #expect(s.queue.selected == 1)
        _ = press(&s, .char(":"))
        _ = type(&s, "mouse off")
        #expect(press(&s, .enter) == [.mouse(false)])
    }

    @Test func screenReaderCursorFollowsTheSelection() throws {
        var s = loadedState(try TestStore().rows())
        _ = press(&s, .char("j"), .char("j"))
        let c = try #require(RootView.cursor(s, panels: reducer.panels))
        #expect(c.y == 5 && c.x == 0)
        let g = RootView.render(s, panels: reducer.panels)
        #expect(g.text(row: c.y).hasPrefix("▸"), "the cursor sits on the selected row")
        _ = press(&s, .char("/"))
        _ = type(&s, "ab")
        #expect(RootView.cursor(s, panels: reducer.panels)! == (3, 23))
    }

    @Test func hintLineAt80ShowsTheDecisionKeys() throws {
        let s = loadedState(try TestStore().rows())
        let hint = RootView.render(s, panels: reducer.panels).lines[23]
        for key in ["? help", "Enter open", "e escalate", "c clear", "Space mark", "/ filter", "q quit"] {
            #expect(hint.contains(key), "'\(key)' missing from the hint line: \(hint)")
        }
    }
}
