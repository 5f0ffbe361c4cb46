import VetdeskCore

/// The hour-of-day × weekday activity grid: rows Mon..Sun, 24 columns 00..23 UTC, each cell
/// shaded by its share of the busiest cell, so a working day lived in another time zone
/// (UTC+9: 00-09 UTC) stands out as a block rather than a number.
enum Heatmap {
    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// 0 (no events) ... 4 (the busiest cell and those near it).
    static func level(_ v: Int, max m: Int) -> Int {
        guard v > 0, m > 0 else { return 0 }
        return min(4, max(1, Int((4 * Double(v) / Double(m)).rounded(.up))))
    }

    static func glyph(_ level: Int, ascii: Bool) -> String {
        let set = ascii ? [" ", ".", ":", "*", "#"] : [" ", "░", "▒", "▓", "█"]
        return set[min(4, max(0, level))]
    }

    static func role(_ level: Int) -> Role { [.heat0, .heat1, .heat2, .heat3, .heat4][min(4, max(0, level))] }

    /// Lines of the heatmap. Cells are two columns wide when there is room, else one.
    static func lines(_ map: [[Int]], width: Int, ascii: Bool) -> [PanelLine] {
        let peak = map.joined().max() ?? 0
        guard peak > 0 else { return [PanelLine("  No login activity to chart.", .dim)] }
        let label = 4
        let cell = width >= label + 48 + 6 ? 2 : 1
        var out: [PanelLine] = []
        // Hour labels: every hour for two-column cells, every third hour otherwise.
        var axis = String(repeating: " ", count: label)
        for h in 0..<24 {
            if cell == 2 { axis += PanelText.two(h) }
            else if h % 3 == 0 { axis += PanelText.two(h) + " " }
        }
        out.append(PanelLine([Span(String(axis.prefix(max(0, width - 4))), .dim), Span(width - DisplayWidth.of(axis) >= 4 ? " UTC" : "", .dim)]))
        for (d, row) in map.prefix(7).enumerated() {
            var spans = [Span(days[d] + " ", .dim)]
            for h in 0..<24 {
                let v = h < row.count ? row[h] : 0
                let lv = level(v, max: peak)
                spans.append(Span(String(repeating: glyph(lv, ascii: ascii), count: cell), role(lv)))
            }
            let total = row.reduce(0, +)
            if width - label - 24 * cell >= 7 { spans.append(Span(" " + String(total), .dim)) }
            out.append(PanelLine(spans))
        }
        let legend = (1...4).map { glyph($0, ascii: ascii) }.joined()
        out.append(PanelLine([Span(String(repeating: " ", count: label)),
                              Span(PanelText.clip("\(legend) = up to \(peak) events per cell (busiest)", width - label, ascii: ascii), .dim)]))
        if let window = busiestWindow(map) {
            let offset = ((9 - window.start) % 24 + 24) % 24
            let zone = offset > 12 ? "UTC-\(24 - offset)" : "UTC+\(offset)"
            let text = "busiest 8 h: \(PanelText.two(window.start))-\(PanelText.two((window.start + 8) % 24)) UTC "
                + "(\(window.share)% of events) = a 09-17 working day at \(zone)"
            out.append(PanelLine([Span(String(repeating: " ", count: label)), Span(PanelText.clip(text, width - label, ascii: ascii))]))
        }
        return out
    }

    /// The 8 consecutive hours (wrapping midnight) holding most events, with their share.
    static func busiestWindow(_ map: [[Int]]) -> (start: Int, share: Int)? {
        var byHour = Array(repeating: 0, count: 24)
        for row in map { for (h, v) in row.prefix(24).enumerated() { byHour[h] += v } }
        let total = byHour.reduce(0, +)
        guard total > 0 else { return nil }
        var best = (start: 0, sum: -1)
        for start in 0..<24 {
            let sum = (0..<8).reduce(0) { $0 + byHour[(start + $1) % 24] }
            if sum > best.sum { best = (start, sum) }
        }
        return (best.start, Int((Double(best.sum) * 100 / Double(total)).rounded()))
    }
}
