import Testing
@testable import VetdeskCore
@testable import VetdeskTUI

/// Rings as the console draws them: pure layouts, checked on the in-memory grid.
@Suite struct RingGraphTests {
    let reducer = Reducer(panels: DetailPanels.all)

    static func member(_ i: Int, band: String = "critical", status: String = "new") -> RingMember {
        RingMember(candidateId: String(format: "C-%06d", i), name: "Person \(i)", risk: 90 - i, band: band,
                   status: status, joinedAt: 1_700_000_000)
    }

    /// Twelve members: a payout IBAN, a device, a ship-to, a phone, an email and a chain of referrals.
    static func twelve() -> Ring {
        let ids = (1...12).map { String(format: "C-%06d", $0) }
        var edges: [RingEdge] = []
        func share(_ kind: RingEdge.Kind, _ value: String, _ members: [Int], at: Int64 = 1_700_000_000) {
            for m in members.dropFirst() { edges.append(RingEdge(ids[members[0] - 1], ids[m - 1], kind: kind, value: value,
                                                                 firstSeen: at, lastSeen: at)) }
        }
        share(.paymentAccount, "iban LT453250029002985291", [1, 2, 3, 4])
        share(.device, "device 9f3c-laptop-farm", [4, 5, 6, 7])
        share(.shipTo, "ship-to Industrieweg 41, Rotterdam", [7, 8, 9, 10])
        share(.phone, "+48600111222", [10, 11])
        share(.email, "team@example.org", [11, 12])
        edges.append(RingEdge(ids[0], ids[11], kind: .referral, value: "referral", firstSeen: 1_690_000_000))
        return Ring(id: "R-000007", members: (1...12).map { member($0) }, edges: edges, score: 100,
                    firstSeen: 1_690_000_000, lastSeen: 1_700_000_000, events: [])
    }

    static func five() -> Ring {
        let m = (20...24).map { member($0) }
        let edges = [RingEdge(m[0].candidateId, m[1].candidateId, kind: .paymentAccount, value: "iban BE90967638238502"),
                     RingEdge(m[0].candidateId, m[2].candidateId, kind: .paymentAccount, value: "iban BE90967638238502"),
                     RingEdge(m[2].candidateId, m[3].candidateId, kind: .shipTo, value: "ship-to c/o ParcelBridge"),
                     RingEdge(m[3].candidateId, m[4].candidateId, kind: .resume, value: "be90e12666c91ab6e2a4ae88")]
        return Ring(id: "R-000002", members: m, edges: edges, score: 100, firstSeen: nil, lastSeen: nil, events: [])
    }

    func ringScreen(_ ring: Ring, width: Int, height: Int, ascii: Bool = false) -> AppState {
        var s = AppState(width: width, height: height, storeName: "test.sqlite", analyst: "t1", ascii: ascii)
        _ = reducer.update(&s, .ring(.openRing(ring.id)))
        _ = reducer.update(&s, .ring(.ringLoaded(id: ring.id, ring: ring, timeline: [
            RingTimelineItem(at: 1_690_000_000, kind: .application, text: "C-000001 applied"),
            RingTimelineItem(at: 1_700_000_000, kind: .payment, text: "first shared payment (iban LT45…): C-000001, C-000002"),
        ])))
        return s
    }

    @Test func twelveMembersAreDrawnWholeAt200x60WithoutOverlaps() throws {
        for ascii in [false, true] {
            let ring = Self.twelve()
            let s = ringScreen(ring, width: 200, height: 60, ascii: ascii)
            let layout = try #require(RingView.layout(ring, width: 200, height: 60, ascii: ascii), "12 members fit at 200x60")
            let g = RootView.render(s, panels: reducer.panels)
            for m in ring.members { #expect(g.find(m.candidateId) != nil, "member \(m.candidateId) not drawn") }
            for (i, a) in layout.nodes.enumerated() {
                for b in layout.nodes[(i + 1)...] {
                    let apart = a.rect.maxX <= b.rect.x || b.rect.maxX <= a.rect.x || a.rect.maxY <= b.rect.y || b.rect.maxY <= a.rect.y
                    #expect(apart, "boxes of members \(a.member) and \(b.member) overlap")
                }
                #expect(1 + a.rect.maxX <= 200 && 4 + a.rect.maxY <= 59, "box off screen")
            }
            for kind in Set(ring.edges.map(\.kind)) {
                #expect(g.find(kind.rawValue) != nil, "edge kind \(kind.rawValue) not labelled")
            }
            // Junctions join members to their tracks; the selected member is drawn with double lines.
            let all = g.lines.joined(separator: "\n")
            #expect(all.contains(ascii ? "#" : "╔"))
            #expect(all.contains(ascii ? "+" : "┴"))
            #expect(g.find("Timeline (2)") != nil)
            #expect(g.find("C-000001 applied") != nil)
            #expect(!ascii || g.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "ASCII fallback leaks")
        }
    }

    @Test func everyMemberSitsOnTheTracksOfWhatItShares() throws {
        let ring = Self.twelve()
        let layout = try #require(RingGraph.layout(ring, width: 198, height: 52))
        let g = RootView.render(ringScreen(ring, width: 200, height: 60), panels: reducer.panels)
        for t in layout.tracks {
            for m in t.members {
                let cell = g[1 + layout.nodes[m].port, 4 + t.y].text
                #expect("┼┴┬┘└┐┌┤├".contains(cell), "member \(m) on \(t.kind.rawValue): '\(cell)'")
            }
            // A line that only crosses a track is drawn straight through it.
            for node in layout.nodes where !t.members.contains(node.member) && node.port > t.x0 && node.port < t.x1 {
                let ys = layout.tracks.filter { $0.members.contains(node.member) }.map(\.y)
                if node.top ? ys.contains(where: { $0 > t.y }) : ys.contains(where: { $0 < t.y }) {
                    #expect(g[1 + node.port, 4 + t.y].text == "│")
                }
            }
        }
    }

    @Test func twelveMembersAt80x24FallBackToTheGroupedList() throws {
        let ring = Self.twelve()
        #expect(RingView.layout(ring, width: 80, height: 24, ascii: false) == nil)
        var s = ringScreen(ring, width: 80, height: 24)
        var g = RootView.render(s, panels: reducer.panels)
        #expect(g.find("Too big to draw at 80x24: shared, by kind") != nil)
        // Every member of a shared value is listed (ids wrap), not cut off.
        for id in ["C-000001", "C-000002", "C-000003", "C-000004"] {
            #expect(g.lines.contains { $0.dropFirst(28).contains(id) }, "\(id) not in the grouped list")
        }
        for kind in ["payment_account", "device", "ship_to", "phone", "email", "referral"] {
            #expect(g.find(kind) != nil, "kind \(kind) missing from the grouped list")
        }
        for line in g.lines { #expect(DisplayWidth.of(line) <= 80) }
        // The selection walks the list, which scrolls to keep it in view.
        for _ in 0..<11 { _ = reducer.handleKey(&s, .char("j")) }
        #expect(s.rings.open?.node == 11)
        g = RootView.render(s, panels: reducer.panels)
        let row = try #require(g.find("C-000012"))
        #expect(g.text(row: row.y).hasPrefix(" ▸"))
    }

    @Test func fiveMembersAreDrawnAt80x24InTwoRows() throws {
        let ring = Self.five()
        let layout = try #require(RingView.layout(ring, width: 80, height: 24, ascii: false))
        #expect(Set(layout.nodes.map(\.top)) == [true, false])
        let g = RootView.render(ringScreen(ring, width: 80, height: 24), panels: reducer.panels)
        for m in ring.members { #expect(g.find(m.candidateId) != nil) }
        for kind in ["payment_account", "ship_to", "resume"] { #expect(g.find(kind) != nil) }
        #expect(g.find("Timeline") != nil)
        for line in g.lines { #expect(DisplayWidth.of(line) <= 80) }
    }

    @Test func hostileValuesAreSanitisedOnScreen() throws {
        var ring = Self.five()
        ring.members[0].candidateId = "C-\u{1B}[31mX"
        ring.members[0].name = "Evil\u{1B}]52;c;AAAA\u{07}Name"
        ring.edges[0] = RingEdge(ring.members[0].candidateId, ring.members[1].candidateId, kind: .paymentAccount,
                                 value: "iban \u{1B}[2J\u{9B}31m")
        let g = RootView.render(ringScreen(ring, width: 120, height: 40), panels: reducer.panels)
        for line in g.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(line)")
        }
    }

    @Test func selectionMovesAcrossNodesAndEnterOpensTheMember() throws {
        let ring = Self.twelve()
        var s = ringScreen(ring, width: 200, height: 60)
        let layout = try #require(RingView.layout(ring, width: 200, height: 60, ascii: false))
        let byX = layout.nodes.sorted { $0.port < $1.port }.map(\.member)
        #expect(s.rings.open?.node == 0)
        _ = reducer.handleKey(&s, .char("G"))
        #expect(s.rings.open?.node == byX.last)
        _ = reducer.handleKey(&s, .char("g"))
        #expect(s.rings.open?.node == byX.first)
        _ = reducer.handleKey(&s, .right)
        _ = reducer.handleKey(&s, .char("l"))
        #expect(s.rings.open?.node == byX[2])
        _ = reducer.handleKey(&s, .char("h"))
        #expect(s.rings.open?.node == byX[1])
        let id = ring.members[byX[1]].candidateId
        let effects = reducer.handleKey(&s, .enter)
        #expect(effects == [.loadDetail(id)])
        #expect(s.screen == .detail)
        let back = reducer.handleKey(&s, .escape)
        #expect(s.screen == .rings && s.rings.open?.node == byX[1], "back returns to the ring, same member selected")
        #expect(back == [.ring(.loadRing(ring.id))])
        _ = reducer.handleKey(&s, .escape)
        #expect(s.screen == .rings && s.rings.open == nil, "Esc from the ring shows the list")
        _ = reducer.handleKey(&s, .escape)
        #expect(s.screen == .queue)
    }
}
