import Testing
@testable import VetdeskCore
@testable import VetdeskTUI

/// The Activity panel (issue 10) drawn into the in-memory grid, as the console draws it.
@Suite struct ActivityPanelTests {
    static let day0 = PanelSample.t0 / 86400

    static func detail() -> CandidateDetail {
        var d = PanelSample.detail()
        var a = TransferActivity()
        // 4 clones every other day for 60 days, then 140 in one night.
        a.days = stride(from: Int64(0), to: 60, by: 2).map { TransferDayCount(day: day0 + $0, events: 4) }
            + [TransferDayCount(day: day0 + 61, events: 140)]
        a.objects = [TransferObjectUse(object: "acme/payments-api", events: 31, peersTouching: 0, kind: "repository"),
                     TransferObjectUse(object: "Engineering/plan\u{1B}[31m.docx", events: 2, peersTouching: 3, kind: "file")]
        a.ips = [TransferIPUse(ip: "5.101.96.180", events: 140, firstAt: PanelSample.t0, lastAt: PanelSample.t0,
                               info: IPInfo(ip: "5.101.96.180", country: "NL", asn: 14061, asName: "DIGITALOCEAN-ASN",
                                            providerKind: "hosting", lookedUpAt: 0), seenInSignIns: false),
                 TransferIPUse(ip: "62.153.1.2", events: 120, firstAt: PanelSample.t0, lastAt: PanelSample.t0,
                               info: IPInfo(ip: "62.153.1.2", country: "DE", asn: 3320, asName: "Deutsche Telekom AG",
                                            lookedUpAt: 0), seenInSignIns: true)]
        a.commitHoursUTC[1] = 9; a.commitHoursUTC[3] = 2
        a.commitOffsets = [CommitOffsetUse(offsetMinutes: 540, commits: 11, firstAt: PanelSample.t0, lastAt: PanelSample.t0)]
        d.activity = a
        return d
    }

    @Test func sparklineMarksTheSpikeAboveTheBaseline() throws {
        let (g, _) = renderPanel(ActivityPanel.self, Self.detail())
        let text = g.lines.joined(separator: "\n")
        #expect(text.contains("260 clones and downloads on 31 days"))
        #expect(text.contains("baseline 4/day (median active day) · peak 140 on 2026-03-07"))
        let peak = try #require(g.find("█"))
        #expect(g[peak.x, peak.y].role == .sevHigh)
        // An ordinary day sits at the baseline: dim.
        let ordinary = try #require(g.find("▁"))
        #expect(g[ordinary.x, ordinary.y].role == .dim)
    }

    @Test func ipsObjectsAndHoursCarryTheirContext() throws {
        let (g, lines) = renderPanel(ActivityPanel.self, Self.detail())
        let vps = try #require(g.find("5.101.96.180"))
        #expect(g.lines[vps.y].contains("⚠ HOSTING"))
        #expect(g.lines[vps.y].contains("⚠ never in sign-ins"))
        #expect(g.lines[try #require(g.find("62.153.1.2")).y].contains("also in sign-ins"))
        #expect(g.find("acme/payments-api") != nil)
        #expect(!lines.contains { $0.text.contains("\u{1B}") }, "object names are sanitised")
        let commits = try #require(g.find("  commits"))
        let logins = try #require(g.find("  logins"))
        #expect(logins.y == commits.y + 1)
        #expect(g.find("UTC+09:00 11") != nil)
    }

    @Test func fitsNarrowAndASCII() {
        for width in [40, 60, 78, 198] {
            let lines = ActivityPanel.lines(for: Self.detail(), width: width, ascii: true)
            #expect(lines.allSatisfy { DisplayWidth.of($0.text) <= width }, "width \(width)")
            #expect(lines.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) })
        }
    }

    @Test func withoutActivityItSaysSo() {
        var d = PanelSample.detail()
        d.activity = nil
        let lines = ActivityPanel.lines(for: d, width: 78, ascii: false)
        #expect(lines.contains { $0.text.contains("No clone, download or commit on record.") })
    }

    /// The panel in the console at both reference sizes: one tab among seven at 80x24 (every tab
    /// still named), part of the three-column grid at 200x60, with stored transfers read back.
    @Test func consoleLayoutsAt80x24And200x60() throws {
        let v = DetailViewTests()
        let t = try v.linkedStore()
        try TransferEventWriter.insertAll(t.store, (0..<3).map { k in
            TransferEventRecord(source: .github, candidateId: "C-001", actor: "c1", occurredAt: 1_700_000_000 + Int64(k) * 60,
                                ip: "198.51.100.7", action: .clone, vendorAction: "git.clone", object: "acme/repo-\(k)",
                                objectKind: "repository")
        })
        var small = try v.openDetail(t)
        _ = v.reducer.handleKey(&small, .char("4"))
        let g = RootView.render(small, panels: v.reducer.panels)
        #expect(g.lines[2].contains("[4 Activity]") && g.lines[2].contains("7 History"), "tab bar: \(g.lines[2])")
        #expect(g.lines[3].contains("4 Activity"))
        #expect(g.lines.joined(separator: "\n").contains("3 clones and downloads on 1 day"))
        #expect(g.lines.allSatisfy { DisplayWidth.of($0) <= 80 })

        #expect(Layout.isGrid(width: 200, height: 60, count: DetailPanels.all.count))
        let wide = try v.openDetail(t, width: 200, height: 60)
        let screen = RootView.render(wide, panels: v.reducer.panels).lines.joined(separator: "\n")
        #expect(screen.contains("4 Activity") && screen.contains("acme/repo-0"))
    }
}
