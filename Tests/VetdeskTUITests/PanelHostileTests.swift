import Testing
@testable import VetdeskCore
@testable import VetdeskTUI

/// Data is attacker-controlled (a candidate writes their own name): escape sequences, bidi
/// overrides and huge fields must reach the screen neither raw nor wider than the panel.
@Suite struct PanelHostileTests {
    static let escape = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31m"
    static let bidi = "\u{202E}gnp.exe\u{202C}"
    static let huge = String(repeating: "W", count: 10_240)

    static func hostileDetail() -> CandidateDetail {
        let evil = "Eve\(escape)\(bidi)\u{0}\u{7F}\u{9B}x"
        var d = PanelSample.detail(name: evil + huge, holder: evil + huge)
        d.candidate.address = huge
        d.candidate.email = escape + "e@x"
        d.flags[0].summary = evil + huge
        d.flags[0].evidence.append(Evidence(kind: .candidate, ref: evil, detail: huge))
        d.links.append(CandidateLink(kind: .email, otherId: "Z-1", otherName: evil + huge, otherStatus: .new, otherRisk: 5,
                                     via: evil + huge))
        d.history[1].note = evil + " " + huge
        d.history[1].analyst = evil
        d.logins.recent[0].event.deviceId = evil
        d.logins.networks[0].asName = evil + huge
        d.interviews[0].notes = huge
        return d
    }

    static func assertClean(_ text: String, _ where_: String) {
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 || $0.value < 0x20 },
                "control character in \(where_)")
        #expect(!text.unicodeScalars.contains { Sanitize.bidi.contains($0.value) }, "bidi control in \(where_)")
        #expect(!text.contains("pwned") && !text.contains("[2J") && !text.contains("[31m"), "escape residue in \(where_)")
    }

    @Test func everyPanelSanitisesAndStaysInsideItsWidth() {
        let d = Self.hostileDetail()
        for width in [78, 40] {
            for panel in DetailPanels.all {
                let lines = panel.lines(for: d, width: width, ascii: false)
                for line in lines {
                    Self.assertClean(line.text, panel.id)
                    #expect(DisplayWidth.of(line.text) <= width, "\(panel.id) line wider than \(width): \(line.text.prefix(40))")
                }
                // Huge fields are cut, not laid out in full: a 10 KB name costs a few lines at most.
                #expect(lines.count < 400, "\(panel.id) drew \(lines.count) lines")
            }
        }
    }

    @Test func gridHoldsNoControlCharacters() {
        let d = Self.hostileDetail()
        for panel in DetailPanels.all {
            let (g, _) = renderPanel(panel, d, height: 200)
            for y in 0..<g.height { Self.assertClean(g.text(row: y), panel.id) }
        }
    }

    @Test func hugeNameIsTruncatedWithAnEllipsis() throws {
        let d = Self.hostileDetail()
        let (g, _) = renderPanel(IdentityPanel.self, d)
        let name = try #require(g.find("Eve"))
        let row = g.text(row: name.y)
        #expect(row.contains("gnp.exe"))           // the text stays, its bidi override goes
        #expect(row.contains("WWW"))
        let next = g.text(row: name.y + 1)
        #expect(next.contains("…"))                  // two lines of name at most, then an ellipsis
        let (links, lines) = renderPanel(LinksPanel.self, d)
        #expect(lines.contains { $0.link == "Z-1" })
        #expect(links.find("…") != nil)
    }

    @Test func plainTextForTheCLIIsClean() {
        let text = DetailText.render(Self.hostileDetail(), width: 100, ascii: false)
        Self.assertClean(text.replacingOccurrences(of: "\n", with: " "), "show")
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 100) }
        for panel in DetailPanels.all { #expect(text.contains("── \(panel.title) ")) }
    }

    @Test func wrapBreaksLongWordsByDisplayWidth() {
        let wide = String(repeating: "李", count: 30)
        let lines = PanelText.wrap("a " + wide, width: 11)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 11 })
        #expect(lines.joined().replacingOccurrences(of: "a", with: "").count == 30)
        let capped = PanelText.wrap(String(repeating: "x ", count: 500), width: 10, maxLines: 3, ascii: true)
        #expect(capped.count == 3 && capped[2].hasSuffix("~"))
    }
}
