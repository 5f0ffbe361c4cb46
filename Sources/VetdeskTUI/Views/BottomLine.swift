/// The last row: what is being typed, else a flash message, else the key hints of the current context.
enum BottomLine {
    static func draw(_ s: AppState, context: KeyContext, into g: inout Grid) {
        let y = g.height - 1
        g.fill(Rect(x: 0, y: y, width: g.width, height: 1), role: .hint)
        let caret = s.ascii ? "_" : "▏"
        switch s.input {
        case .filter:
            let x = g.put("/", x: 0, y: y, role: .key, attrs: [.bold])
            g.put(s.queue.filter + caret, x: x, y: y, role: .input, maxWidth: g.width - x)
            return
        case let .command(text):
            let x = g.put(":", x: 0, y: y, role: .key, attrs: [.bold])
            g.put(text + caret, x: x, y: y, role: .input, maxWidth: g.width - x)
            return
        case .normal: break
        }
        if let f = s.flash {
            g.put(" " + Glyphs.flash(f.level, ascii: s.ascii) + " " + f.text, x: 0, y: y, role: Glyphs.flashRole(f.level),
                  attrs: [.bold])
            return
        }
        if let job = s.job {
            let elapsed = max(0, Int(s.now - job.startedAt))
            g.put(" " + (s.ascii ? "*" : "⟳") + " " + job.label + (job.detail.isEmpty ? "" : ": " + job.detail)
                  + " (\(elapsed) s; the console stays usable)", x: 0, y: y, role: .hint, attrs: [.bold])
            return
        }
        var x = 1
        for b in KeyMap.hints(for: context) {
            let keys = b.hintKeysText(ascii: s.ascii), label = b.hint ?? ""
            let need = DisplayWidth.of(keys) + DisplayWidth.of(label) + 3
            guard x + need <= g.width else { break }
            x += g.put(keys, x: x, y: y, role: .key, attrs: [.bold])
            x += g.put(" " + label + "  ", x: x, y: y, role: .hint)
        }
    }
}
