import VetdeskCore

/// After-hire activity (issue 10): clones and downloads per day over the last 90 days with the
/// person's own baseline marked, the top repositories and files, the IPs transfers came from
/// (with libloc and provider context), and commit hours beside login hours.
public enum ActivityPanel: DetailPanel {
    public static let id = "activity"
    public static let title = "Activity"
    static let spanDays = 90

    public static func lines(for detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine] {
        guard let a = detail.activity else {
            return PanelText.limit([PanelText.header("Transfers and commits", width: width, ascii: ascii),
                                    PanelLine("  No clone, download or commit on record.", .dim)], width: width, ascii: ascii)
        }
        var out: [PanelLine] = []
        out.append(PanelText.header("\(a.totalEvents) clones and downloads on \(a.days.count) day\(a.days.count == 1 ? "" : "s")",
                                    width: width, ascii: ascii))
        out += sparkline(a.days, width: width, ascii: ascii)
        out += PanelText.section("Top repositories and files", a.objects, width: width, ascii: ascii) {
            objectLine($0, width: width, ascii: ascii)
        }
        out += PanelText.section("IPs used for transfers", a.ips, width: width, ascii: ascii) { ipLine($0, width: width, ascii: ascii) }
        out.append(PanelText.blank())
        out.append(PanelText.header("Hours (UTC): commits beside logins", width: width, ascii: ascii))
        var loginHours = Array(repeating: 0, count: 24)
        for row in detail.logins.heatmap { for (h, v) in row.prefix(24).enumerated() { loginHours[h] += v } }
        out += hourRows([("commits", a.commitHoursUTC), ("logins", loginHours)], width: width, ascii: ascii)
        if !a.commitOffsets.isEmpty {
            let parts = a.commitOffsets.prefix(4).map { "UTC\(CommitOffsetUse.label($0.offsetMinutes)) \($0.commits)" }
            out.append(PanelLine([Span("  offsets  ", .dim), Span(PanelText.clip(parts.joined(separator: " · "), max(1, width - 11), ascii: ascii))]))
        }
        return PanelText.limit(out, width: width, ascii: ascii)
    }

    /// Per-day volume over the 90 days ending at the last active day; bars above the person's
    /// baseline (median active day) are highlighted, five times above it in the alert colour.
    static func sparkline(_ days: [TransferDayCount], width: Int, ascii: Bool) -> [PanelLine] {
        guard let last = days.last?.day else { return [PanelLine("  No clone or download in the window.", .dim)] }
        let first = last - Int64(spanDays) + 1
        var series = Array(repeating: 0, count: spanDays)
        for d in days where d.day >= first { series[Int(d.day - first)] += d.events }
        let active = series.filter { $0 > 0 }.sorted()
        let baseline = active.isEmpty ? 0 : active[active.count / 2]
        let label = 2
        let columns = max(1, min(spanDays, width - label))
        // Several days per column when narrow: each column shows its busiest day.
        let perColumn = (spanDays + columns - 1) / columns
        let cells = stride(from: 0, to: spanDays, by: perColumn).map { series[$0..<min(spanDays, $0 + perColumn)].max() ?? 0 }
        let peak = max(1, cells.max() ?? 1)
        let glyphs = ascii ? [" ", ".", ":", "-", "=", "+", "*", "#"] : [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        var spans = [Span("  ")]
        for v in cells {
            let level = v == 0 ? 0 : max(1, Int((Double(glyphs.count - 1) * Double(v) / Double(peak)).rounded(.up)))
            let role: Role = v > 5 * max(1, baseline) ? .sevHigh : v > baseline ? .sevMedium : .dim
            spans.append(Span(glyphs[min(glyphs.count - 1, level)], role))
        }
        let from = Time.day(first * 86400), to = Time.day(last * 86400)
        let axisGap = max(1, cells.count - from.count - to.count)
        let axis = cells.count >= from.count + to.count + 1 ? from + String(repeating: " ", count: axisGap) + to : to
        let peakDay = days.filter { $0.day >= first }.max { $0.events < $1.events }
        var legend = "baseline \(baseline)/day (median active day)"
        if let p = peakDay { legend += " · peak \(p.events) on \(Time.day(p.day * 86400))" }
        if perColumn > 1 { legend += " · \(perColumn) days a column" }
        return [PanelLine(spans), PanelLine([Span("  "), Span(PanelText.clip(axis, width - label, ascii: ascii), .dim)]),
                PanelLine([Span("  "), Span(PanelText.clip(legend, width - label, ascii: ascii), .dim)])]
    }

    static func objectLine(_ o: TransferObjectUse, width: Int, ascii: Bool) -> PanelLine {
        let head = "  " + fit("\(o.events) ev", 9, ascii: ascii) + fit(PanelText.clean(o.kind ?? "object"), 11, ascii: ascii)
        return PanelLine([Span(head, .dim), Span(PanelText.clip(o.object, max(1, width - DisplayWidth.of(head)), ascii: ascii))])
    }

    /// "  140 ev   45.84.1.7       NL AS9009   ⚠ HOSTING ⚠ never in sign-ins M247 Europe SRL"
    static func ipLine(_ u: TransferIPUse, width: Int, ascii: Bool) -> PanelLine {
        var spans = [Span("  ")]
        var left = width - 2
        func add(_ text: String, _ role: Role = .normal, _ attrs: CellAttrs = []) {
            guard left > 0, !text.isEmpty else { return }
            let piece = PanelText.clip(text, left, ascii: ascii)
            spans.append(Span(piece, role, attrs)); left -= DisplayWidth.of(piece)
        }
        add(fit("\(u.events) ev", 9, ascii: ascii), .dim)
        add(fit(PanelText.clean(u.ip), 16, ascii: ascii))
        if let i = u.info {
            add(fit(PanelText.clean(i.country ?? "??"), 3, ascii: ascii))
            add(fit(i.asn.map { "AS\($0)" } ?? "AS?", 9, ascii: ascii))
            if let mark = LoginsPanel.networkMark(anonymousProxy: i.anonymousProxy, kind: i.providerKind, dprkNamed: i.providerDprkNamed,
                                                  country: i.country, ascii: ascii) {
                add(mark.text + " ", mark.role, mark.attrs)
            }
        } else {
            add("not looked up ", .dim)
        }
        // The sign-in mark before the provider name, so a narrow panel cuts the name, not the mark.
        if u.seenInSignIns { add("also in sign-ins ", .dim) } else { add(ascii ? "! never in sign-ins " : "⚠ never in sign-ins ", .sevMedium, [.bold]) }
        if let i = u.info { add(PanelText.clean(i.provider ?? i.asName ?? "unknown network")) }
        return PanelLine(spans)
    }

    /// One row of 24 hour cells per series, shaded against that series' own busiest hour.
    static func hourRows(_ rows: [(String, [Int])], width: Int, ascii: Bool) -> [PanelLine] {
        let label = 10
        let cell = width >= label + 48 + 2 ? 2 : 1
        var axis = String(repeating: " ", count: label)
        for h in 0..<24 {
            if cell == 2 { axis += PanelText.two(h) } else if h % 3 == 0 { axis += PanelText.two(h) + " " }
        }
        var out = [PanelLine(PanelText.clip(axis, width, ascii: ascii), .dim)]
        for (name, hours) in rows {
            let peak = hours.max() ?? 0
            var spans = [Span(fit("  " + name, label, ascii: ascii), .dim)]
            if peak == 0 {
                spans.append(Span("none", .dim))
            } else {
                for v in hours.prefix(24) {
                    let lv = Heatmap.level(v, max: peak)
                    spans.append(Span(String(repeating: Heatmap.glyph(lv, ascii: ascii), count: cell), Heatmap.role(lv)))
                }
                if width - label - 24 * cell >= 7 { spans.append(Span(" " + String(hours.reduce(0, +)), .dim)) }
            }
            out.append(PanelLine(spans))
        }
        return out
    }
}
