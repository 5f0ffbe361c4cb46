import VetdeskCore

/// Each flag: severity glyph and word, rule id and title, why it fired, the evidence behind it
/// (evidence about another candidate is a link line), and the public source of the indicator.
public enum IndicatorsPanel: DetailPanel {
    public static let id = "indicators"
    public static let title = "Indicators"
    /// Evidence lines shown per flag; the rest is summarised as "+N more".
    static let evidencePerFlag = 12

    public static func lines(for detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine] {
        var out: [PanelLine] = []
        if let k = detail.caseFile {
            out.append(PanelLine([Span("Risk ", .dim), Span("\(k.riskScore)", .title, [.bold]), Span("  "),
                                  Marks.band(k.riskBand, ascii: ascii), Span("  status ", .dim), Marks.status(k.status)]))
        }
        guard !detail.flags.isEmpty else {
            out.append(PanelLine("No indicator fired for this candidate.", .dim))
            return PanelText.limit(out, width: width, ascii: ascii)
        }
        out.append(PanelText.header("\(detail.flags.count) indicator\(detail.flags.count == 1 ? "" : "s"), highest weight first",
                                    width: width, ascii: ascii))
        let carriers = RiskScorer.carriers(detail.flags)
        if !carriers.isEmpty {
            out += PanelText.indented("Score carried by " + carriers, indent: 0, width: width, role: .dim, maxLines: 2, ascii: ascii)
        }
        let contributions = Dictionary(RiskScorer.contributions(detail.flags).map { ($0.ruleId, $0) }, uniquingKeysWith: { a, _ in a })
        let flags = detail.flags.sorted { ($0.weight, $0.severity, $1.ruleId) > ($1.weight, $1.severity, $0.ruleId) }
        for flag in flags {
            out.append(PanelText.blank())
            out += flagLines(flag, rule: detail.rules[flag.ruleId], contribution: contributions[flag.ruleId], width: width, ascii: ascii)
        }
        return PanelText.limit(out, width: width, ascii: ascii)
    }

    static func flagLines(_ flag: Flag, rule: RuleInfo?, contribution: RiskScorer.Contribution? = nil,
                          width: Int, ascii: Bool) -> [PanelLine] {
        var out: [PanelLine] = []
        let sev = Marks.severity(flag.severity, ascii: ascii)
        let sevText = fit(sev.text, 12, ascii: ascii)
        let weight = "  w " + PanelText.decimal(flag.weight, places: 2) + (contribution.map { "  +\($0.points)" } ?? "")
        let idWidth = max(1, width - DisplayWidth.of(sevText) - DisplayWidth.of(weight))
        out.append(PanelLine([Span(sevText, sev.role, sev.attrs),
                              Span(PanelText.clip(flag.ruleId, idWidth, ascii: ascii), .title, [.bold]),
                              Span(weight, .dim)]))
        // Most summaries begin with the rule's title ("Login from North Korean address space: …"):
        // print the title only when the summary does not already say it.
        if let rule, !flag.summary.hasPrefix(rule.title) {
            out += PanelText.indented(rule.title, indent: 2, width: width, role: .normal, maxLines: 2, ascii: ascii)
        }
        out += PanelText.indented(flag.summary, indent: 2, width: width, role: .normal, maxLines: 6, ascii: ascii)
        if let c = contribution, !c.countedWith.isEmpty {
            // One fact read by several rules counts once: say which flags this one shares it with.
            let note = "counted with \(c.countedWith.joined(separator: ", ")) (\(c.group ?? "group")): "
                + "effective weight \(PanelText.decimal(c.effectiveWeight, places: 2))"
            out += PanelText.indented(note, indent: 2, width: width, role: .dim, maxLines: 2, ascii: ascii)
        }
        for ev in flag.evidence.prefix(evidencePerFlag) {
            out += evidenceLines(ev, width: width, ascii: ascii)
        }
        if flag.evidence.count > evidencePerFlag {
            out.append(PanelLine([Span("    "), Span("+\(flag.evidence.count - evidencePerFlag) more", .dim)]))
        }
        if let rule, !rule.source.isEmpty {
            let label = "  source: "
            let wrapped = PanelText.wrap(rule.source, width: max(1, width - label.count), maxLines: 3, ascii: ascii)
            for (i, piece) in wrapped.enumerated() {
                out.append(PanelLine([Span(i == 0 ? label : String(repeating: " ", count: label.count), .dim), Span(piece, .dim)]))
            }
        }
        return out
    }

    /// "    • detail"; evidence pointing at another candidate becomes a link line ("→ C-0042 detail").
    static func evidenceLines(_ ev: Evidence, width: Int, ascii: Bool) -> [PanelLine] {
        let bullet = ascii ? "- " : "• "
        if ev.kind == .candidate {
            let ref = PanelText.clip(ev.ref, max(1, width / 3), ascii: ascii)
            let prefix = "    "
            let arrow = Marks.link(ascii: ascii)
            let used = prefix.count + DisplayWidth.of(arrow.text) + DisplayWidth.of(ref) + 1
            let detail = PanelText.clip(ev.detail, max(0, width - used), ascii: ascii)
            return [PanelLine([Span(prefix), arrow, Span(ref, .key, [.underline]), Span(" "), Span(detail)],
                              link: ev.ref)]
        }
        let wrapped = PanelText.wrap(ev.detail.isEmpty ? ev.ref : ev.detail, width: max(1, width - 6), maxLines: 3, ascii: ascii)
        return wrapped.enumerated().map { i, piece in
            PanelLine([Span(i == 0 ? "    " + bullet : "      ", .dim), Span(piece)])
        }
    }
}
