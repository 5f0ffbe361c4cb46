/// A ring as text for terminals and reports: a grouped adjacency list (each shared identifier with the
/// members it ties), then the timeline. Pure; data strings are sanitised.
public enum RingText {
    public static func adjacency(_ ring: Ring) -> [String] {
        let names = Dictionary(uniqueKeysWithValues: ring.members.map { ($0.candidateId, $0) })
        var lines: [String] = []
        lines.append("\(ring.id): \(ring.size) members, score \(ring.score); " + ring.statusSummary)
        for m in ring.members {
            lines.append("  \(m.candidateId)  \(Sanitize.forDisplay(m.name))  \(m.band) \(m.risk), \(m.status)")
        }
        // One line per shared value: "payment_account iban LT45…: C-000020, C-000039, C-000062"
        var byValue: [String: (kind: RingEdge.Kind, members: Set<String>)] = [:]
        for e in ring.edges {
            let key = e.kind.rawValue + "\u{0}" + e.value
            byValue[key, default: (e.kind, [])].members.formUnion([e.a, e.b])
        }
        let groups = byValue.sorted { ($0.value.kind.strength, $1.key) > ($1.value.kind.strength, $0.key) }
        lines.append("  shared:")
        for (key, group) in groups {
            let value = String(key.split(separator: "\u{0}", maxSplits: 1).last ?? "")
            let who = group.members.sorted().map { id in names[id] == nil ? "\(id) (left)" : id }
            lines.append("    \(group.kind.rawValue) \(Sanitize.forDisplay(value)): " + who.joined(separator: ", "))
        }
        return lines
    }

    public static func timeline(_ ring: Ring, history: [HistoryEntry]) -> [String] {
        var items: [(at: Int64, text: String)] = []
        for e in ring.edges {
            if let first = e.firstSeen { items.append((first, "first \(e.kind.rawValue) shared: \(e.a) & \(e.b) (\(Sanitize.forDisplay(e.value)))")) }
        }
        for ev in ring.events {
            // "joined via payment_account iban …"; "left (now in R-000003)" or "left (no strong tie left)".
            let why = ev.via.isEmpty ? "" : ev.change == "joined" ? " via \(Sanitize.forDisplay(ev.via))" : " (\(Sanitize.forDisplay(ev.via)))"
            items.append((ev.at, "\(ev.candidateId) \(ev.change)" + why))
        }
        for h in history where h.action != "note" {
            items.append((h.at, "\(h.candidateId) \(h.action) by \(Sanitize.forDisplay(h.analyst))" + (h.reasonCode.map { " [\($0)]" } ?? "")))
        }
        return items.sorted { ($0.at, $0.text) < ($1.at, $1.text) }.map { "  \(Time.iso($0.at))  \($0.text)" }
    }
}
