import Testing
@testable import VetdeskCore
@testable import VetdeskTUI

/// The identity provider's own verdict shows under its sign-in in the Logins panel, quoted and cleaned.
@Suite struct LoginsPanelRiskTests {
    func detail(level: String?, verdict: String?) -> CandidateDetail {
        var d = PanelSample.detail()
        d.logins.recent[0].event.idpRiskLevel = level
        d.logins.recent[0].event.idpRisk = verdict
        return d
    }

    @Test func verdictIsQuotedUnderItsEvent() throws {
        let (g, lines) = renderPanel(LoginsPanel.self, detail(level: "high",
            verdict: "Entra riskLevelDuringSignIn=high; riskEventTypes_v2=[anonymizedIPAddress]\u{1B}[2J"))
        let mark = try #require(g.find("⚑ IdP risk HIGH"))
        #expect(g[mark.x, mark.y].role == .sevHigh)
        // Wrapped, never cut: the vendor's words are the evidence.
        let quoted = (g.text(row: mark.y) + " " + g.text(row: mark.y + 1)).split(separator: " ").joined(separator: " ")
        #expect(quoted.contains("Entra riskLevelDuringSignIn=high; riskEventTypes_v2=[anonymizedIPAddress]"))
        #expect(!lines.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B } }) // control characters cleaned
        // Right under the event it belongs to.
        let risk = try #require(lines.firstIndex { $0.text.contains("IdP risk") })
        #expect(lines[risk - 1].text.contains("45.84.1.7"))
    }

    @Test func asciiAndNoVerdict() throws {
        let (g, _) = renderPanel(LoginsPanel.self, detail(level: "medium", verdict: "Google is_suspicious=true"), ascii: true)
        #expect(g.find("! IdP risk MEDIUM  Google is_suspicious=true") != nil)
        let (plain, _) = renderPanel(LoginsPanel.self, detail(level: nil, verdict: nil))
        #expect(plain.find("IdP risk") == nil)
    }
}
