/// The whole screen as a function of the state.
public enum RootView {
    public static func render(_ s: AppState, panels: [any DetailPanel.Type]) -> Grid {
        var g = Grid(width: s.width, height: s.height, ascii: s.ascii)
        if s.tooSmall {
            let msg = "too small: need \(AppState.minWidth)x\(AppState.minHeight)"
            let now = "(now \(s.width)x\(s.height))"
            g.put(msg, x: max(0, (s.width - msg.count) / 2), y: max(0, s.height / 2 - 1), role: .flashWarn, attrs: [.bold])
            g.put(now, x: max(0, (s.width - now.count) / 2), y: max(0, s.height / 2), role: .dim)
            return g
        }
        HeaderView.draw(s, into: &g)
        switch s.screen {
        case .queue: QueueView.draw(s, into: &g)
        case .detail: DetailView.draw(s, panels: panels, into: &g)
        case .rings: if let open = s.rings.open { RingView.draw(s, open, into: &g) } else { RingsListView.draw(s, into: &g) }
        case .lists: ListsView.draw(s, into: &g)
        }
        let context = Reducer(panels: panels).context(s)
        BottomLine.draw(s, context: context, into: &g)
        if s.help != nil { HelpView.draw(s, into: &g) }
        if let d = s.dialog { DialogView.draw(s, d, into: &g) }
        return g
    }

    /// Where the screen-reader cursor (`--cursor`) goes: the caret of the text being typed, else
    /// the start of the selected queue row or panel line; nil when nothing is selectable.
    public static func cursor(_ s: AppState, panels: [any DetailPanel.Type]) -> (x: Int, y: Int)? {
        if s.tooSmall { return nil }
        if let d = s.dialog { return DialogView.caret(s, d) }
        switch s.input {
        case .filter: return (min(s.width - 1, 1 + DisplayWidth.of(s.queue.filter)), s.height - 1)
        case let .command(text): return (min(s.width - 1, 1 + DisplayWidth.of(text)), s.height - 1)
        case .normal: break
        }
        if s.help != nil { return nil }
        switch s.screen {
        case .queue:
            guard s.queue.total > 0 else { return nil }
            return (0, 3 + s.queue.selected - s.queue.scroll)
        case .rings:
            guard s.rings.open == nil, !s.rings.list.isEmpty else { return nil }
            return (0, 3 + s.rings.selected - s.rings.scroll)
        case .lists: return ListsView.cursor(s)
        case .detail:
            guard let d = s.detail, d.focus < d.cursor.count, d.focus < panels.count else { return nil }
            let rects = Layout.panelRects(width: s.width, height: s.height, count: panels.count, focus: d.focus)
            guard let inner = rects[d.focus]?.inset(1) else { return nil }
            return (inner.x, inner.y + d.cursor[d.focus] - d.scroll[d.focus])
        }
    }
}
