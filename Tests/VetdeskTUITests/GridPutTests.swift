import Testing
@testable import VetdeskTUI

/// Grid.put's printable-ASCII path (a byte per column) against the grapheme path it shortcuts.
@Suite struct GridPutTests {
    @Test func asciiOverAWideCharacterBlanksBothHalves() {
        var g = Grid(width: 10, height: 1)
        #expect(g.put("李李", x: 0, y: 0) == 4)
        #expect(g.put("ab", x: 1, y: 0) == 2, "starts on the first one's right half, ends on the second's left")
        #expect(g.lines == [" ab"])
        #expect(g[0, 0].text == " " && g[3, 0].text == " " && !g[3, 0].isContinuation)
    }

    @Test func asciiIsClippedLikeAnyText() {
        var g = Grid(width: 6, height: 2)
        // Without maxWidth the text may take the grid's width from x: columns -2 to 3.
        #expect(g.put("abcdefgh", x: -2, y: 0) == 6, "columns left of the grid are skipped, not drawn")
        #expect(g.lines[0] == "cdef")
        #expect(g.put("abcdef", x: 1, y: 1, maxWidth: 3) == 3)
        #expect(g.lines[1] == " abc")
    }

    @Test func hostileTextStillTakesTheSanitisingPath() {
        var g = Grid(width: 12, height: 1)
        _ = g.put("a\u{1B}[31mb\tc", x: 0, y: 0)
        #expect(g.lines == ["ab c"])
    }
}
