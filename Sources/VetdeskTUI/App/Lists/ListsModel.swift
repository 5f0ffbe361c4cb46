import VetdeskCore

/// What the Lists screen shows: the loaded lists (authority, publication date, version, records)
/// and the hits of their current versions, read together off the UI thread (ListsLoader).
public struct ListsData: Equatable, Sendable {
    public var lists: [ListStore.ListSummary]
    public var hits: [ListHitRow]
    public init(lists: [ListStore.ListSummary], hits: [ListHitRow]) { self.lists = lists; self.hits = hits }
}

/// The Lists screen's own state: the data once loaded and the selected hit.
public struct ListsState: Equatable, Sendable {
    public var data: ListsData? = nil
    public var error: String? = nil
    /// Index into `data.hits`; the cursor moves over hits only (the lists table is a header).
    public var selected = 0
    public var scroll = 0
    public init() {}
}

/// Everything the Lists screen reacts to. Keys map to these in KeyMap (context `lists`).
public enum ListsAction: Equatable, Sendable {
    case open, close, refresh
    case move(Int), top, bottom, pageDown, pageUp
    /// Enter: open the selected hit's candidate.
    case openHit
    case loaded(ListsData)
    case failed(String)
}

/// The Lists screen's effect: read the lists and hits (EffectRunner runs it off the UI thread).
public enum ListsEffect: Equatable, Sendable { case load }

/// Update for the Lists screen, Bubble Tea style: `Reducer` dispatches `.lists(...)` here.
enum ListsModel {
    /// Hits shown at once: the Lists view's rows below its lists table (see ListsView.layout).
    static func pageSize(_ s: AppState) -> Int { max(1, ListsView.layout(s).hitRows) }

    static func update(_ s: inout AppState, _ action: ListsAction, _ reducer: Reducer) -> [Effect] {
        switch action {
        case .open:
            s.screen = .lists
            s.detail = nil
            if s.lists == nil { s.lists = ListsState() }
            return [.lists(.load)]
        case .close:
            s.screen = .queue
            s.lists = nil
            return []
        case .refresh:
            return [.lists(.load)]
        case let .loaded(data):
            var l = s.lists ?? ListsState()
            l.data = data; l.error = nil
            l.selected = max(0, min(l.selected, data.hits.count - 1))
            s.lists = l
            clamp(&s)
            return []
        case let .failed(message):
            s.lists?.error = message
            return []
        case let .move(d): return move(&s, d)
        case .top: return move(&s, Int.min / 2)
        case .bottom: return move(&s, Int.max / 2)
        case .pageDown: return move(&s, pageSize(s))
        case .pageUp: return move(&s, -pageSize(s))
        case .openHit:
            guard let l = s.lists, let hits = l.data?.hits, l.selected < hits.count else {
                reducer.flash(&s, "no hit selected", .info)
                return []
            }
            s.backStack = []
            return reducer.openDetail(&s, hits[l.selected].candidateId)
        }
    }

    static func move(_ s: inout AppState, _ delta: Int) -> [Effect] {
        guard var l = s.lists, let n = l.data?.hits.count, n > 0 else { return [] }
        let target = delta > 0 ? (l.selected > Int.max - delta ? Int.max : l.selected + delta)
                               : (l.selected < Int.min - delta ? Int.min : l.selected + delta)
        l.selected = max(0, min(n - 1, target))
        s.lists = l
        clamp(&s)
        return []
    }

    /// Keeps the selected hit on screen.
    static func clamp(_ s: inout AppState) {
        guard var l = s.lists else { return }
        let rows = pageSize(s)
        if l.selected < l.scroll { l.scroll = l.selected }
        if l.selected >= l.scroll + rows { l.scroll = l.selected - rows + 1 }
        l.scroll = max(0, min(l.scroll, max(0, (l.data?.hits.count ?? 0) - rows)))
        s.lists = l
    }
}
