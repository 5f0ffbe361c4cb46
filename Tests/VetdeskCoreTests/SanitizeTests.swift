import Testing
@testable import VetdeskCore

@Suite struct SanitizeTests {
    @Test func stripsEscapeSequencesWhole() {
        #expect(Sanitize.forDisplay("a\u{1B}[31mred\u{1B}[0m b") == "ared b")
        #expect(Sanitize.forDisplay("x\u{1B}]0;pwned\u{07}y") == "xy")
        #expect(Sanitize.forDisplay("x\u{1B}]52;c;ZXZpbA==\u{1B}\\y") == "xy")
    }
    @Test func replacesControlsAndDropsBidi() {
        #expect(Sanitize.forDisplay("a\u{0}b\u{7F}c\u{85}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(Sanitize.forDisplay("abc\u{202E}fed") == "abcfed")
        #expect(Sanitize.forDisplay("line1\nline2\ttab") == "line1 line2 tab")
        #expect(Sanitize.forDisplay("Zoë 李") == "Zoë 李")
    }
    /// The printable-ASCII shortcut takes only text the full pass would return unchanged.
    @Test func printableASCIIIsTheOnlyShortcut() {
        #expect(Sanitize.isPrintableASCII("C-000047 Andrei Ciobanu ~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./"))
        for hostile in ["a\tb", "a\u{7F}", "\u{1B}[31m", "a\nb", "x\u{0}", "Zoë", "abc\u{202E}", "\u{9B}1m"] {
            #expect(!Sanitize.isPrintableASCII(hostile), "\(hostile.unicodeScalars.map { $0.value })")
        }
        var all = ""
        for v in 0x20...0x7E { all.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        #expect(Sanitize.forDisplay(all) == all)
    }
    /// Grid.put's variant returns exactly forDisplay's text, and says ASCII only when it took the shortcut.
    @Test func notingASCIIIsForDisplayPlusTheShortcut() {
        for s in ["C-000047 Andrei", "", "a\tb", "\u{1B}[31mred", "Zoë 李", "abc\u{202E}", "line\nnext"] {
            let (text, ascii) = Sanitize.forDisplayNotingASCII(s)
            #expect(text == Sanitize.forDisplay(s), "\(s.unicodeScalars.map { $0.value })")
            #expect(ascii == Sanitize.isPrintableASCII(s), "\(s.unicodeScalars.map { $0.value })")
        }
    }
}
