import VetdeskCore

/// Row 0: store, analyst, counts by status and the live indicator.
enum HeaderView {
    static func draw(_ s: AppState, into g: inout Grid) {
        let row = Rect(x: 0, y: 0, width: g.width, height: 1)
        g.fill(row, role: .header)
        let live: (String, Role)
        if s.storeError != nil { live = ((s.ascii ? "x" : "✗") + " store error", .flashError) }
        else if s.live { live = ((s.ascii ? "*" : "●") + " live", .live) }
        else { live = ((s.ascii ? "||" : "‖") + " paused", .flashWarn) }
        let liveX = g.width - DisplayWidth.of(live.0) - 1
        g.put(live.0, x: liveX, y: 0, role: live.1, attrs: [.bold])

        var x = 1
        x += g.put("Vetdesk", x: x, y: 0, role: .header, attrs: [.bold])
        let sep = s.ascii ? " | " : " │ "
        x += g.put(sep, x: x, y: 0, role: .header)
        let counts: [(CaseStatus, String, String)] = [(.new, "new", "new"), (.inReview, "review", "rev"),
                                                      (.cleared, "cleared", "clr"), (.escalated, "escalated", "esc"),
                                                      (.referred, "referred", "ref")]
        let long = counts.map { "\($0.1) \(s.counts[$0.0] ?? 0)" }.joined(separator: " ")
        let useShort = g.width < 110
        let who = Sanitize.forDisplay("\(s.analyst)@\(s.storeName)")
        let countsWidth = DisplayWidth.of(useShort ? counts.map { "\($0.2) \(s.counts[$0.0] ?? 0)" }
            .joined(separator: " ") : long)
        let whoWidth = max(8, liveX - x - countsWidth - DisplayWidth.of(sep) - 1)
        x += g.put(fit(who, min(whoWidth, DisplayWidth.of(who)), ascii: s.ascii), x: x, y: 0, role: .header)
        if s.readonly { x += g.put(" [read-only]", x: x, y: 0, role: .header, attrs: [.bold]) }
        x += g.put(sep, x: x, y: 0, role: .header)
        guard s.countsKnown else {
            g.put(s.ascii ? "counting..." : "counting…", x: x, y: 0, role: .header, maxWidth: max(0, liveX - 1 - x))
            return
        }
        for (status, label, short) in counts {
            guard x < liveX - 1 else { break }
            x += g.put(useShort ? short : label, x: x, y: 0, role: .header, maxWidth: liveX - 1 - x)
            x += g.put(" \(s.counts[status] ?? 0) ", x: x, y: 0, role: .header, attrs: [.bold],
                       maxWidth: liveX - 1 - x)
        }
    }
}
