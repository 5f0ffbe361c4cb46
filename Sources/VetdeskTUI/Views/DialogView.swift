import VetdeskCore

/// The decision dialog: escalation reasons (escalate only), the required note, errors, and its keys.
enum DialogView {
    static func draw(_ s: AppState, _ d: Dialog, into g: inout Grid) {
        let reasons = d.kind == .escalate ? CaseService.escalationReasons : []
        let w = min(g.width - 4, 74)
        let noteWidth = w - 4
        let wanted = 2 + (reasons.isEmpty ? 0 : reasons.count + 2) + 1 + 4 + 1 + 1 + 1
        let h = min(g.height - 2, wanted)
        let rect = Rect(x: (g.width - w) / 2, y: max(1, (g.height - h) / 2), width: w, height: h)
        g.fill(rect, role: .dialog)
        g.box(rect, title: "\(d.kind.verb) \(d.subject)", role: .borderFocused)
        var y = rect.y + 1
        let x = rect.x + 2
        if !reasons.isEmpty {
            g.put("Reason (\(s.ascii ? "Up/Down" : "↑/↓")):", x: x, y: y, role: .dialog, attrs: [.bold]); y += 1
            for (i, r) in reasons.enumerated() {
                let on = d.reasonIndex == i
                let text = (on ? (s.ascii ? "(*) " : "(•) ") : "( ) ") + r.label
                g.put(fit(text, noteWidth, ascii: s.ascii), x: x, y: y, role: on ? .selected : .dialog,
                      attrs: on ? [.bold] : [])
                y += 1
            }
            y += 1
        }
        g.put("Note (required):", x: x, y: y, role: .dialog, attrs: [.bold]); y += 1
        let footerY = rect.maxY - 2
        let noteRows = max(1, footerY - 1 - y)
        let noteLines = wrap(d.text + (d.pending ? "" : (s.ascii ? "_" : "▏")), width: noteWidth)
        let shown = noteLines.suffix(noteRows)
        for row in 0..<noteRows {
            g.fill(Rect(x: x, y: y + row, width: noteWidth, height: 1), role: .input)
        }
        for (i, line) in shown.enumerated() { g.put(line, x: x, y: y + i, role: .input) }
        y += noteRows
        if let error = d.error {
            g.put(Glyphs.flash(.error, ascii: s.ascii) + " " + error, x: x, y: y, role: .flashError,
                  attrs: [.bold], maxWidth: noteWidth)
        } else if d.pending {
            g.put("saving…", x: x, y: y, role: .dim)
        } else if d.targets.count > 1 {
            g.put("applies to \(d.targets.count) candidates", x: x, y: y, role: .dim)
        }
        var fx = x
        for b in KeyMap.hints(for: .dialog) where d.kind == .escalate || b.action != .reasonNext {
            fx += g.put(b.hintKeysText(ascii: s.ascii), x: fx, y: footerY, role: .key, attrs: [.bold])
            fx += g.put(" \(b.hint ?? "")  ", x: fx, y: footerY, role: .dialog)
        }
    }
}
