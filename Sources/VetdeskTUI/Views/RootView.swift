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
        }
        let context: KeyContext = s.dialog != nil ? .dialog : s.help != nil ? .help
            : s.input != .normal ? .input : (s.screen == .queue ? .queue : .detail)
        BottomLine.draw(s, context: context, into: &g)
        if s.help != nil { HelpView.draw(s, into: &g) }
        if let d = s.dialog { DialogView.draw(s, d, into: &g) }
        return g
    }
}
