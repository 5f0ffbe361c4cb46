import Foundation
import VetdeskCore

/// `vetdesk bench-query --frames N` (make bench): the console's own work for N frames of the queue
/// with the selection moving, i.e. what a key costs before ncurses writes it: reducer, render and
/// frame diff, no terminal. Run under callgrind it gives a stable instruction count per frame.
public enum FrameBench {
    /// Loads the first page of `store`'s queue as the console does, then draws `frames` frames
    /// (j five times, k five times, ...). Returns the cells the diffs planned (so nothing is optimised away).
    public static func run(store: Store, frames: Int, width: Int = 120, height: Int = 40) throws -> Int {
        let reducer = Reducer(panels: DetailPanels.all)
        var s = AppState(width: width, height: height, storeName: "bench", analyst: "bench")
        for effect in reducer.update(&s, .start(now: Date().timeIntervalSince1970)) {
            if case let .loadFirstPage(q) = effect { _ = reducer.update(&s, .firstPageLoaded(rows: try store.queue(q))) }
        }
        var previous = RootView.render(s, panels: reducer.panels)
        var cells = 0
        for i in 0..<frames {
            _ = reducer.handleKey(&s, .char((i / 5) % 2 == 0 ? "j" : "k"))
            let next = RootView.render(s, panels: reducer.panels)
            cells += FrameDiff.plan(from: previous, to: next).cells.count
            previous = next
        }
        return cells
    }
}
