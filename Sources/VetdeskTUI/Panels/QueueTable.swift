import VetdeskCore

/// The queue as an aligned text table for `vetdesk queue`: rank, score, band, id, name, country,
/// platform, status, top flags. Columns are measured in display columns; every data string is
/// sanitised and cut to its column, so a hostile name cannot break the layout or the terminal.
public enum QueueTable {
    public static func render(_ rows: [QueueRow], offset: Int, total: Int?, width: Int, ascii: Bool) -> String {
        let header = ["#", "SCORE", "BAND", "ID", "NAME", "CC", "PLATFORM", "STATUS", "TOP FLAGS"]
        let rankWidth = max(3, String(offset + rows.count).count)
        let idWidth = min(16, max(4, rows.map { DisplayWidth.of(PanelText.clean($0.candidateId)) }.max() ?? 4))
        let fixed = [rankWidth, 5, 13, idWidth, 0, 2, 10, 9]
        let nameWidth = max(10, min(24, (width - fixed.reduce(0, +) - 9 * 2) / 2))
        let widths = [rankWidth, 5, 13, idWidth, nameWidth, 2, 10, 9]
        let flagsWidth = max(10, width - widths.reduce(0, +) - widths.count * 2)
        func line(_ cells: [String]) -> String {
            var s = ""
            for (i, cell) in cells.enumerated() {
                let w = i < widths.count ? widths[i] : flagsWidth
                // Numbers right-aligned, text left-aligned.
                let text = PanelText.clean(cell)
                if i <= 1 {
                    let cut = PanelText.clip(text, w, ascii: ascii)
                    s += String(repeating: " ", count: max(0, w - DisplayWidth.of(cut))) + cut
                } else if i == cells.count - 1 {
                    s += PanelText.clip(text, w, ascii: ascii)
                } else {
                    s += fit(text, w, ascii: ascii)
                }
                if i < cells.count - 1 { s += "  " }
            }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = [line(header)]
        for (i, r) in rows.enumerated() {
            out.append(line([String(offset + i + 1), String(r.riskScore), bandWord(r.riskBand, ascii: ascii), r.candidateId,
                             r.fullName, r.declaredCountry ?? "", r.platform ?? "", r.status.label,
                             r.topFlags.joined(separator: ",")]))
        }
        if rows.isEmpty { out.append("(no candidate matches)") }
        if let total {
            let last = offset + rows.count
            out.append(rows.isEmpty ? "no rows from offset \(offset); \(total) match in all" : "rows \(offset + 1)-\(last) of \(total)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A glyph and a word, so the band reads without colour.
    static func bandWord(_ b: RiskBand, ascii: Bool) -> String {
        let g = ascii ? ["-", "#", "##", "###", "####"] : ["░", "█", "██", "███", "████"]
        let i = RiskBand.allCases.firstIndex(of: b) ?? 0
        return "\(g[i]) \(b.rawValue)"
    }
}
