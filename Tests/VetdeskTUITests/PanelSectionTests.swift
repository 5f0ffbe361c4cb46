import Testing
@testable import VetdeskTUI

/// PanelText.section, used by the Activity and Logins panels for their titled lists.
@Suite struct PanelSectionTests {
    @Test func emptyListsAddNothingAndOthersComeAfterABlankAndTheirTitle() {
        #expect(PanelText.section("Top repositories and files", [String](), width: 40, ascii: false) { PanelLine($0) }.isEmpty)
        let lines = PanelText.section("IPs used for transfers", ["198.51.100.7", "203.0.113.9"], width: 40, ascii: true) { PanelLine($0) }
        #expect(lines.count == 4)
        #expect(lines[0].text.isEmpty)
        #expect(lines[1].text.contains("IPs used for transfers"))
        #expect(lines.suffix(2).map(\.text) == ["198.51.100.7", "203.0.113.9"])
    }
}
