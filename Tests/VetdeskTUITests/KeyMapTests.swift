import Testing
@testable import VetdeskTUI

@Suite struct KeyMapTests {
    @Test func noKeyIsBoundTwiceInOneContext() {
        for ctx in KeyContext.allCases {
            var seen: [Key: String] = [:]
            for b in KeyMap.bindings where b.contexts.contains(ctx) {
                for k in b.keys {
                    #expect(seen[k] == nil, "\(k) bound twice in \(ctx): \(seen[k] ?? "") / \(b.help)")
                    seen[k] = b.help
                }
            }
        }
    }

    @Test func helpTextsFitTheOverlayAt80Columns() {
        // 78-column box: borders, padding and a 16-column key field leave 59 for the text.
        for b in KeyMap.bindings { #expect(b.help.count <= 59, "too long for the help overlay: \(b.help)") }
    }

    @Test func noSingleKeyDecides() {
        // Decisions only come from the dialog's submit: no binding maps straight to a status change.
        for b in KeyMap.bindings {
            switch b.action {
            case .openDialog, .take, .release: #expect(b.contexts.allSatisfy { $0 == .queue || $0 == .detail })
            case .inputSubmit: #expect(b.contexts.contains(.dialog) || b.contexts.contains(.input))
            default: break
            }
        }
    }

    @Test func keyDecoderMapsControlAndPrintableKeys() {
        #expect(KeyDecoder.key(char: 27) == .escape)
        #expect(KeyDecoder.key(char: 13) == .enter)
        #expect(KeyDecoder.key(char: 127) == .backspace)
        #expect(KeyDecoder.key(char: 12) == .ctrl("l"))
        #expect(KeyDecoder.key(char: 0x91D1) == .char("金"))
        #expect(KeyDecoder.key(char: 0x1F) == nil)
    }
}
