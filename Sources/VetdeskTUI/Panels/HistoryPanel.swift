import VetdeskCore

/// Every decision and note on the case, oldest first: when, who, what, the status change, the
/// reason, and the note text wrapped in full.
public enum HistoryPanel: DetailPanel {
    public static let id = "history"
    public static let title = "History"

    public static func lines(for detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine] {
        guard !detail.history.isEmpty else {
            return PanelText.limit([PanelLine("No decision or note yet.", .dim)] + listHitLines(detail, width: width, ascii: ascii),
                                   width: width, ascii: ascii)
        }
        var out = [PanelText.header("\(detail.history.count) entr\(detail.history.count == 1 ? "y" : "ies"), oldest first",
                                    width: width, ascii: ascii)]
        for h in detail.history {
            out.append(PanelText.blank())
            var spans = [Span(Time.short(h.at) + "  ", .dim)]
            var left = width - DisplayWidth.of(spans[0].text)
            func add(_ text: String, _ role: Role, _ attrs: CellAttrs = []) {
                guard left > 0, !text.isEmpty else { return }
                let piece = PanelText.clip(text, left, ascii: ascii)
                spans.append(Span(piece, role, attrs)); left -= DisplayWidth.of(piece)
            }
            add(PanelText.clip(h.analyst, 20, ascii: ascii) + "  ", .title)
            add(h.action.uppercased(), actionRole(h.action), [.bold])
            if h.fromStatus != nil || h.toStatus != nil {
                add("  " + (h.fromStatus ?? "—") + (ascii ? " -> " : " → ") + (h.toStatus ?? "—"), .normal)
            }
            if let reason = h.reasonCode, !reason.isEmpty { add("  reason: " + reason, .dim) }
            out.append(PanelLine(spans))
            out += PanelText.indented(h.note, indent: 2, width: width, maxLines: 500, ascii: ascii)
        }
        out += listHitLines(detail, width: width, ascii: ascii)
        return PanelText.limit(out, width: width, ascii: ascii)
    }

    static func actionRole(_ action: String) -> Role {
        switch action {
        case "escalate": .statusEscalated
        case "refer": .statusReferred
        case "clear": .statusCleared
        case "take", "release", "reopen": .statusInReview
        default: .normal
        }
    }
}
