import VetdeskCore

/// The decision dialog: escalation reasons (escalate only), the required note, errors, and its keys.
enum DialogView {
    /// The dialog's box and its note area, for a screen of `width` x `height`.
    struct Geometry {
        var rect: Rect, noteX: Int, noteY: Int, noteWidth: Int, noteRows: Int
        init(_ d: Dialog, width: Int, height: Int) {
            let reasons = d.kind == .escalate ? CaseService.escalationReasons.count : 0
            let w = min(width - 4, 74)
            let wanted = 2 + (reasons == 0 ? 0 : reasons + 2) + 1 + 4 + 1 + 1 + 1
            let h = min(height - 2, wanted)
            rect = Rect(x: (width - w) / 2, y: max(1, (height - h) / 2), width: w, height: h)
            noteX = rect.x + 2
            noteWidth = w - 4
            noteY = rect.y + 1 + (reasons == 0 ? 0 : reasons + 2) + 1
            // A long error (a concurrent change) takes rows from the note, up to three.
            noteRows = max(1, rect.maxY - 2 - 1 - noteY - (DialogView.errorLines(d, width: noteWidth).count - 1))
        }
    }

    static func errorLines(_ d: Dialog, width: Int) -> [String] {
        guard let error = d.error else { return [] }
        return Array(wrap("! " + error, width: max(1, width)).prefix(3))
    }

    /// Where the typing caret is (for the screen-reader cursor).
    static func caret(_ s: AppState, _ d: Dialog) -> (x: Int, y: Int) {
        let geo = Geometry(d, width: s.width, height: s.height)
        let lines = wrap(d.text + "_", width: geo.noteWidth)
        let row = min(lines.count, geo.noteRows) - 1
        return (geo.noteX + DisplayWidth.of(lines.last ?? "") - 1, geo.noteY + max(0, row))
    }

    static func draw(_ s: AppState, _ d: Dialog, into g: inout Grid) {
        let reasons = d.kind == .escalate ? CaseService.escalationReasons : []
        let geo = Geometry(d, width: g.width, height: g.height)
        let rect = geo.rect
        let noteWidth = geo.noteWidth
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
        let noteRows = geo.noteRows
        let noteLines = wrap(d.text + (d.pending ? "" : (s.ascii ? "_" : "▏")), width: noteWidth)
        let shown = noteLines.suffix(noteRows)
        for row in 0..<noteRows {
            g.fill(Rect(x: x, y: y + row, width: noteWidth, height: 1), role: .input)
        }
        for (i, line) in shown.enumerated() { g.put(line, x: x, y: y + i, role: .input) }
        y += noteRows
        if d.error != nil {
            for (i, line) in errorLines(d, width: noteWidth).enumerated() where y + i < footerY {
                let text = i == 0 ? Glyphs.flash(.error, ascii: s.ascii) + String(line.dropFirst()) : line
                g.put(text, x: x, y: y + i, role: .flashError, attrs: [.bold], maxWidth: noteWidth)
            }
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
