import VetdeskCore

/// The triage queue: a view line, column headings and one line per candidate, paged from the store.
enum QueueView {
    struct Columns {
        var name: Int, flags: Int
        static let marker = 3, score = 3, band = 1, country = 2, platform = 8, age = 4, status = 9, assignee = 8
        init(width: Int) {
            let fixed = Self.marker + Self.score + Self.band + Self.country + Self.platform + Self.age + Self.status
                + Self.assignee + 9 // single spaces between the ten columns
            let flex = max(12, width - fixed)
            name = flex * 55 / 100
            flags = flex - name
        }
    }

    static func draw(_ s: AppState, into g: inout Grid) {
        drawViewLine(s, into: &g)
        let cols = Columns(width: g.width)
        let headings = [fit("", Columns.marker), fit("RSK", Columns.score), fit("", Columns.band),
                        fit("NAME", cols.name), fit("CC", Columns.country), fit("PLATFORM", Columns.platform),
                        fit("TOP FLAGS", cols.flags), fit(" AGE", Columns.age), fit("STATUS", Columns.status),
                        fit("ASSIGNEE", Columns.assignee)].joined(separator: " ")
        g.fill(Rect(x: 0, y: 2, width: g.width, height: 1), role: .title)
        g.put(headings, x: 0, y: 2, role: .title, attrs: [.bold, .underline])

        let top = 3
        let visible = s.queueVisibleRows
        if !s.queue.loaded {
            g.put("loading…", x: 2, y: top, role: .dim)
            return
        }
        if s.queue.total == 0 {
            let why = s.queue.filter.isEmpty && s.queue.view == .all
                ? "the store has no candidates yet: run `vetdesk import`"
                : "no candidates match this view and filter (Esc clears the filter, 0 shows all)"
            g.put(why, x: 2, y: top, role: .dim, maxWidth: g.width - 4)
            return
        }
        for line in 0..<visible {
            let index = s.queue.scroll + line
            guard index < s.queue.total else { break }
            let y = top + line
            guard let row = s.queue.row(at: index) else {
                g.put("…", x: Columns.marker + 1, y: y, role: .dim)
                continue
            }
            drawRow(row, selected: index == s.queue.selected, s, cols, y: y, into: &g)
        }
    }

    static func drawViewLine(_ s: AppState, into g: inout Grid) {
        var parts = ["view: \(s.queue.view.label)",
                     "sort: \(s.queue.sort.rawValue) \(s.queue.descending ? (s.ascii ? "v" : "↓") : (s.ascii ? "^" : "↑"))"]
        if !s.queue.filter.isEmpty { parts.append("filter: \(s.queue.filter)") }
        if !s.marks.isEmpty { parts.append("\(s.marks.count) marked") }
        let left = " " + parts.joined(separator: s.ascii ? " | " : " · ")
        let position = s.queue.total == 0 ? "0 rows " : "\(s.queue.selected + 1)/\(s.queue.total) "
        g.put(left, x: 0, y: 1, role: .dim, maxWidth: g.width - DisplayWidth.of(position) - 1)
        g.put(position, x: g.width - DisplayWidth.of(position), y: 1, role: .dim)
    }

    static func drawRow(_ row: QueueRow, selected: Bool, _ s: AppState, _ cols: Columns, y: Int, into g: inout Grid) {
        var x = 0
        func cell(_ raw: String, _ width: Int, _ role: Role, _ attrs: CellAttrs = [], right: Bool = false) {
            // Sanitise before measuring: an escape sequence must not count as columns when fitting.
            let text = Sanitize.forDisplay(raw)
            let t = right ? String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text : text
            g.put(fit(t, width, ascii: s.ascii), x: x, y: y, role: role, attrs: attrs)
            x += width + 1
        }
        let change = s.changes[row.candidateId]
        g.put(selected ? Glyphs.cursor(ascii: s.ascii) : " ", x: 0, y: y, role: .normal, attrs: [.bold])
        g.put(s.marks.contains(row.candidateId) ? Glyphs.mark(ascii: s.ascii) : " ", x: 1, y: y, role: .marked,
              attrs: [.bold])
        g.put(change.map { Glyphs.change($0.kind, ascii: s.ascii) } ?? " ", x: 2, y: y, role: .changed, attrs: [.bold])
        x = Columns.marker + 1
        let bandRole = Glyphs.bandRole(row.riskBand)
        cell("\(row.riskScore)", Columns.score, bandRole, [], right: true)
        cell(Glyphs.band(row.riskBand, ascii: s.ascii), Columns.band, bandRole)
        cell(row.fullName, cols.name, change != nil ? .changed : .normal, change != nil ? [.bold] : [])
        cell(row.declaredCountry ?? "--", Columns.country, .normal)
        cell(row.platform ?? "", Columns.platform, .dim)
        cell(row.topFlags.joined(separator: ","), cols.flags, .normal)
        cell(Glyphs.age(seconds: s.now - Double(row.openedAt)), Columns.age, .dim, right: true)
        cell(row.status.label, Columns.status, Glyphs.statusRole(row.status))
        cell(row.assignee ?? "", Columns.assignee, .dim)
        if selected {
            g.restyle(Rect(x: 0, y: y, width: g.width, height: 1), role: .selected, attrs: [.bold])
        } else if s.marks.contains(row.candidateId) {
            g.restyle(Rect(x: 3, y: y, width: g.width - 3, height: 1), role: .marked)
        }
    }
}
