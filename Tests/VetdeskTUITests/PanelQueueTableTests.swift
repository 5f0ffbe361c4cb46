import GRDB
import Testing
@testable import VetdeskCore
@testable import VetdeskTUI

@Suite struct PanelQueueTableTests {
    static func row(_ id: String, _ name: String, score: Int, status: CaseStatus = .new, flags: String = "") throws -> QueueRow {
        try QueueRow(row: Row([
            "candidate_id": id, "full_name": name, "email": nil, "declared_country": "DE", "platform": "upwork",
            "status": status.rawValue, "assignee": nil, "risk_score": score, "risk_band": RiskBand.forScore(score).rawValue,
            "top_flags": flags, "opened_at": 0, "updated_at": 0, "version": 0,
        ]))
    }

    @Test func columnsAlignWhateverTheNames() throws {
        let rows = [
            try Self.row("C-1", "Jan Novak", score: 91, status: .escalated, flags: "shared_payment_account,known_dprk_vpn"),
            try Self.row("C-2", "李小龍 \u{1B}[31mred\u{202E}", score: 40),
            try Self.row("C-3", String(repeating: "W", count: 10_000), score: 5),
        ]
        let text = QueueTable.render(rows, offset: 10, total: 300, width: 130, ascii: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("  #  SCORE  BAND"))
        // The country column starts at the same display column on every row.
        let header = lines[0]
        let ccColumn = DisplayWidth.of(String(header[..<header.range(of: "CC")!.lowerBound]))
        for line in lines[1...3] {
            #expect(DisplayWidth.of(line) <= 130)
            let prefix = line.range(of: "DE  upwork").map { DisplayWidth.of(String(line[..<$0.lowerBound])) }
            #expect(prefix == ccColumn, "misaligned: \(line)")
            #expect(!line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        }
        #expect(lines[1].hasPrefix(" 11     91  ████ critical  C-1"))
        #expect(lines[1].contains("escalated") && lines[1].contains("shared_payment_account,known_dprk_vpn"))
        #expect(lines[3].contains("…"))
        #expect(lines[4] == "rows 11-13 of 300")
    }

    @Test func emptyPageSaysSo() {
        let text = QueueTable.render([], offset: 0, total: 0, width: 100, ascii: true)
        #expect(text.contains("(no candidate matches)"))
    }
}
