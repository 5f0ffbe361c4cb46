import Foundation
import Testing
@testable import VetdeskCore
@testable import VetdeskTUI

/// The Rings screens end to end on a real store: keys, effects run by the EffectRunner, results back.
@Suite struct RingsScreenTests {
    let reducer = Reducer(panels: DetailPanels.all)

    /// Three candidates sharing one email (a ring), and a fourth on their own.
    func store() throws -> TestStore {
        try TestStore([
            .init(id: "C-101", name: "Kim Chol", score: 92, band: "critical", email: "team@example.org"),
            .init(id: "C-102", name: "Lee Min", score: 80, band: "high", email: "TEAM@example.org"),
            .init(id: "C-103", name: "Pak Su", score: 70, band: "high", email: "team@example.org"),
            .init(id: "C-104", name: "Jane Doe", score: 10, band: "low", email: "jane@example.org"),
        ])
    }

    func runner(_ t: TestStore) -> EffectRunner {
        let paths = StorePaths.resolve(explicitStore: t.store.path,
                                       environment: ["HOME": t.dir, "XDG_DATA_HOME": t.dir + "/data"])
        return EffectRunner(store: t.store, options: ConsoleOptions(analyst: "t1", paths: paths),
                            themes: ThemeCatalog(directories: [ThemeTests.shippedDir]))
    }

    /// Runs effects (inline: no job thread in tests) and feeds their actions back, as the runtime does.
    func run(_ s: inout AppState, _ effects: [Effect], _ r: EffectRunner) {
        var pending = effects
        while !pending.isEmpty {
            let e = pending.removeFirst()
            guard case .ring = e else { continue }   // only the ring work matters here
            for a in r.perform(e) { pending += reducer.update(&s, a) }
        }
    }

    @Test func rFromTheQueueListsRingsAndEnterDrawsTheTopOne() throws {
        let t = try store()
        let r = runner(t)
        var s = loadedState(try t.rows(), width: 100, height: 30)
        run(&s, reducer.handleKey(&s, .char("R")), r)
        #expect(s.screen == .rings && s.rings.loaded)
        #expect(s.rings.list.map(\.size) == [3])
        var g = RootView.render(s, panels: reducer.panels)
        let row = try #require(g.find("R-000001"))
        #expect(g.text(row: row.y).contains("email×"))
        #expect(g.text(row: row.y).contains("new 3"))
        #expect(g.lines[29].contains("Enter open"), "\(g.lines[29])")
        run(&s, reducer.handleKey(&s, .enter), r)
        g = RootView.render(s, panels: reducer.panels)
        for id in ["C-101", "C-102", "C-103"] { #expect(g.find(id) != nil) }
        #expect(g.find("email") != nil)
        #expect(g.find("C-101 applied") == nil, "no application date in this store")
        #expect(g.lines[29].contains("e escalate ring"), "\(g.lines[29])")
        // `:rings` gets there from anywhere too.
        var other = loadedState(try t.rows())
        _ = reducer.handleKey(&other, .char(":"))
        for c in "rings" { _ = reducer.handleKey(&other, .char(c)) }
        #expect(reducer.handleKey(&other, .enter) == [.ring(.loadList)])
        #expect(other.screen == .rings)
    }

    @Test func escalatingTheRingNamesWhatSomeoneElseDecidedMeanwhile() throws {
        let t = try store()
        let r = runner(t)
        var s = loadedState(try t.rows(), width: 100, height: 30)
        run(&s, reducer.handleKey(&s, .char("R")), r)
        run(&s, reducer.handleKey(&s, .enter), r)
        _ = reducer.handleKey(&s, .char("e"))
        let d = try #require(s.dialog)
        #expect(d.ringId == "R-000001" && d.subject == "ring R-000001 (3 members)")
        #expect(RootView.render(s, panels: reducer.panels).find("Escalate ring R-000001 (3 members)") != nil)
        // Meanwhile another analyst clears one member.
        _ = try CaseService(store: try Store(path: t.store.path)).apply(.clear, to: "C-102", analyst: "t2",
                                                                      note: "verified", expectedVersion: nil)
        _ = reducer.handleKey(&s, .down)
        for c in "one payout email for three personas" { _ = reducer.handleKey(&s, .char(c)) }
        let effects = reducer.handleKey(&s, .enter)
        guard case let .ring(.decide(ring, action, note))? = effects.first else { Issue.record("\(effects)"); return }
        #expect(ring == "R-000001" && note == "one payout email for three personas")
        #expect(action == .escalate(reason: CaseService.escalationReasons[0].code))
        run(&s, effects, r)
        #expect(s.dialog == nil)
        let flash = try #require(s.flash)
        #expect(flash.level == .warn)
        #expect(flash.text.contains("escalated 2 of 3 in ring R-000001"), "\(flash.text)")
        #expect(flash.text.contains("C-102 now cleared by t2"), "\(flash.text)")
        let service = CaseService(store: t.store)
        #expect(try service.caseFile("C-102")?.status == .cleared, "not overwritten")
        for id in ["C-101", "C-103"] {
            #expect(try service.caseFile(id)?.status == .escalated)
            #expect(try service.history(id).last?.note == "[ring R-000001] one payout email for three personas")
        }
        // The reloaded ring shows the decisions in its timeline and on the nodes.
        let g = RootView.render(s, panels: reducer.panels)
        #expect(g.find("C-101 escalate [") != nil)
        #expect(g.find("escalated") != nil)
    }

    @Test func xExportsTheRingAsOneMarkdownReport() throws {
        let t = try store()
        let r = runner(t)
        var s = loadedState(try t.rows(), width: 100, height: 30)
        run(&s, reducer.handleKey(&s, .char("R")), r)
        run(&s, reducer.handleKey(&s, .enter), r)
        let effects = reducer.handleKey(&s, .char("x"))
        #expect(effects == [.ring(.export(ring: "R-000001"))])
        let actions = r.perform(effects[0])
        guard case let .flash(text, .info)? = actions.first else { Issue.record("\(actions)"); return }
        let path = try #require(text.components(separatedBy: " to ").last)
        #expect(text.hasPrefix("exported ring R-000001 (3 cases)"))
        let md = try String(contentsOfFile: path, encoding: .utf8)
        #expect(md.hasPrefix("# Ring R-000001: 3 members"))
        for id in ["C-101", "C-102", "C-103"] { #expect(md.contains(id)) }
        #expect(!md.contains("C-104"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aReadonlySessionCannotDecideARing() throws {
        var s = AppState(width: 100, height: 30, storeName: "t", analyst: "t1", readonly: true)
        let ring = RingGraphTests.five()
        _ = reducer.update(&s, .ring(.openRing(ring.id)))
        _ = reducer.update(&s, .ring(.ringLoaded(id: ring.id, ring: ring, timeline: [])))
        #expect(reducer.handleKey(&s, .char("e")).isEmpty)
        #expect(s.dialog == nil && s.flash?.text.contains("read-only") == true)
    }

    @Test func timelineIsInOrderWithApplicationsPaymentsLoginsAndDecisions() {
        let ring = Ring(id: "R-1", members: [RingGraphTests.member(1), RingGraphTests.member(2)],
                        edges: [RingEdge("C-000001", "C-000002", kind: .paymentAccount, value: "iban X", firstSeen: 300),
                                RingEdge("C-000001", "C-000002", kind: .device, value: "device D", firstSeen: 200)],
                        score: 90, firstSeen: 200, lastSeen: 300, events: [])
        let h = HistoryEntry(seq: 1, candidateId: "C-000002", at: 400, analyst: "t\u{1B}[2J1", action: "escalate",
                             fromStatus: "new", toStatus: "escalated", reasonCode: "laptop_farm", note: "n",
                             prevHash: "", hash: "")
        let items = RingTimeline.items(ring, applied: ["C-000001": 100, "C-000002": 150], history: [h])
        #expect(items.map(\.kind) == [.application, .application, .login, .payment, .decision])
        #expect(items[2].text == "first login from shared device (device D): C-000001, C-000002")
        #expect(items[4].text.hasPrefix("C-000002 escalate [laptop_farm] by t"))
        #expect(!items[4].text.contains("\u{1B}"))
    }
}
