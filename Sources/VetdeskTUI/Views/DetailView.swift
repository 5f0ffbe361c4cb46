import VetdeskCore

/// The open candidate: a summary line, then the panels (a grid when the terminal is big enough,
/// else one panel at a time under a tab bar). Panel content comes from `DetailState.lines`.
enum DetailView {
    static func draw(_ s: AppState, panels: [any DetailPanel.Type], into g: inout Grid) {
        guard let d = s.detail else { return }
        drawSummary(s, d, into: &g)
        if d.missing {
            g.put("no candidate with id '\(d.candidateId)' (Esc goes back)", x: 2, y: 3, role: .flashError)
            return
        }
        guard d.detail != nil else {
            g.put("loading \(d.candidateId)…", x: 2, y: 3, role: .dim)
            return
        }
        let grid = Layout.isGrid(width: g.width, height: g.height, count: panels.count)
        if !grid { drawTabs(s, d, panels: panels, into: &g) }
        let rects = Layout.panelRects(width: g.width, height: g.height, count: panels.count, focus: d.focus)
        for (i, panel) in panels.enumerated() {
            guard let rect = rects[i], i < d.lines.count else { continue }
            let focused = i == d.focus
            let title = (focused ? Glyphs.cursor(ascii: s.ascii) + " " : "") + "\(i + 1) \(panel.title)"
            g.box(rect, title: title, role: focused ? .borderFocused : .border)
            let inner = rect.inset(1)
            let lines = d.lines[i]
            if lines.isEmpty {
                g.put("nothing recorded", x: inner.x, y: inner.y, role: .dim, maxWidth: inner.width)
                continue
            }
            let scroll = i < d.scroll.count ? d.scroll[i] : 0
            g.draw(lines, in: inner, scroll: scroll, selected: focused ? d.cursor[i] : nil)
            if lines.count > inner.height {
                let pos = " \(min(lines.count, d.cursor[i] + 1))/\(lines.count) "
                g.put(pos, x: rect.maxX - 2 - DisplayWidth.of(pos), y: rect.maxY - 1,
                      role: focused ? .borderFocused : .border)
            }
        }
    }

    static func drawSummary(_ s: AppState, _ d: DetailState, into g: inout Grid) {
        var x = 1
        let name = d.detail?.candidate.fullName ?? ""
        x += g.put(d.candidateId + "  ", x: x, y: 1, role: .dim)
        x += g.put(name, x: x, y: 1, role: .title, attrs: [.bold], maxWidth: max(10, g.width / 3))
        if let k = d.detail?.caseFile {
            let role = Glyphs.bandRole(k.riskBand)
            x += g.put("  risk \(k.riskScore) ", x: x, y: 1, role: role)
            x += g.put(Glyphs.band(k.riskBand, ascii: s.ascii) + " " + k.riskBand.rawValue, x: x, y: 1, role: role,
                       attrs: [.bold])
            x += g.put("  " + k.status.label, x: x, y: 1, role: Glyphs.statusRole(k.status), attrs: [.bold])
            if let a = k.assignee { x += g.put("  held by \(a)", x: x, y: 1, role: .dim) }
        }
        if !s.backStack.isEmpty {
            let back = "\(s.ascii ? "<-" : "←") \(s.backStack.count) back "
            g.put(back, x: g.width - DisplayWidth.of(back), y: 1, role: .dim)
        }
    }

    static func drawTabs(_ s: AppState, _ d: DetailState, panels: [any DetailPanel.Type], into g: inout Grid) {
        var x = 1
        // Full titles when they fit, else their first word ("Identity & interview" -> "Identity").
        let full = panels.map { $0.title }
        let fits = full.reduce(0) { $0 + DisplayWidth.of($1) + 5 } <= g.width - 1
        let titles = fits ? full : full.map { String($0.split(separator: " ").first ?? Substring($0)) }
        // Seven panels at 80 columns: drop the padding around unfocused tabs when even first words overflow.
        let tight = titles.reduce(0) { $0 + DisplayWidth.of($1) + 5 } > g.width - 1
        for i in panels.indices {
            let focused = i == d.focus
            let label = focused ? "[\(i + 1) \(titles[i])]" : tight ? "\(i + 1) \(titles[i])" : " \(i + 1) \(titles[i]) "
            x += g.put(label, x: x, y: 2, role: focused ? .borderFocused : .dim,
                       attrs: focused ? [.bold, .reverse] : [])
            x += 1
        }
    }
}
