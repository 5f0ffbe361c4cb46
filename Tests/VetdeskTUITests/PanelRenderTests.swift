import Testing
@testable import VetdeskCore
@testable import VetdeskTUI

/// Draws a panel the way the console does: into a Grid, inside a 78-column rect.
func renderPanel(_ panel: any DetailPanel.Type, _ d: CandidateDetail, ascii: Bool = false, height: Int = 80) -> (Grid, [PanelLine]) {
    var g = Grid(width: 80, height: height, ascii: ascii)
    let lines = panel.lines(for: d, width: 78, ascii: ascii)
    g.draw(lines, in: Rect(x: 1, y: 0, width: 78, height: height))
    return (g, lines)
}

@Suite struct PanelRenderTests {
    @Test func panelsAreListedInOrder() {
        #expect(DetailPanels.all.map { $0.id } == ["indicators", "payments", "logins", "activity", "identity", "links", "history"])
        #expect(DetailPanels.all.map { $0.title } == ["Indicators", "Payments", "Logins", "Activity", "Identity & interview", "Links", "History"])
        #expect(DetailPanels.panel(id: "logins").map { ObjectIdentifier($0) } == ObjectIdentifier(LoginsPanel.self))
    }

    @Test func indicatorsShowSeverityWordsByWeightWithEvidenceAndSource() throws {
        let (g, lines) = renderPanel(IndicatorsPanel.self, PanelSample.detail())
        let text = g.lines.joined(separator: "\n")
        for word in ["DECISIVE", "HIGH", "LOW"] { #expect(text.contains(word)) }
        let decisive = try #require(g.find("shared_payment_account"))
        let high = try #require(g.find("known_dprk_vpn"))
        let low = try #require(g.find("voip_phone"))
        #expect(decisive.y < high.y && high.y < low.y)
        // The severity glyph carries the severity role (and the word says it without colour).
        let glyph = try #require(g.find("◆ DECISIVE"))
        #expect(g[glyph.x, glyph.y].role == .sevDecisive)
        #expect(g[try #require(g.find("▲ HIGH")).x, high.y].role == .sevHigh)
        #expect(text.contains("Logins through a VPN named in DPRK reporting"))
        #expect(text.contains("2026-01-05 01:10Z 45.84.1.7 NL AS9009 Astrill VPN"))
        #expect(text.contains("source: FBI PSA I-051624 (May 2024)"))
        // Evidence about another candidate is a link line naming it.
        let link = try #require(lines.first { $0.link != nil })
        #expect(link.link == "C-7")
        #expect(link.text.contains("C-7"))
        #expect(text.contains("Risk 91"))
        #expect(text.contains("critical"))
    }

    @Test func indicatorsAsciiHasNoNonASCII() {
        let (_, lines) = renderPanel(IndicatorsPanel.self, PanelSample.detail(), ascii: true)
        #expect(lines.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(lines.contains { $0.text.contains("!! DECISIVE") })
    }

    @Test func paymentsMarkAHolderWhoIsNotTheCandidate() throws {
        let (g, lines) = renderPanel(PaymentsPanel.self, PanelSample.detail(holder: "Kim Chol"))
        let holder = try #require(g.find("Kim Chol"))
        let mark = try #require(g.find("≠ declared: Jan Novak"))
        #expect(mark.y == holder.y)
        #expect(g[mark.x, mark.y].role == .sevHigh)
        #expect(g.find("✓ IBAN valid") != nil)
        #expect(g.find("DE89 3704 0044 0532 0130 00") != nil)
        #expect(g.find("⚠ SHARED with 1 other candidate") != nil)
        #expect(lines.contains { $0.link == "C-7" && $0.text.contains("Cara") && $0.text.contains("escalated") })
        #expect(g.find("1000.00 EUR") != nil)

        let (same, _) = renderPanel(PaymentsPanel.self, PanelSample.detail(holder: "NOVAK, Jan"))
        #expect(same.find("≠ declared") == nil)
        #expect(same.find("matches declared name") != nil)

        let (ascii, _) = renderPanel(PaymentsPanel.self, PanelSample.detail(holder: "Kim Chol"), ascii: true)
        #expect(ascii.find("!= declared: Jan Novak") != nil)
    }

    @Test func loginsSummaryMarksVPNsAndProviders() throws {
        let (g, _) = renderPanel(LoginsPanel.self, PanelSample.detail())
        let net = try #require(g.find("AS9009"))
        #expect(g.text(row: net.y).contains("⚠ VPN+DPRK-NAMED"))
        #expect(g.text(row: net.y).contains("Astrill VPN"))
        #expect(g.find("NL 200 (90%)") != nil)
        // The recent event line: IP, country, AS, mark, device, outcome.
        let ev = try #require(g.find("45.84.1.7"))
        let row = g.text(row: ev.y)
        #expect(row.contains("2026-01-05 01:00Z") && row.contains("NL") && row.contains("AS9009") && row.contains("VPN")
                && row.contains("dev-1") && row.contains("ok"))
        #expect(g.find("TinyPilot KVM (2e8a:000a) on dev-1") != nil)
        #expect(g.find("⚠ not approved") != nil)
    }

    /// Column of hour `h` in a heatmap row drawn at rect.x = 1 (4-column day label, 2 columns per hour).
    static func heatX(_ h: Int) -> Int { 1 + 4 + 2 * h }

    @Test func heatmapShowsAUTCPlus9WorkingDay() throws {
        let (g, _) = renderPanel(LoginsPanel.self, PanelSample.detail())
        let axis = try #require(g.find("0001020304"))
        #expect(axis.x == Self.heatX(0))
        #expect(g.text(row: axis.y).contains("23 UTC"))
        let mon = try #require(g.find("Mon "))
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        for (i, day) in days.enumerated() { #expect(g.text(row: mon.y + i).dropFirst().hasPrefix(day)) }
        for d in 0..<5 {
            let y = mon.y + d
            // 02 UTC is the busiest cell: full block; other working hours 4/16 -> lightest shade.
            #expect(g[Self.heatX(2), y].text == "█" && g[Self.heatX(2) + 1, y].text == "█")
            #expect(g[Self.heatX(2), y].role == .heat4)
            #expect(g[Self.heatX(0), y].text == "░" && g[Self.heatX(0), y].role == .heat1)
            #expect(g[Self.heatX(8), y].text == "░")
            // Outside 00-09 UTC nothing.
            for h in 9..<24 { #expect(g[Self.heatX(h), y].text == " " && g[Self.heatX(h), y].role == .heat0) }
        }
        for h in 0..<24 { #expect(g[Self.heatX(h), mon.y + 5].text == " ") } // Saturday empty
        #expect(g[Self.heatX(20), mon.y + 6].text == "░")                    // one Sunday event still shows
        #expect(g.find("at UTC+9") != nil)
    }

    @Test func heatmapAsciiFallback() throws {
        var map = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        map[0][0] = 1; map[0][1] = 2; map[0][2] = 3; map[0][3] = 4  // quarter steps of the max
        let (g, lines) = renderPanel(LoginsPanel.self, PanelSample.detail(heatmap: map), ascii: true)
        let mon = try #require(g.find("Mon "))
        #expect((0..<4).map { g[Self.heatX($0), mon.y].text } == [".", ":", "*", "#"])
        #expect((1...4).map { g[Self.heatX($0 - 1), mon.y].role } == [.heat1, .heat2, .heat3, .heat4])
        #expect(lines.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func heatmapNarrowUsesOneColumnPerHour() {
        let lines = LoginsPanel.lines(for: PanelSample.detail(), width: 40, ascii: false)
        let mon = lines.first { $0.text.hasPrefix("Mon ") }
        #expect(mon.map { Array($0.text)[4 + 2] } == "█")
        #expect(lines.allSatisfy { DisplayWidth.of($0.text) <= 40 })
    }

    @Test func identityShowsDeclaredDataWithMismatchMarks() throws {
        let (g, lines) = renderPanel(IdentityPanel.self, PanelSample.detail())
        let ship = try #require(g.find("12 Warehouse Rd, Newark (US)"))
        #expect(g.text(row: ship.y).contains("≠ COUNTRY CZ"))
        #expect(g.text(row: try #require(g.find("+420600100200 (voip)")).y).contains("⚠ VoIP"))
        #expect(g.find("≠ FAILED") != nil)
        #expect(g.find("≠ FACE MISMATCH") != nil)
        #expect(g.find("camera ⚠ REFUSED") != nil)
        #expect(g.text(row: try #require(g.find("Profile loc.")).y).contains("≠ declared CZ"))
        #expect(g.find("20 EUR/h (market 60)") != nil)
        #expect(lines.contains { $0.link == "R-9" && $0.text.contains("Rita") })
    }

    @Test func linksAreGroupedAndNavigable() throws {
        let (g, lines) = renderPanel(LinksPanel.self, PanelSample.detail())
        #expect(g.find("3 linked candidates") != nil)
        let ipHeader = try #require(g.find("shared login IP (1)"))
        let accountHeader = try #require(g.find("shared payment account (1)"))
        #expect(ipHeader.y < accountHeader.y)
        let linkLines = lines.filter { $0.link != nil }
        #expect(linkLines.map(\.link) == ["B-2", "C-7", "R-9"])
        for l in linkLines { #expect(l.text.contains(l.link!)) }
        let bob = try #require(linkLines.first)
        #expect(bob.text.contains("Bob") && bob.text.contains("new") && bob.text.contains("risk  40")
                && bob.text.contains("via 45.84.1.7 (Astrill VPN)"))
        #expect(lines.first { $0.link == "R-9" }?.text.contains("no case") == true)
    }

    @Test func historyShowsEveryEntryWithWrappedNotes() throws {
        let (g, lines) = renderPanel(HistoryPanel.self, PanelSample.detail())
        let take = try #require(g.find("TAKE"))
        #expect(g.text(row: take.y).contains("2026-01-05 00:00Z"))
        #expect(g.text(row: take.y).contains("ana"))
        #expect(g.text(row: take.y).contains("new → in_review"))
        #expect(g[take.x, take.y].role == .statusInReview)
        let noteLines = lines.filter { $0.text.hasPrefix("  Payroll") || $0.text.hasPrefix("  C-7") || $0.text.contains("same IBAN") }
        #expect(noteLines.count >= 3)                                       // 216 characters wrapped at 76
        #expect(lines.allSatisfy { DisplayWidth.of($0.text) <= 78 })
        let words = lines.map(\.text).joined(separator: " ").split(separator: " ")
        #expect(words.filter { $0 == "Payroll" }.count == 6)                // nothing lost in wrapping
    }

    @Test func emptyDetailRendersPlaceholders() {
        let d = CandidateDetail(candidate: Candidate(id: "X", fullName: "Nobody", updatedAt: 0))
        for panel in DetailPanels.all {
            let lines = panel.lines(for: d, width: 78, ascii: false)
            #expect(!lines.isEmpty, "\(panel.id) draws nothing for an empty candidate")
        }
        #expect(HistoryPanel.lines(for: d, width: 78, ascii: false).first?.text == "No decision or note yet.")
    }
}
