import VetdeskCore

/// The Rings view: one line per ring, by score: id, size, score, the members' bands (one glyph each),
/// age since the ring was first seen, statuses, and the strongest shared identifiers by kind.
enum RingsListView {
    static func draw(_ s: AppState, into g: inout Grid) {
        let r = s.rings
        var x = 1
        x += g.put("Rings", x: x, y: 1, role: .title, attrs: [.bold])
        let what = r.loaded ? "  \(r.list.count) ring\(r.list.count == 1 ? "" : "s") by score" : ""
        x += g.put(what, x: x, y: 1, role: .dim)
        if r.loading { g.put(s.ascii ? "  loading..." : "  loading…", x: x, y: 1, role: .dim) }
        if r.loaded && r.list.count > 0 {
            let pos = "\(r.selected + 1)/\(r.list.count)"
            g.put(pos, x: g.width - DisplayWidth.of(pos) - 1, y: 1, role: .dim)
        }
        let head = fit("", 2) + fit("RING", 10) + fit("SIZE", 5) + fit("SCORE", 6) + fit("BANDS", 12) + fit("AGE", 5)
            + fit("STATUS", 18) + "STRONGEST SHARED"
        g.put(head, x: 0, y: 2, role: .dim, attrs: [.bold], maxWidth: g.width)
        guard r.loaded else { return }
        guard !r.list.isEmpty else {
            g.put("no rings: no two candidates share a strong identifier (docs/rings.md)", x: 2, y: 4, role: .dim)
            return
        }
        let visible = s.ringsVisibleRows
        for row in 0..<visible {
            let i = r.scroll + row
            guard i < r.list.count else { break }
            let ring = r.list[i], y = 3 + row, on = i == r.selected
            let cursor = on ? Glyphs.cursor(ascii: s.ascii) + " " : "  "
            let bands = ring.members.prefix(9).map { Glyphs.band(RiskBand(rawValue: $0.band) ?? .none, ascii: s.ascii) }
                .joined() + (ring.size > 9 ? "+" : "")
            let age = ring.firstSeen.map { Glyphs.age(seconds: s.now - Double($0)) } ?? "-"
            let kinds = ring.strongestKinds.map { "\($0.kind.rawValue)×\($0.count)" }.joined(separator: " ")
            var cx = 0
            cx += g.put(cursor, x: cx, y: y, role: on ? .selected : .normal, attrs: on ? [.bold] : [])
            cx += g.put(fit(ring.id, 10, ascii: s.ascii), x: cx, y: y, role: on ? .selected : .title, attrs: [.bold])
            cx += g.put(fit("\(ring.size)", 5), x: cx, y: y, role: on ? .selected : .normal)
            cx += g.put(fit("\(ring.score)", 6), x: cx, y: y, role: on ? .selected : .normal, attrs: [.bold])
            let top = RiskBand(rawValue: ring.members.first?.band ?? "") ?? .none
            cx += g.put(fit(bands, 12, ascii: s.ascii), x: cx, y: y, role: on ? .selected : Glyphs.bandRole(top))
            cx += g.put(fit(age, 5), x: cx, y: y, role: on ? .selected : .dim)
            cx += g.put(fit(ring.statusSummary, 18, ascii: s.ascii), x: cx, y: y, role: on ? .selected : .normal)
            g.put(fit(kinds, max(0, g.width - cx), ascii: s.ascii), x: cx, y: y, role: on ? .selected : .normal)
        }
    }
}
