import VetdeskCore

/// The detail panels as plain text, for `vetdesk show`: the same lines the console draws,
/// so the CLI and the console say the same thing.
public enum DetailText {
    /// One line of text, sanitised (spans are already clean; this is the terminal gate).
    public static func plain(_ line: PanelLine) -> String {
        var s = Sanitize.forDisplay(line.text)
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// Header (id, name, risk, status) then every panel under its title.
    public static func render(_ detail: CandidateDetail, width: Int, ascii: Bool) -> String {
        var out = headerLines(detail, width: width, ascii: ascii).map(plain)
        let rule = ascii ? "-" : "─"
        for panel in DetailPanels.all {
            out.append("")
            let title = "\(rule)\(rule) \(panel.title) "
            out.append(title + String(repeating: rule, count: max(0, width - DisplayWidth.of(title))))
            out += panel.lines(for: detail, width: width, ascii: ascii).map(plain)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// "C-0042  Kim Chol   risk 92 ████ critical   status escalated (analyst)"
    public static func headerLines(_ detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine] {
        let c = detail.candidate
        var spans = [Span(PanelText.clip(c.id, 24, ascii: ascii) + "  ", .key),
                     Span(PanelText.clip(c.fullName, max(8, width / 3), ascii: ascii), .title, [.bold])]
        if let k = detail.caseFile {
            spans += [Span("   risk \(k.riskScore) ", .dim), Marks.band(k.riskBand, ascii: ascii), Span("   status ", .dim),
                      Marks.status(k.status)]
            if let who = k.assignee { spans.append(Span(" (" + PanelText.clip(who, 20, ascii: ascii) + ")", .dim)) }
        }
        let facts = [c.declaredCountry, c.platform, c.role].compactMap { $0 }.map(PanelText.clean).joined(separator: " · ")
        return PanelText.limit([PanelLine(spans), PanelLine(facts, .dim)], width: width, ascii: ascii)
    }
}
