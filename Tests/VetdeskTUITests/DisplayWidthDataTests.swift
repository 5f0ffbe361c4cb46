import Foundation
import Testing
import VetdeskCore
@testable import VetdeskTUI

/// Issue 11: display width follows Unicode's data, and what ncurses writes agrees with it.
/// Needs Debian's unicode-data (`make deps` installs it).
@Suite(.serialized) struct DisplayWidthDataTests {
    static let data = Result { try UnicodeDataFiles.load() }

    /// Emoji the old hand-written ranges got wrong, and clusters that must count as one.
    static let samples: [(String, Int)] = [
        ("🪐", 2), ("🫠", 2), ("🫨", 2), ("👨‍👩‍👧‍👦", 2), ("👩🏽‍💻", 2), ("👍🏿", 2), ("🇰🇵", 2), ("🇺🇸", 2),
        ("❤️", 2), ("❤", 1), ("1️⃣", 2), ("é", 1), ("e\u{301}", 1), ("한", 2), ("\u{1112}\u{1161}\u{11AB}", 2),
        ("中", 2), ("ｱ", 1), ("Ａ", 2), ("\u{200B}", 0), ("a", 1), ("\u{0600}١", 1),
    ]

    @Test func generatedTableMatchesTheInstalledUnicodeData() throws {
        let files = try Self.data.get()
        #expect(DisplayWidthTable.unicodeVersion == files.version,
                "the table was generated from Unicode \(DisplayWidthTable.unicodeVersion), unicode-data is \(files.version): run scripts/gen-display-width.py")
        var mismatches: [String] = []
        for cp in 0..<0x110000 {
            guard let scalar = Unicode.Scalar(UInt32(cp)) else { continue } // surrogates
            let want = Int(files.width[cp]), got = DisplayWidth.of(scalar)
            if want != got { mismatches.append(String(format: "U+%04X width %d, data says %d", cp, got, want)) }
            if DisplayWidth.isEmoji(scalar) != files.emoji[cp] { mismatches.append(String(format: "U+%04X emoji", cp)) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) code points differ, first: \(mismatches.prefix(10))")
    }

    @Test func clustersTakeTheirTerminalWidth() throws {
        let files = try Self.data.get()
        for (text, width) in Self.samples {
            #expect(text.count == 1, "\(text.debugDescription) is one grapheme cluster")
            #expect(DisplayWidth.of(text) == width, "\(text.debugDescription)")
            #expect(files.width(text) == width, "oracle: \(text.debugDescription)")
        }
    }

    /// ncurses measures with the C library's wcwidth: the pieces the backend writes for a cell must add
    /// up to the cell's width there, for every code point and for the clusters above.
    @Test func ncursesWidthsAgreeWithTheGrid() throws {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else {
            Issue.record("no C.UTF-8 locale: cannot ask the C library for widths")
            return
        }
        func libcColumns(_ pieces: [String]) -> Int? {
            var total = 0
            for p in pieces {
                let scalars = Array(p.unicodeScalars)
                guard let base = scalars.first else { return nil }
                let w = TerminalCellText.libcWidth(base.value)
                guard w > 0, scalars.dropFirst().allSatisfy({ TerminalCellText.libcWidth($0.value) == 0 }) else { return nil }
                total += w
            }
            return total
        }
        var bad: [String] = []
        for cp in 0x20..<0x110000 {
            guard let scalar = Unicode.Scalar(UInt32(cp)) else { continue }
            let w = DisplayWidth.of(scalar)
            guard w > 0 else { continue }
            let pieces = TerminalCellText.pieces(String(scalar), width: w)
            if libcColumns(pieces) != w { bad.append(String(format: "U+%04X", cp)) }
        }
        for (text, w) in Self.samples where w > 0 {
            let pieces = TerminalCellText.pieces(text, width: w)
            if libcColumns(pieces) != w { bad.append(text.debugDescription) }
        }
        #expect(bad.isEmpty, "\(bad.count) disagree, first: \(bad.prefix(10))")
        // The ZWJ family is written as its first person (what setcchar would keep), never as a fragment
        // with a dangling joiner; a flag as its two indicators in two columns.
        #expect(TerminalCellText.pieces("👨‍👩‍👧‍👦", width: 2) == ["👨"])
        #expect(TerminalCellText.pieces("🇰🇵", width: 2) == ["🇰", "🇵"])
        #expect(TerminalCellText.pieces("❤️", width: 2) == ["❤", " "])
    }

    /// A detail screen whose candidate name has emoji the old ranges measured as one column: every row
    /// must take exactly the screen's width as a terminal counts columns, or the borders after it shift.
    @Test func panelBordersStayAlignedWithWideEmoji() throws {
        let files = try Self.data.get()
        let name = "Kim 🪐🫠 👨‍👩‍👧‍👦 Chol 🇰🇵 👍🏿 ❤️ 中文"
        let t = try TestStore([TestStore.Person(id: "C-001", name: name, score: 92, band: "critical", flags: "dprk_ip_space")])
        let reducer = Reducer(panels: DetailPanels.all)
        for (width, height) in [(80, 24), (120, 40), (70, 18)] {
            var s = loadedState(try t.rows(), width: width, height: height, reducer: reducer)
            _ = reducer.handleKey(&s, .enter)
            _ = reducer.update(&s, .detailLoaded(id: "C-001", detail: try t.store.candidateDetail("C-001")))
            _ = reducer.handleKey(&s, .char("4"))
            let g = RootView.render(s, panels: reducer.panels)
            #expect(g.lines.joined().contains("🪐🫠"), "the name is on screen")
            for y in 0..<g.height {
                let row = g.text(row: y)
                #expect(files.width(row) == width, "row \(y) takes \(files.width(row)) columns at \(width): \(row)")
            }
        }
    }
}
