import VetdeskCore

extension HistoryPanel {
    /// The sanctions-list hits in the case history: when each was first seen, on which list,
    /// which version and record, and whether a newer version has since replaced that one.
    static func listHitLines(_ detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine] {
        guard !detail.listHits.isEmpty else { return [] }
        var out = [PanelText.blank(), PanelText.header("sanctions-list hits, by the list version they came from", width: width, ascii: ascii)]
        for h in detail.listHits {
            let state = h.current ? "" : " (version since replaced)"
            out.append(PanelLine([Span(Time.short(h.firstSeenAt) + "  ", .dim),
                                  Span(PanelText.clip("\(h.listName) \(h.version) record \(h.recordId)", max(1, width - 18), ascii: ascii), .title),
                                  Span("  " + h.level + state, h.level == "identifier" ? .sevHigh : .sevMedium, [.bold])]))
            out += PanelText.indented("\(h.field): \(h.explanation)", indent: 2, width: width, maxLines: 6, ascii: ascii)
        }
        return out
    }
}
