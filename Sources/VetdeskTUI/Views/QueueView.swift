import VetdeskCore

/// The triage queue: a view line, column headings and one line per candidate, paged from the store.
enum QueueView {
    /// Column widths for a terminal width. Names are capped (a 200-column terminal gives the flags
    /// the room, not the name); narrow terminals shrink platform and assignee first.
    struct Columns {
        var name: Int, flags: Int, platform: Int, assignee: Int
        static let marker = 3, score = 3, band = 1, country = 2, age = 4, status = 9
        static let nameMax = 26
        init(width: Int) {
            platform = width >= 100 ? 10 : 8
            assignee = width >= 100 ? 10 : 5
            let fixed = Self.marker + Self.score + Self.band + Self.country + platform + Self.age + Self.status
                + assignee + 9 // single spaces between the ten columns
            let flex = max(12, width - fixed)
            // At 80 columns: 19 for the name (most full names), 17 for "first_flag +N".
            name = min(Self.nameMax, max(flex - 17, flex * 55 / 100))
            flags = flex - name
        }
    }

    /// As many whole flag ids as fit, then "+N" for the rest ("dprk_ip_space +4"), so the count of
    /// indicators is always visible; a first flag longer than the column is cut with an ellipsis.
    /// `total` counts every flag that fired (the row carries only the heaviest few).
    static func flagSummary(_ flags: [String], total: Int? = nil, width: Int, ascii: Bool) -> String {
        guard !flags.isEmpty, width > 0 else { return "" }
        let count = max(flags.count, total ?? 0)
        var shown: [String] = []
        var used = 0
        for (i, flag) in flags.enumerated() {
            let rest = count - i - 1
            let more = rest > 0 ? " +\(rest)" : ""
            let w = DisplayWidth.of(flag) + (shown.isEmpty ? 0 : 1)
            if used + w + more.count <= width {
                shown.append(flag); used += w
                continue
            }
            if shown.isEmpty {
                let tail = " +\(count - 1)"
                let room = max(1, width - (count > 1 ? tail.count : 0))
                var cut = fit(flag, room, ascii: ascii)
                while cut.hasSuffix(" ") { cut.removeLast() }
                // Too narrow for the count: the first flag alone, cut to the column.
                guard DisplayWidth.of(cut) + tail.count <= width || count == 1 else {
                    var only = fit(flag, width, ascii: ascii)
                    while only.hasSuffix(" ") { only.removeLast() }
                    return only
                }
                return cut + (count > 1 ? tail : "")
            }
            return shown.joined(separator: ",") + " +\(count - shown.count)"
        }
        return shown.joined(separator: ",") + (count > flags.count ? " +\(count - flags.count)" : "")
    }

    static func draw(_ s: AppState, into g: inout Grid) {
        drawViewLine(s, into: &g)
        let cols = Columns(width: g.width)
        let headings = [fit("", Columns.marker), fit("RSK", Columns.score), fit("", Columns.band),
                        fit("NAME", cols.name), fit("CC", Columns.country), fit("PLATFORM", cols.platform),
                        fit("TOP FLAGS", cols.flags), fit(" AGE", Columns.age), fit("STATUS", Columns.status),
                        fit(cols.assignee < 8 ? "HELD" : "ASSIGNEE", cols.assignee)].joined(separator: " ")
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
        let position = s.queue.total == 0 ? "0 rows "
            : "\(s.queue.selected + 1)/\(s.queue.totalPending ? (s.ascii ? "..." : "…") : String(s.queue.total)) "
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
        cell(row.platform ?? "", cols.platform, .dim)
        cell(flagSummary(row.topFlags.map { Sanitize.forDisplay($0) }, total: row.flagCount, width: cols.flags, ascii: s.ascii), cols.flags, .normal)
        cell(Glyphs.age(seconds: s.now - Double(row.openedAt)), Columns.age, .dim, right: true)
        cell(row.status.label, Columns.status, Glyphs.statusRole(row.status))
        cell(row.assignee ?? "", cols.assignee, .dim)
        if selected {
            g.restyle(Rect(x: 0, y: y, width: g.width, height: 1), role: .selected, attrs: [.bold])
        } else if s.marks.contains(row.candidateId) {
            g.restyle(Rect(x: 3, y: y, width: g.width - 3, height: 1), role: .marked)
        }
    }
}
