import VetdeskCore

/// Text helpers shared by the detail panels: everything from the data is sanitised first and
/// measured in display columns (wide characters count two), so no line exceeds the panel width.
enum PanelText {
    /// Longest text taken from any one field: a 10 KB name must not cost 10 KB of layout work.
    static let fieldCap = 2_000

    /// Sanitised single-line text, capped in length.
    static func clean(_ s: String?) -> String {
        guard let s, !s.isEmpty else { return "" }
        let capped = s.count > fieldCap ? String(s.prefix(fieldCap)) : s
        return Sanitize.forDisplay(capped)
    }

    /// Sanitised and cut to at most `width` columns (with an ellipsis when cut), not padded.
    static func clip(_ s: String?, _ width: Int, ascii: Bool) -> String {
        let c = clean(s)
        guard width > 0 else { return "" }
        if DisplayWidth.of(c) <= width { return c }
        var out = fit(c, width, ascii: ascii)
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// Sanitised and padded/cut to exactly `width` columns, for table columns.
    static func column(_ s: String?, _ width: Int, ascii: Bool) -> String { fit(clean(s), width, ascii: ascii) }

    /// Word-wraps sanitised text into lines of at most `width` columns; words longer than a line
    /// are broken. Newlines in the text start new lines. At most `maxLines`, the last one ending
    /// in an ellipsis when text was left out.
    static func wrap(_ s: String?, width: Int, maxLines: Int = 200, ascii: Bool = false) -> [String] {
        guard let s, width > 0 else { return [] }
        let capped = s.count > fieldCap * 5 ? String(s.prefix(fieldCap * 5)) : s
        var lines: [String] = []
        var truncated = false
        paragraphs: for paragraph in Sanitize.forDisplay(capped, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            func flush() -> Bool {
                if lines.count == maxLines { truncated = true; return false }
                lines.append(line); line = ""; used = 0
                return true
            }
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let w = DisplayWidth.of(String(word))
                if used > 0 && used + 1 + w > width { guard flush() else { break paragraphs } }
                if w <= width - used - (used > 0 ? 1 : 0) {
                    if used > 0 { line += " "; used += 1 }
                    line += word; used += w
                    continue
                }
                // A word longer than the line: break it by columns.
                for ch in word {
                    let cw = DisplayWidth.of(ch)
                    if used + cw > width { guard flush() else { break paragraphs } }
                    line.append(ch); used += cw
                }
            }
            guard flush() else { break }
        }
        if truncated || capped.count < s.count, var last = lines.popLast() {
            let ell = ascii ? "~" : "…"
            while DisplayWidth.of(last) + 1 > width, !last.isEmpty { last.removeLast() }
            lines.append(last + ell)
        }
        return lines
    }

    /// "Label      value" rows: the label dim in a fixed column, the value wrapped beside it.
    static func field(_ label: String, _ value: String?, width: Int, labelWidth: Int = 14, role: Role = .normal,
                      mark: Span? = nil, maxLines: Int = 4, ascii: Bool) -> [PanelLine] {
        let markWidth = mark.map { DisplayWidth.of($0.text) + 1 } ?? 0
        let valueWidth = max(1, width - labelWidth - markWidth)
        let text = clean(value)
        let wrapped = text.isEmpty ? ["—"] : wrap(text, width: valueWidth, maxLines: maxLines, ascii: ascii)
        var out: [PanelLine] = []
        for (i, piece) in wrapped.enumerated() {
            var spans = [Span(i == 0 ? fit(label, labelWidth, ascii: ascii) : String(repeating: " ", count: labelWidth), .dim),
                         Span(piece, text.isEmpty ? .dim : role)]
            if i == 0, let mark { spans.append(Span(" ")); spans.append(mark) }
            out.append(PanelLine(spans))
        }
        return out
    }

    /// Indented wrapped text, every line in `role`.
    static func indented(_ text: String?, indent: Int, width: Int, role: Role = .normal, maxLines: Int = 200,
                         ascii: Bool, link: String? = nil) -> [PanelLine] {
        let pad = String(repeating: " ", count: indent)
        return wrap(text, width: max(1, width - indent), maxLines: maxLines, ascii: ascii).map {
            PanelLine([Span(pad), Span($0, role)], link: link)
        }
    }

    /// A section header line ("Accounts (3)").
    static func header(_ text: String, width: Int, ascii: Bool) -> PanelLine {
        PanelLine([Span(clip(text, width, ascii: ascii), .header, [.bold])])
    }

    static func blank() -> PanelLine { PanelLine([]) }

    /// A titled list after a blank line; nothing when there are no items.
    static func section<T>(_ title: String, _ items: [T], width: Int, ascii: Bool,
                           line: (T) -> PanelLine) -> [PanelLine] {
        guard !items.isEmpty else { return [] }
        return [blank(), header(title, width: width, ascii: ascii)] + items.map(line)
    }

    /// Two-digit hour ("07").
    static func two(_ n: Int) -> String { n < 10 && n >= 0 ? "0\(n)" : "\(n)" }

    /// Fixed-point decimal without Foundation ("0.85").
    static func decimal(_ v: Double, places: Int) -> String {
        guard v.isFinite else { return "?" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let n = Int((abs(v) * scale).rounded())
        let whole = n / Int(scale), frac = String(n % Int(scale))
        let padded = String(repeating: "0", count: max(0, places - frac.count)) + frac
        return (v < 0 && n > 0 ? "-" : "") + "\(whole)" + (places > 0 ? "." + padded : "")
    }

    /// Cuts every line to `width` columns: the last guarantee that a panel never draws past its width.
    /// In ASCII mode, also transliterates the few typographic glyphs panels use and turns any
    /// other non-ASCII character (from the data) into "?", as the Grid does.
    static func limit(_ lines: [PanelLine], width: Int, ascii: Bool) -> [PanelLine] {
        lines.map { line in
            var left = max(0, width)
            var spans: [Span] = []
            for var span in line.spans {
                if ascii { span.text = asciiOnly(span.text) }
                guard left > 0 else { break }
                let w = DisplayWidth.of(span.text)
                if w <= left { spans.append(span); left -= w; continue }
                var cut = span
                cut.text = PanelText.clip(span.text, left, ascii: ascii)
                spans.append(cut); left = 0
            }
            return PanelLine(spans, link: line.link)
        }
    }

    static let asciiGlyphs: [Character: String] = [
        "—": "-", "–": "-", "·": "|", "…": "..", "×": "x", "→": "->", "≠": "!=", "✓": "=", "⚠": "!", "▪": "*", "•": "-",
    ]

    static func asciiOnly(_ s: String) -> String {
        guard !s.unicodeScalars.allSatisfy(\.isASCII) else { return s }
        var out = ""
        for ch in s {
            if ch.unicodeScalars.allSatisfy(\.isASCII) { out.append(ch) }
            else { out += asciiGlyphs[ch] ?? "?" }
        }
        return out
    }

    static func time(_ t: Int64?) -> String { t.map(Time.short) ?? "—" }
    static func day(_ t: Int64?) -> String { t.map(Time.day) ?? "—" }
}

/// Glyph + word for states, so nothing is told by colour alone.
enum Marks {
    static func severity(_ s: Severity, ascii: Bool) -> Span {
        switch s {
        case .decisive: Span(ascii ? "!! DECISIVE" : "◆ DECISIVE", .sevDecisive, [.bold])
        case .high: Span(ascii ? "!  HIGH" : "▲ HIGH", .sevHigh, [.bold])
        case .medium: Span(ascii ? "*  MEDIUM" : "● MEDIUM", .sevMedium)
        case .low: Span(ascii ? ".  LOW" : "○ LOW", .sevLow)
        }
    }

    static func band(_ b: RiskBand, ascii: Bool) -> Span {
        switch b {
        case .critical: Span(ascii ? "#### critical" : "████ critical", .bandCritical, [.bold])
        case .high: Span(ascii ? "###  high" : "███░ high", .bandHigh, [.bold])
        case .medium: Span(ascii ? "##   medium" : "██░░ medium", .bandMedium)
        case .low: Span(ascii ? "#    low" : "█░░░ low", .bandLow)
        case .none: Span(ascii ? "-    none" : "░░░░ none", .bandNone)
        }
    }

    static func status(_ s: CaseStatus) -> Span {
        switch s {
        case .new: Span("new", .statusNew)
        case .inReview: Span("in review", .statusInReview)
        case .cleared: Span("cleared", .statusCleared)
        case .escalated: Span("escalated", .statusEscalated, [.bold])
        case .referred: Span("referred", .statusReferred, [.bold])
        }
    }

    /// A visible mismatch / problem mark (with a word, never colour alone).
    static func mismatch(_ word: String = "MISMATCH", ascii: Bool) -> Span {
        Span(ascii ? "!= \(word)" : "≠ \(word)", .sevHigh, [.bold])
    }

    static func ok(_ word: String = "ok", ascii: Bool) -> Span { Span(ascii ? "= \(word)" : "✓ \(word)", .dim) }

    /// A strong warning that is not a mismatch (e.g. an account shared with other candidates).
    static func alert(_ word: String, ascii: Bool) -> Span { Span(ascii ? "! \(word)" : "⚠ \(word)", .sevHigh, [.bold]) }

    static func warn(_ word: String, ascii: Bool) -> Span { Span(ascii ? "! \(word)" : "⚠ \(word)", .sevMedium, [.bold]) }

    /// A link line's leading arrow: Enter opens the candidate.
    static func link(ascii: Bool) -> Span { Span(ascii ? "-> " : "→ ", .key) }
}
