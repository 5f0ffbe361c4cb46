import CSV
import Foundation
import Testing
@testable import VetdeskCore

/// Issue 11: `cat export.csv` / `cat export.json` replays nothing. CSV cells lose ESC, BEL, C0/C1
/// controls and bidi overrides (and formula prefixes); JSON escapes C1 and bidi controls as \u.
@Suite struct ExportSanitiseTests {
    static let hostile = "Eve\u{1B}[2J\u{1B}]52;c;cm0gLXJm\u{07}\u{9B}31m\u{202E}exe.txt\u{85}\u{7F}\u{1}"

    func exported(_ format: Exporter.Format) throws -> String {
        let f = try CaseFixture()
        defer { f.remove() }
        try f.store.pool.write { db in try CaseFixture.insertCandidate(db, id: "H-1", name: Self.hostile) }
        try CaseService(store: f.store).apply(.note, to: "H-1", analyst: "alice", note: "\u{1B}[31m=cmd\nline 2 \u{2066}x",
                                              expectedVersion: nil)
        let e = Exporter(store: f.store)
        return try e.render(format, e.load(.cases(["H-1"])))
    }

    /// Terminal-active scalars: C0 except line breaks, DEL, C1, bidi controls.
    static func active(_ text: String, allowing: Set<UInt32> = [0x0A, 0x0D]) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { v in
            !allowing.contains(v) && (v < 0x20 || (0x7F...0x9F).contains(v) || Sanitize.bidi.contains(v))
        }
    }

    @Test func csvCellsCarryNoTerminalControls() throws {
        let text = try exported(.csv)
        #expect(Self.active(text).isEmpty, "\(text.debugDescription)")
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let header = try #require(reader.headerRow)
        let row = try #require(reader.next())
        let name = row[try #require(header.firstIndex(of: "full_name"))]
        #expect(name.hasPrefix("Eve") && name.contains("exe.txt") && !name.contains("52;c"))
        // The control-prefixed formula is still caught once the escape sequence is gone.
        #expect(row[try #require(header.firstIndex(of: "last_note"))] == "'=cmd\nline 2 x")
    }

    @Test func jsonExportsEscapeC1AndBidi() throws {
        for format in [Exporter.Format.json, .stix, .misp] {
            let text = try exported(format)
            #expect(Self.active(text, allowing: [0x0A]).isEmpty, "\(format): raw control in \(text.debugDescription.prefix(300))")
            #expect(text.contains("\\u009b") && text.contains("\\u202e"), "\(format) escapes them")
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8))
        }
        let json = try exported(.json)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let c = try #require((doc["cases"] as? [[String: Any]])?.first)
        let candidate = try #require(c["candidate"] as? [String: Any])
        #expect(candidate["full_name"] as? String == Self.hostile, "escaped, not altered: the JSON holds the data")
    }
}
