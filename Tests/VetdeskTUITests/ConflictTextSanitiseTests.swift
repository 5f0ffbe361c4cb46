import Testing
@testable import VetdeskCore
@testable import VetdeskTUI

/// Issue 11: the console's conflict text ("now escalated by X") names another analyst, whose name may
/// predate validation: it reaches the screen sanitised, on one line.
@Suite struct ConflictTextSanitiseTests {
    let reducer = Reducer(panels: DetailPanels.all)

    @Test func conflictDialogShowsAHostileAnalystNameSanitised() throws {
        var s = loadedState(try TestStore().rows())
        _ = reducer.handleKey(&s, .char("c"))
        for ch in "benign" { _ = reducer.handleKey(&s, .char(ch)) }
        _ = reducer.handleKey(&s, .enter)
        let hostile = "ev\u{1B}[2J\u{1B}]52;c;cm0=\u{07}\u{9B}31m\u{202E}il\nforged"
        _ = reducer.update(&s, .caseActionConflict(
            "case C-001 changed since you opened it (version 0, now escalated by \(hostile))", currentVersion: 3))
        let g = RootView.render(s, panels: reducer.panels)
        let screen = (0..<g.height).map { g.text(row: $0) }
        #expect(screen.joined().contains("now escalated by"))
        for row in screen {
            #expect(!row.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || Sanitize.bidi.contains($0.value) },
                    "raw control on screen: \(row.debugDescription)")
            #expect(!row.contains("52;c") && !row.contains("[2J"))
        }
    }
}
