import VetdeskCore

/// Other candidates linked to this one, grouped by what they share; every entry is a link line
/// (Enter opens that candidate).
public enum LinksPanel: DetailPanel {
    public static let id = "links"
    public static let title = "Links"

    public static func lines(for detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine] {
        guard !detail.links.isEmpty else {
            return [PanelLine("No other candidate shares an IP, account, contact, device or referral with this one.", .dim)]
        }
        let distinct = Set(detail.links.map(\.otherId)).count
        var out = [PanelText.header("\(distinct) linked candidate\(distinct == 1 ? "" : "s")", width: width, ascii: ascii)]
        for kind in CandidateLink.Kind.allCases {
            let group = detail.links.filter { $0.kind == kind }
            guard !group.isEmpty else { continue }
            out.append(PanelText.blank())
            out.append(PanelLine([Span(PanelText.clip("\(kind.label) (\(group.count))", width, ascii: ascii), .header)]))
            for link in group {
                out.append(linkLine(id: link.otherId, name: link.otherName, status: link.otherStatus, risk: link.otherRisk,
                                    via: link.via, indent: 2, width: width, ascii: ascii))
            }
        }
        return PanelText.limit(out, width: width, ascii: ascii)
    }

    /// "  → C-0042  Kim Chol      escalated  risk 92  via 45.84.1.7": one selectable line,
    /// columns shrinking with the width (the id is never cut away before the name).
    static func linkLine(id: String, name: String?, status: CaseStatus?, risk: Int?, via: String?,
                         indent: Int, width: Int, ascii: Bool) -> PanelLine {
        var spans = [Span(String(repeating: " ", count: indent)), Marks.link(ascii: ascii)]
        var left = width - indent - DisplayWidth.of(Marks.link(ascii: ascii).text)
        func add(_ text: String, _ role: Role, _ attrs: CellAttrs = []) {
            guard left > 0 else { return }
            let piece = PanelText.clip(text, left, ascii: ascii)
            spans.append(Span(piece, role, attrs))
            left -= DisplayWidth.of(piece)
        }
        let idText = PanelText.clean(id)
        add(fit(idText, max(10, min(DisplayWidth.of(idText), 24)), ascii: ascii) + " ", .key, [])
        // The name gets what the status, risk and "via …" columns leave, up to 24 columns.
        let viaWidth = via.map { $0.isEmpty ? 0 : DisplayWidth.of("via " + PanelText.clean($0)) } ?? 0
        add(fit(PanelText.clean(name ?? "?"), max(8, min(24, left - 1 - 10 - 9 - viaWidth)), ascii: ascii) + " ", .normal)
        if let status {
            let s = Marks.status(status)
            add(fit(s.text, 10, ascii: ascii), s.role, s.attrs)
        } else {
            add(fit("no case", 10, ascii: ascii), .dim)
        }
        add(risk.map { "risk " + String(repeating: " ", count: max(0, 3 - String($0).count)) + String($0) + " " } ?? "         ", .dim)
        if let via, !via.isEmpty { add("via " + PanelText.clean(via), .dim) }
        return PanelLine(spans, link: id)
    }
}
