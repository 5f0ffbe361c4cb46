import VetdeskCore

/// One ring: a title line, the selected member, the ring drawn (RingGraph) with its timeline beside or
/// below it; when the drawing does not fit, the members and their shared identifiers grouped by kind.
enum RingView {
    /// Rows the timeline keeps under a drawing, at least.
    static let minTimelineRows = 4

    /// The space the drawing gets on a `width` x `height` screen: below the header, the two title lines
    /// and a blank row; above a blank row, the timeline's rows and the bottom line.
    static func graphArea(width: Int, height: Int) -> (width: Int, height: Int) {
        (width - 2, height - 4 - 1 - minTimelineRows - 1)
    }

    /// The layout the ring screen uses at this size; nil means the grouped list.
    static func layout(_ ring: Ring, width: Int, height: Int, ascii: Bool) -> RingLayout? {
        let area = graphArea(width: width, height: height)
        return RingGraph.layout(ring, width: area.width, height: area.height, ascii: ascii)
    }

    static func draw(_ s: AppState, _ open: OpenRing, into g: inout Grid) {
        guard let ring = open.ring else {
            let text = open.problem ?? ("loading ring \(open.id)" + (s.ascii ? "..." : "…"))
            g.put(text, x: 2, y: 2, role: open.problem == nil ? .dim : .flashError, maxWidth: g.width - 4)
            return
        }
        drawTitle(s, ring, into: &g)
        drawSelected(s, ring, open, into: &g)
        let top = 4
        if let layout = layout(ring, width: g.width, height: g.height, ascii: s.ascii) {
            RingGraph.draw(ring, layout, selected: open.node, at: 1, top, into: &g)
            // Beside when the drawing leaves 50 columns, else below it.
            if layout.width + 1 + 4 + 50 <= g.width {
                let x = layout.width + 5
                drawTimeline(s, open, in: Rect(x: x, y: top, width: g.width - x - 1, height: g.height - 1 - top), into: &g)
            } else {
                let y = top + layout.height + 1
                drawTimeline(s, open, in: Rect(x: 1, y: y, width: g.width - 2, height: g.height - 1 - y), into: &g)
            }
        } else {
            let bottom = drawGrouped(s, ring, open, top: top, into: &g)
            drawTimeline(s, open, in: Rect(x: 1, y: bottom + 1, width: g.width - 2, height: g.height - 2 - bottom), into: &g)
        }
    }

    static func drawTitle(_ s: AppState, _ ring: Ring, into g: inout Grid) {
        var x = 1
        x += g.put("Ring \(ring.id)", x: x, y: 1, role: .title, attrs: [.bold])
        let span = [ring.firstSeen, ring.lastSeen].compactMap { $0 }.map { String(Time.iso($0).prefix(10)) }
        let text = "  \(ring.size) members  score \(ring.score)  \(ring.statusSummary)"
            + (span.isEmpty ? "" : "  seen \(span.joined(separator: s.ascii ? " - " : " – "))")
        g.put(text, x: x, y: 1, role: .normal, maxWidth: g.width - x - 1)
    }

    /// "▸ C-000020 Emily Wright  critical 99  new  shares payment_account, ship_to"
    static func drawSelected(_ s: AppState, _ ring: Ring, _ open: OpenRing, into g: inout Grid) {
        guard let m = open.selectedMember else { return }
        var x = 1
        x += g.put(Glyphs.cursor(ascii: s.ascii) + " ", x: x, y: 2, role: .borderFocused, attrs: [.bold])
        x += g.put(m.candidateId + "  ", x: x, y: 2, role: .title, attrs: [.bold])
        x += g.put(m.name, x: x, y: 2, role: .normal, maxWidth: max(8, g.width / 4))
        let band = RiskBand(rawValue: m.band) ?? .none
        x += g.put("  \(m.band) \(m.risk)", x: x, y: 2, role: Glyphs.bandRole(band))
        x += g.put("  " + (CaseStatus(rawValue: m.status)?.label ?? m.status), x: x, y: 2,
                   role: CaseStatus(rawValue: m.status).map(Glyphs.statusRole) ?? .dim, attrs: [.bold])
        let kinds = RingGraph.groups(ring).filter { $0.members.contains(m.candidateId) }.map(\.kind.rawValue)
        var unique: [String] = []
        for k in kinds where !unique.contains(k) { unique.append(k) }
        g.put("  shares " + unique.joined(separator: ", "), x: x, y: 2, role: .dim,
              maxWidth: max(0, g.width - x - 1))
    }

    /// Too big to draw here: members (selectable) on the left, shared identifiers grouped by kind on the
    /// right. Returns the last row used.
    static func drawGrouped(_ s: AppState, _ ring: Ring, _ open: OpenRing, top: Int, into g: inout Grid) -> Int {
        // Narrow members (the selected one's name is on the line above), so the groups get the room.
        let leftWidth = min(44, max(26, g.width / 3))
        let rows = max(1, (g.height - 1 - top) * 2 / 3 - 1)
        g.put("Members", x: 1, y: top, role: .dim, attrs: [.bold], maxWidth: leftWidth)
        let scroll = max(0, min(open.node - rows + 1, ring.members.count - rows))
        var y = top + 1
        for (i, m) in ring.members.enumerated().dropFirst(max(0, scroll)).prefix(rows) {
            let on = i == open.node
            let band = RiskBand(rawValue: m.band) ?? .none
            let text = (on ? Glyphs.cursor(ascii: s.ascii) : " ") + " " + m.candidateId + " "
                + Glyphs.band(band, ascii: s.ascii) + " \(m.risk) " + (CaseStatus(rawValue: m.status)?.label ?? m.status)
                + "  " + Sanitize.forDisplay(m.name)
            g.put(fit(text, leftWidth, ascii: s.ascii), x: 1, y: y, role: on ? .selected : .normal, attrs: on ? [.bold] : [])
            y += 1
        }
        let rx = leftWidth + 3, rw = g.width - rx - 1
        var ry = top
        g.put("Too big to draw at \(g.width)x\(g.height): shared, by kind", x: rx, y: ry, role: .dim, attrs: [.bold],
              maxWidth: rw)
        ry += 1
        // By kind: a kind with one shared value takes one entry ("phone +4860…: C-1 C-2"), else a heading
        // with its values under it. Every member of a group is listed: the ids wrap under it.
        let groups = RingGraph.groups(ring)
        var kinds: [RingEdge.Kind] = []
        for group in groups where !kinds.contains(group.kind) { kinds.append(group.kind) }
        // Lines first, then the window: when they do not all fit, the window starts at the selected
        // member's first group, so moving through the members shows what each shares.
        let selected = open.selectedMember?.candidateId ?? ""
        var lines: [(x: Int, text: String, kind: String?, mine: Bool)] = []
        func entry(_ text: String, indent: Int, kind: String?, members: [String]) {
            for (i, line) in wrap(text, width: max(1, rw - indent - 2)).enumerated() {
                lines.append((indent + (i == 0 ? 0 : 2), line, i == 0 ? kind : nil, members.contains(selected)))
            }
        }
        func value(_ v: String) -> String {
            let clean = Sanitize.forDisplay(v)
            return fit(clean, min(28, DisplayWidth.of(clean)), ascii: s.ascii)
        }
        for kind in kinds {
            let mine = groups.filter { $0.kind == kind }
            if mine.count == 1, kind != .referral {
                entry(kind.rawValue + " " + value(mine[0].value) + ": " + mine[0].members.joined(separator: " "),
                      indent: 0, kind: kind.rawValue, members: mine[0].members)
                continue
            }
            entry(kind.rawValue, indent: 0, kind: kind.rawValue, members: [])
            for group in mine {
                entry((kind == .referral ? "" : value(group.value) + ": ") + group.members.joined(separator: " "),
                      indent: 2, kind: nil, members: group.members)
            }
        }
        var first = 0
        if lines.count > rows, let i = lines.firstIndex(where: \.mine) {
            // From the kind heading above the selected member's first group, when it is near.
            var heading = i
            while heading > 0 && lines[heading].x > 0 { heading -= 1 }
            first = max(0, min(i - heading < rows / 2 ? heading : i, lines.count - rows))
        }
        let shown = lines.dropFirst(first).prefix(rows)
        for line in shown {
            g.put(line.text, x: rx + line.x, y: ry, role: line.mine ? .title : .normal, maxWidth: rw - line.x)
            if let kind = line.kind { g.put(kind, x: rx + line.x, y: ry, role: .title, attrs: [.bold]) }
            ry += 1
        }
        let hidden = lines.count - shown.count
        if hidden > 0 {
            g.put("(\(hidden) more line\(hidden == 1 ? "" : "s"); the selection scrolls them)", x: rx, y: ry,
                  role: .dim, maxWidth: rw)
            ry += 1
        }
        return max(y, ry)
    }

    static func drawTimeline(_ s: AppState, _ open: OpenRing, in r: Rect, into g: inout Grid) {
        guard r.height >= 2, r.width >= 20 else { return }
        let items = open.timeline
        g.put("Timeline (\(items.count))" + (items.count > r.height - 1 ? (s.ascii ? "  PgUp/PgDn" : "  PgUp/PgDn scroll") : ""),
              x: r.x, y: r.y, role: .dim, attrs: [.bold], maxWidth: r.width)
        let rows = r.height - 1
        let scroll = max(0, min(open.timelineScroll, items.count - rows))
        for (i, item) in items.dropFirst(scroll).prefix(rows).enumerated() {
            let when = Time.iso(item.at).prefix(16).replacingOccurrences(of: "T", with: " ")
            let text = s.ascii ? item.text.replacingOccurrences(of: "…", with: "~") : item.text
            let x = r.x + g.put(when + "  ", x: r.x, y: r.y + 1 + i, role: .dim)
            // Cut with an ellipsis, so a cut line reads as one.
            g.put(fit(text, max(0, r.maxX - x), ascii: s.ascii), x: x, y: r.y + 1 + i,
                  role: item.kind == .decision ? .title : .normal)
        }
    }
}
