import Testing
@testable import VetdeskTUI

/// A terminal type without cursor addressing is refused with a clear error before the screen is
/// taken (TERM=dumb used to give a blank screen).
@Suite(.serialized) struct TerminalProbeTests {
    @Test func dumbTerminalHasNoCursorAddressing() {
        #expect(Terminal.probe("dumb") == .noCursorAddressing)
    }

    @Test func xtermIsUsableAndAnUnknownTypeIsUnknown() {
        #expect(Terminal.probe("xterm") == .usable)
        #expect(Terminal.probe("vt100") == .usable)
        #expect(Terminal.probe("no-such-terminal-type") == .unknown)
    }

    @Test func theErrorNamesTheTypeAndTheWayOut() {
        let text = TerminalError.noCursorAddressing(term: "dumb\u{1b}[2J").description
        #expect(text.contains("'dumb"))
        #expect(text.contains("TERM=xterm-256color"))
        #expect(!text.contains("\u{1b}"))
    }
}
