import Foundation
import VetdeskCore

/// The Lists screen (`L`, `:lists`): a table of the loaded lists (authority, publication date,
/// version, entries, hits), then the hits of their current versions, one per line, and the
/// selected hit's explanation in full. A pure function of the state.
enum ListsView {
    struct Layout {
        var listRows: Int
        var hitsHeading: Int
        var hitTop: Int
        var hitRows: Int
        var explainY: Int
    }

    /// Rows 1-2: summary and the lists' headings; then the lists (up to a third of the screen),
    /// the hits' headings, the hits, and three lines of explanation above the bottom line.
    static func layout(_ s: AppState) -> Layout {
        let count = max(1, s.lists?.data?.lists.count ?? 1)
        let listRows = min(count, max(1, (s.height - 8) / 3))
        let hitsHeading = 3 + listRows
        let explainY = s.height - 4
        return Layout(listRows: listRows, hitsHeading: hitsHeading, hitTop: hitsHeading + 1,
                      hitRows: max(1, explainY - hitsHeading - 1), explainY: explainY)
    }

    static func draw(_ s: AppState, into g: inout Grid) {
        let l = s.lists ?? ListsState()
        let L = layout(s)
        let dot = s.ascii ? " | " : " · "
        guard let data = l.data else {
            g.put(" lists", x: 0, y: 1, role: .dim)
            g.put(l.error.map { "cannot read the lists: \($0)" } ?? (s.ascii ? "loading..." : "loading…"), x: 2, y: 3,
                  role: l.error == nil ? .dim : .flashError, maxWidth: g.width - 4)
            return
        }
        let position = data.hits.isEmpty ? "0 hits " : "\(l.selected + 1)/\(data.hits.count) "
        let summary = " lists: \(data.lists.count) loaded" + dot + "hits of the current versions: \(data.hits.count)"
            + dot + "Enter opens the candidate"
        g.put(summary, x: 0, y: 1, role: .dim, maxWidth: g.width - position.count - 1)
        g.put(position, x: g.width - position.count, y: 1, role: .dim)

        // Lists table.
        let published = 10, entries = 7, hitsW = 5
        let flex = max(12, g.width - published - entries - hitsW - 5)
        let nameW = flex * 36 / 100, authW = flex * 30 / 100, versionW = flex - nameW - authW
        let listHeadings = [fit("LIST", nameW), fit("AUTHORITY", authW), fit("PUBLISHED", published),
                            fit("VERSION", versionW), fit("ENTRIES", entries, ascii: s.ascii), fit("HITS", hitsW)]
            .joined(separator: " ")
        g.fill(Rect(x: 0, y: 2, width: g.width, height: 1), role: .title)
        g.put(listHeadings, x: 0, y: 2, role: .title, attrs: [.bold, .underline])
        if data.lists.isEmpty {
            g.put("no lists loaded: vetdesk lists import FILE... (docs/lists.md)", x: 2, y: 3, role: .dim, maxWidth: g.width - 4)
        }
        for (i, list) in data.lists.prefix(L.listRows).enumerated() {
            let more = i == L.listRows - 1 && data.lists.count > L.listRows ? " +\(data.lists.count - L.listRows) more" : ""
            let line = [fit(list.name + more, nameW, ascii: s.ascii), fit(list.authority, authW, ascii: s.ascii),
                        fit(list.publishedAt ?? "?", published, ascii: s.ascii), fit(list.version, versionW, ascii: s.ascii),
                        right("\(list.records)", entries), right("\(list.hitsThisVersion)", hitsW)].joined(separator: " ")
            g.put(line, x: 0, y: 3 + i, role: .normal)
        }

        // Hits table.
        // The field column only where there is room; the explanation line always names it.
        let levelW = 11, scoreW = 5, fieldW = g.width >= 110 ? 14 : 0
        let hflex = max(15, g.width - levelW - scoreW - fieldW - (fieldW > 0 ? 5 : 4))
        let candW = hflex * 30 / 100, recW = hflex * 25 / 100, matchW = hflex - candW - recW
        var headings = [fit(" LEVEL", levelW), fit("SCORE", scoreW), fit("CANDIDATE", candW), fit("LIST:RECORD", recW),
                        fit("MATCHED VALUE / ALIAS", matchW, ascii: s.ascii)]
        if fieldW > 0 { headings.append(fit("FIELD", fieldW)) }
        let hitHeadings = headings.joined(separator: " ")
        g.fill(Rect(x: 0, y: L.hitsHeading, width: g.width, height: 1), role: .title)
        g.put(hitHeadings, x: 0, y: L.hitsHeading, role: .title, attrs: [.bold, .underline])
        if data.hits.isEmpty {
            let why = data.lists.isEmpty ? "" : "no candidate, payee or account matches the current versions"
            g.put(why, x: 2, y: L.hitTop, role: .dim, maxWidth: g.width - 4)
            return
        }
        let scroll = visibleScroll(l, rows: L.hitRows)
        for row in 0..<L.hitRows {
            let index = scroll + row
            guard index < data.hits.count else { break }
            let h = data.hits[index], y = L.hitTop + row
            let selected = index == l.selected
            var x = 0
            func cell(_ text: String, _ w: Int, _ role: Role, _ attrs: CellAttrs = []) {
                g.put(fit(text, w, ascii: s.ascii), x: x, y: y, role: role, attrs: attrs)
                x += w + 1
            }
            cell((selected ? Glyphs.cursor(ascii: s.ascii) : " ") + h.level, levelW, levelRole(h.level), [.bold])
            cell(" " + String(format: "%.2f", h.score), scoreW, .normal)
            cell(h.candidateName, candW, .normal)
            cell(h.listName + ":" + h.recordId, recW, .dim)
            cell(h.matched, matchW, .normal)
            if fieldW > 0 { cell(h.field, fieldW, .dim) }
            if selected { g.restyle(Rect(x: 0, y: y, width: g.width, height: 1), role: .selected, attrs: [.bold]) }
        }
        if l.selected < data.hits.count {
            let h = data.hits[l.selected]
            let text = "\(h.candidateId) \(h.field) · \(h.listName) version \(h.version), record \(h.recordId), "
                + "first seen \(Time.short(h.firstSeenAt)): \(h.explanation)"
            let lines = PanelText.wrap(text, width: g.width - 2, maxLines: 3, ascii: s.ascii)
            for (i, t) in lines.enumerated() { g.put(t, x: 1, y: L.explainY + i, role: .dim) }
        }
    }

    /// The screen-reader cursor: the start of the selected hit.
    static func cursor(_ s: AppState) -> (x: Int, y: Int)? {
        guard let l = s.lists, let n = l.data?.hits.count, n > 0 else { return nil }
        let L = layout(s)
        return (0, L.hitTop + l.selected - visibleScroll(l, rows: L.hitRows))
    }

    /// The stored scroll, corrected so the selected hit is on screen (after a resize, say).
    static func visibleScroll(_ l: ListsState, rows: Int) -> Int {
        max(0, min(l.scroll, l.selected), l.selected - rows + 1)
    }

    static func levelRole(_ level: String) -> Role {
        switch level {
        case "identifier": .sevHigh
        case "strong": .sevMedium
        default: .sevLow
        }
    }

    static func right(_ t: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - t.count)) + t }
}
