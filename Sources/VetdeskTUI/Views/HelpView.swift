/// The `?` overlay: every binding of `KeyMap`, grouped by context. Drawn from the table itself,
/// so it cannot drift from what the keys do.
public enum HelpView {
    public static func lines(ascii: Bool) -> [PanelLine] {
        // One section per distinct set of contexts, in table order; each binding listed once.
        var sections: [[KeyContext]] = []
        for b in KeyMap.bindings where !sections.contains(b.contexts) { sections.append(b.contexts) }
        var out: [PanelLine] = []
        for contexts in sections {
            if !out.isEmpty { out.append(PanelLine("")) }
            out.append(PanelLine(contexts.map(\.title).joined(separator: " and "), .title))
            for b in KeyMap.bindings where b.contexts == contexts {
                out.append(PanelLine([Span("  " + fit(b.keysText(ascii: ascii), 14, ascii: ascii), .key, [.bold]),
                                      Span(b.help, .normal)]))
            }
        }
        return out
    }

    public static func lineCount(ascii: Bool) -> Int { lines(ascii: ascii).count }

    static func draw(_ s: AppState, into g: inout Grid) {
        let w = min(g.width - 4, 78), h = g.height - 2
        let rect = Rect(x: (g.width - w) / 2, y: 1, width: w, height: h)
        g.fill(rect, role: .dialog)
        g.box(rect, title: "Keys (\(s.ascii ? "Up/Down" : "↑/↓") scroll, Esc closes)", role: .borderFocused)
        let inner = rect.inset(1)
        let all = lines(ascii: s.ascii)
        let scroll = max(0, min(s.help ?? 0, max(0, all.count - inner.height)))
        g.draw(all, in: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height), scroll: scroll)
        if all.count > inner.height {
            let pos = " \(scroll + 1)-\(min(all.count, scroll + inner.height))/\(all.count) "
            g.put(pos, x: rect.maxX - 2 - pos.count, y: rect.maxY - 1, role: .borderFocused)
        }
    }
}
