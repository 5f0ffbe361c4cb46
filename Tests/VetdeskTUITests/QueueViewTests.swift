import Testing
import VetdeskCore
@testable import VetdeskTUI

@Suite struct QueueViewTests {
    let reducer = Reducer(panels: DetailPanels.all)

    @Test func rowsShowScoreBandNameCountryFlagsStatusAndAssignee() throws {
        let t = try TestStore()
        let s = loadedState(try t.rows())
        let g = RootView.render(s, panels: reducer.panels)
        let (x, y) = try #require(g.find("Kim Chol"))
        let line = g.text(row: y)
        #expect(line.contains("92"))
        #expect(line.contains("█"))
        #expect(line.contains("US"))
        #expect(line.contains("dprk_ip_space"))
        #expect(line.contains("new"))
        #expect(line.hasPrefix("▸"), "the selected row carries a cursor glyph, not only a colour")
        #expect(g[x, y].role == .selected)
        let anna = try #require(g.find("Anna Schmidt"))
        #expect(g.text(row: anna.y).contains("in review"))
        #expect(g.text(row: anna.y).contains("t1"))
        // Status and band keep their roles on unselected rows.
        let reviewX = try #require(g.text(row: anna.y).range(of: "in review")).lowerBound
        let col = g.text(row: anna.y).distance(from: g.text(row: anna.y).startIndex, to: reviewX)
        #expect(g[col, anna.y].role == .statusInReview)
        #expect(g.lines[2].contains("NAME") && g.lines[2].contains("STATUS"))
    }

    @Test func headerShowsAnalystStoreCountsAndLiveIndicator() throws {
        let t = try TestStore()
        let s = loadedState(try t.rows())
        let g = RootView.render(s, panels: reducer.panels)
        let header = g.lines[0]
        #expect(header.contains("t1@test.sqlite"))
        #expect(header.contains("new 1"))
        #expect(header.contains("rev 1"))
        #expect(header.contains("clr 1"))
        #expect(header.contains("esc 1"))
        #expect(header.contains("● live"))
        #expect(g[0, 0].role == .header)
        var paused = s
        paused.live = false
        #expect(RootView.render(paused, panels: reducer.panels).lines[0].contains("paused"))
    }

    @Test func fullyUsableAt80x24AndTooSmallBelowMinimum() throws {
        let t = try TestStore()
        let s = loadedState(try t.rows())
        let g = RootView.render(s, panels: reducer.panels)
        #expect(g.lines.count == 24)
        #expect(g.lines[23].contains("? help"), "the hint line shows help: \(g.lines[23])")
        for line in g.lines { #expect(DisplayWidth.of(line) <= 80) }
        var small = s
        small.width = 60; small.height = 15
        let tiny = RootView.render(small, panels: reducer.panels)
        #expect(tiny.lines.joined().contains("too small: need \(AppState.minWidth)x\(AppState.minHeight)"))
        #expect(!tiny.lines.joined().contains("Kim Chol"))
    }

    @Test func wideCharactersTakeTwoColumnsAndKeepColumnsAligned() throws {
        let t = try TestStore([TestStore.Person(id: "C-100", name: "金正男 テスト", score: 50, band: "medium"),
                               TestStore.Person(id: "C-101", name: "Plain Name", score: 40, band: "medium")])
        let s = loadedState(try t.rows())
        let g = RootView.render(s, panels: reducer.panels)
        let wide = try #require(g.find("金正男"))
        let plain = try #require(g.find("Plain Name"))
        #expect(wide.x == plain.x)
        #expect(g[wide.x + 1, wide.y].isContinuation)
        // The country column starts at the same screen column on both rows.
        func column(of needle: String, row: Int) -> Int? {
            let line = g.text(row: row)
            return line.range(of: needle).map { DisplayWidth.of(String(line[..<$0.lowerBound])) }
        }
        #expect(column(of: " US ", row: wide.y) != nil)
        #expect(column(of: " US ", row: wide.y) == column(of: " US ", row: plain.y))
    }

    @Test func hostileDataIsSanitisedBeforeTheScreen() throws {
        let evil = "Evil\u{1B}]52;c;cm0gLXJm\u{07}\u{1B}[31mName\u{202E}gnp.exe\u{9B}2J\u{7F}"
        let t = try TestStore([TestStore.Person(id: "C-666", name: evil, country: "U\u{1B}[1mS", score: 99,
                                                band: "critical", flags: "x\u{0}y")])
        let s = loadedState(try t.rows())
        let g = RootView.render(s, panels: reducer.panels)
        for y in 0..<g.height {
            for x in 0..<g.width {
                for scalar in g[x, y].text.unicodeScalars {
                    #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value)
                            && scalar.value != 0x202E, "control U+\(String(scalar.value, radix: 16)) at \(x),\(y)")
                }
            }
        }
        let line = g.lines.first { $0.contains("Evil") } ?? ""
        #expect(line.contains("EvilName"))
        #expect(!line.contains("[31m"))
        #expect(!line.contains("52;c"))
    }

    @Test func marksAndChangedRowsCarryGlyphs() throws {
        let t = try TestStore()
        var s = loadedState(try t.rows())
        s.marks = ["C-002"]
        s.changes["C-003"] = RowChange(kind: .changed, at: s.now)
        s.changes["C-004"] = RowChange(kind: .new, at: s.now)
        let g = RootView.render(s, panels: reducer.panels)
        let anna = try #require(g.find("Anna Schmidt"))
        #expect(g[1, anna.y].text == "●")
        let jane = try #require(g.find("Jane Doe"))
        #expect(g[2, jane.y].text == "Δ")
        #expect(g[2, jane.y].role == .changed)
        let li = try #require(g.find("Li Wei"))
        #expect(g[2, li.y].text == "✚")
        #expect(g.lines[1].contains("1 marked"))
    }

    @Test func asciiModeDrawsNoNonASCII() throws {
        let t = try TestStore()
        var s = loadedState(try t.rows())
        s.ascii = true
        let g = RootView.render(s, panels: reducer.panels)
        for line in g.lines {
            let asciiOnly = line.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(asciiOnly, "\(line)")
        }
        let kim = try #require(g.find("Kim Chol"))
        #expect(g.text(row: kim.y).hasPrefix(">"))
    }

    @Test func emptyQueueExplainsWhy() throws {
        let s = loadedState([])
        let g = RootView.render(s, panels: reducer.panels)
        #expect(g.lines.joined().contains("no candidates yet"))
    }
}

@Suite struct QueueColumnsTests {
    @Test func flagSummaryKeepsWholeFlagsAndCountsTheRest() {
        let flags = ["dprk_ip_space", "watchlist_hit", "shared_payment_account"]
        #expect(QueueView.flagSummary(flags, total: 12, width: 16, ascii: false) == "dprk_ip_spa… +11")
        #expect(QueueView.flagSummary(flags, total: 12, width: 17, ascii: false) == "dprk_ip_space +11")
        #expect(QueueView.flagSummary(flags, total: 3, width: 40, ascii: false)
            == "dprk_ip_space,watchlist_hit +1")
        #expect(QueueView.flagSummary(flags, total: 3, width: 80, ascii: false)
            == "dprk_ip_space,watchlist_hit,shared_payment_account")
        #expect(QueueView.flagSummary(["shared_payment_account"], total: 5, width: 12, ascii: false) == "shared_p… +4")
        for w in 1...30 {
            #expect(DisplayWidth.of(QueueView.flagSummary(flags, total: 12, width: w, ascii: false)) <= w)
        }
    }

    @Test func wideTerminalsGiveRoomToFlagsNotToTheName() {
        let narrow = QueueView.Columns(width: 80)
        #expect(narrow.name >= 19, "most full names fit at 80 columns")
        #expect(narrow.flags >= 16)
        let wide = QueueView.Columns(width: 200)
        #expect(wide.name <= QueueView.Columns.nameMax)
        #expect(wide.flags > 100)
    }

    @Test func demoNamesWithDiacriticsKeepColumnsAligned() throws {
        let t = try TestStore([TestStore.Person(id: "C-1", name: "Petra Kovačić", country: "HR", score: 100, band: "critical"),
                               TestStore.Person(id: "C-2", name: "Łukasz Kozłowski", country: "PL", score: 99, band: "critical"),
                               TestStore.Person(id: "C-3", name: "Anna Pospíšilová", country: "CZ", score: 94, band: "critical"),
                               TestStore.Person(id: "C-4", name: "Pe\u{301}tra Combining", country: "FR", score: 90, band: "critical")])
        let g = RootView.render(loadedState(try t.rows()), panels: Reducer(panels: DetailPanels.all).panels)
        var columns: Set<Int> = []
        for cc in ["HR", "PL", "CZ", "FR"] {
            let y = try #require((3..<8).first { g.text(row: $0).contains(" \(cc) ") })
            let line = g.text(row: y)
            columns.insert(DisplayWidth.of(String(line[..<line.range(of: " \(cc) ")!.lowerBound])))
        }
        #expect(columns.count == 1, "the country column starts at the same column on every row: \(columns)")
    }
}
