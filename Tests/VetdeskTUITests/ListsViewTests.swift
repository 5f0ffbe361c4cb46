import Foundation
import Testing
import VetdeskCore
@testable import VetdeskTUI

/// The Lists screen against a real store: a list saved through ListStore, hits recorded by a real
/// rescore, loaded as the console loads them (ListsLoader), drawn into a Grid.
@Suite struct ListsViewTests {
    let reducer = Reducer(panels: DetailPanels.all)

    /// The sample queue plus a candidate whose e-mail and name are on the list.
    static func storeWithHits() throws -> TestStore {
        let t = try TestStore()
        try t.add([TestStore.Person(id: "C-005", name: "Gim Sangman", country: "US", email: "Kim.SangMan.IT+jobs@gmail.com")])
        var doc = ListDocument(name: "OFAC SDN", authority: "US Treasury OFAC", publishedAt: "2025-07-24",
                               version: "2025-07-24", format: "ofac-sdn-xml")
        var r = ListRecord(recordId: "36218", kind: .person,
                           names: [ListName(name: "KIM Sang Man", strength: .primary), ListName(name: "Jacob Sparrow", strength: .weak)])
        r.identifiers = [ListIdentifier(kind: .email, value: "kimsangmanit@gmail.com")]
        doc.records = [r]
        _ = try ListStore(store: t.store).save(doc)
        _ = try Rescorer(store: t.store, config: RuleConfig()).rescoreAll()
        return t
    }

    func openLists(_ t: TestStore, key: Key = .char("L")) throws -> AppState {
        var s = loadedState(try t.rows())
        let effects = reducer.handleKey(&s, key)
        #expect(effects == [.lists(.load)])
        #expect(s.screen == .lists)
        _ = reducer.update(&s, ListsLoader.load(t.store))
        return s
    }

    @Test func showsTheListsAndTheirHitsWithExplanations() throws {
        let t = try Self.storeWithHits()
        let s = try openLists(t)
        let g = RootView.render(s, panels: reducer.panels)
        let text = g.lines.joined(separator: "\n")
        let (_, y) = try #require(g.find("OFAC SDN"))
        let listLine = g.text(row: y)
        #expect(listLine.contains("US Treasury") && listLine.contains("2025-07-24"), "\(listLine)")
        #expect(g.lines[2].contains("PUBLISHED") && g.lines[2].contains("VERSION") && g.lines[2].contains("ENTRIES"))
        // Identifier hit first, then the name match, each naming candidate, list record and matched value.
        let ident = try #require(g.find("identifier"), "\(g.lines.joined(separator: "\n"))")
        let identLine = g.text(row: ident.y)
        #expect(identLine.contains("Gim Sangman") && identLine.contains("OFAC SDN:36218"), "\(identLine)")
        #expect(identLine.contains("kimsangmanit@gmail.com"))
        #expect(g[ident.x, ident.y].role == .selected)
        let strong = try #require(g.find("strong"))
        #expect(g.text(row: strong.y).contains("KIM Sang Man") && g.text(row: strong.y).contains("1.00"))
        #expect(g[strong.x, strong.y].role == .sevMedium)
        // The selected hit's explanation, with the list version it came from.
        #expect(text.contains("C-005 email · OFAC SDN version 2025-07-24, record 36218"), "\(text)")
        #expect(text.contains("provider dots and +tags ignored"))
        #expect(g.lines[23].contains("open") && g.lines[23].contains("back"), "\(g.lines[23])")
        for line in g.lines { #expect(DisplayWidth.of(line) <= 80) }
    }

    @Test func enterOpensTheCandidateAndEscapeComesBack() throws {
        let t = try Self.storeWithHits()
        var s = try openLists(t)
        _ = reducer.handleKey(&s, .down)
        #expect(s.lists?.selected == 1)
        let effects = reducer.handleKey(&s, .enter)
        #expect(effects.contains(.loadDetail("C-005")))
        #expect(s.screen == .detail && s.detail?.candidateId == "C-005")
        _ = reducer.handleKey(&s, .escape)
        #expect(s.screen == .lists, "back from a hit's candidate returns to the Lists screen")
        _ = reducer.handleKey(&s, .char("q"))
        #expect(s.screen == .queue && s.lists == nil)
        _ = reducer.handleKey(&s, .char("q"))
        #expect(s.quitting, "q on the queue still quits")
    }

    @Test func commandOpensListsAndAnEmptyStoreSaysHowToLoadOne() throws {
        let t = try TestStore()
        var s = loadedState(try t.rows())
        _ = reducer.update(&s, .startCommand)
        for c in "lists" { _ = reducer.update(&s, .inputChar(c)) }
        let effects = reducer.update(&s, .inputSubmit)
        #expect(effects == [.lists(.load)] && s.screen == .lists)
        #expect(RootView.render(s, panels: reducer.panels).lines.joined().contains("loading"))
        _ = reducer.update(&s, ListsLoader.load(t.store))
        let g = RootView.render(s, panels: reducer.panels)
        #expect(g.lines.joined().contains("no lists loaded: vetdesk lists import"))
        #expect(reducer.handleKey(&s, .enter).isEmpty, "Enter with no hit opens nothing")
    }

    @Test func loadingRunsOnTheBackgroundWorker() throws {
        let t = try Self.storeWithHits()
        let paths = StorePaths.resolve(explicitStore: t.store.path,
                                       environment: ["HOME": t.dir, "XDG_DATA_HOME": t.dir + "/data"])
        let runner = EffectRunner(store: t.store, options: ConsoleOptions(analyst: "t1", paths: paths),
                                  themes: ThemeCatalog(directories: [ThemeTests.shippedDir]))
        let jobs = BackgroundJobs()
        runner.background = jobs
        #expect(runner.perform(.lists(.load)).isEmpty, "nothing comes back on the UI thread")
        jobs.waitUntilIdle()
        guard case let .lists(.loaded(data))? = jobs.drain().first else { Issue.record("no loaded action"); return }
        #expect(data.lists.map(\.name) == ["OFAC SDN"])
        #expect(data.hits.map(\.level) == ["identifier", "strong"])
        #expect(data.hits.allSatisfy { $0.version == "2025-07-24" })
    }

    @Test func selectionStaysOnScreenWhenMovingPastThePage() throws {
        let t = try Self.storeWithHits()
        var s = try openLists(t)
        var data = try #require(s.lists?.data)
        data.hits = (0..<60).map { i in
            var h = data.hits[0]; h.candidateId = "C-\(i)"; h.candidateName = "Person \(i)"; return h
        }
        _ = reducer.update(&s, .lists(.loaded(data)))
        _ = reducer.handleKey(&s, .char("G"))
        #expect(s.lists?.selected == 59)
        let g = RootView.render(s, panels: reducer.panels)
        let last = try #require(g.find("Person 59 "))
        #expect(g[last.x, last.y].role == .selected)
        #expect(RootView.cursor(s, panels: reducer.panels)?.y == last.y)
    }

    @Test func caseHistoryNamesTheListVersionOfEachHit() throws {
        let t = try Self.storeWithHits()
        func history() throws -> String {
            let detail = try #require(try t.store.candidateDetail("C-005"))
            return HistoryPanel.lines(for: detail, width: 100, ascii: false).map { $0.spans.map(\.text).joined() }.joined(separator: "\n")
        }
        let before = try history()
        #expect(before.contains("OFAC SDN 2025-07-24 record 36218  identifier"), "\(before)")
        #expect(before.contains("full_name: 1.00 strong"), "\(before)")
        #expect(!before.contains("since replaced"))
        // A newer version replaces the list: the old hits stay in the history, marked as such.
        var doc = ListDocument(name: "OFAC SDN", authority: "US Treasury OFAC", publishedAt: "2025-08-01",
                               version: "2025-08-01", format: "ofac-sdn-xml")
        doc.records = [ListRecord(recordId: "36218", kind: .person, names: [ListName(name: "KIM Sang Man", strength: .primary)])]
        _ = try ListStore(store: t.store).save(doc)
        _ = try Rescorer(store: t.store, config: RuleConfig()).rescoreDirty()
        let after = try history()
        #expect(after.contains("OFAC SDN 2025-07-24 record 36218  identifier (version since replaced)"), "\(after)")
        #expect(after.contains("OFAC SDN 2025-08-01 record 36218  strong"), "\(after)")
    }
}
