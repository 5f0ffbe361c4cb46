import Testing
import VetdeskCore
@testable import VetdeskTUI

/// "Redraws touch only what changed": the backend writes the cells FrameDiff plans, nothing else.
@Suite struct FrameDiffTests {
    let reducer = Reducer(panels: DetailPanels.all)

    @Test func firstFrameIsFullThenAnUnchangedFrameWritesNothing() throws {
        let s = loadedState(try TestStore().rows())
        let g = RootView.render(s, panels: reducer.panels)
        let first = FrameDiff.plan(from: nil, to: g)
        #expect(first.full)
        #expect(first.cells.count > 80 * 20)
        #expect(FrameDiff.plan(from: g, to: RootView.render(s, panels: reducer.panels)).cells.isEmpty)
    }

    @Test func aOneRowChangeWritesOnlyCellsOfThatRow() throws {
        let t = try TestStore()
        var s = loadedState(try t.rows())
        let before = RootView.render(s, panels: reducer.panels)
        // Another analyst escalates Jane Doe (row 4 on screen): the live refresh brings the new row.
        var rows = try t.rows()
        let i = try #require(rows.firstIndex { $0.fullName == "Jane Doe" })
        rows[i].status = .escalated
        rows[i].version += 1
        _ = reducer.update(&s, .queueLoaded(rows: rows, offset: 0, total: rows.count, refresh: true))
        let after = RootView.render(s, panels: reducer.panels)
        let plan = FrameDiff.plan(from: before, to: after)
        let y = try #require(after.find("Jane Doe")).y
        #expect(!plan.full)
        #expect(!plan.cells.isEmpty)
        #expect(plan.cells.allSatisfy { $0.y == y }, "cells written outside row \(y): \(plan.cells.filter { $0.y != y })")
        // The change mark, the name (bold now) and the status word: far fewer than a full row of 80.
        #expect(plan.cells.count < 40, "wrote \(plan.cells.count) cells for one changed row")
        #expect(after.text(row: y).contains("Δ") && after.text(row: y).contains("escalated"))
    }

    @Test func movingTheSelectionRewritesTheTwoRowsAndThePosition() throws {
        var s = loadedState(try TestStore().rows())
        let before = RootView.render(s, panels: reducer.panels)
        _ = reducer.handleKey(&s, .char("j"))
        let after = RootView.render(s, panels: reducer.panels)
        let rows = Set(FrameDiff.plan(from: before, to: after).cells.map(\.y))
        #expect(rows == [1, 3, 4], "view line (position), old and new selected rows; got \(rows.sorted())")
    }

    @Test func aResizeRepaintsEverything() throws {
        var s = loadedState(try TestStore().rows())
        let before = RootView.render(s, panels: reducer.panels)
        _ = reducer.update(&s, .resize(width: 100, height: 30))
        let plan = FrameDiff.plan(from: before, to: RootView.render(s, panels: reducer.panels))
        #expect(plan.full && plan.cells.count >= 100 * 29)
    }
}
