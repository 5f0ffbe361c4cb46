import GRDB

/// A ring's story in order, for the console's ring screen: each member's application, the first shared
/// payment, the first sign-in from shared infrastructure (device, residential line), the other shared
/// identifiers, membership changes and decisions. Texts are sanitised; values are shortened.
public struct RingTimelineItem: Sendable, Equatable {
    public enum Kind: String, Sendable { case application, payment, login, shared, membership, decision }
    public var at: Int64
    public var kind: Kind
    public var text: String
    public init(at: Int64, kind: Kind, text: String) { self.at = at; self.kind = kind; self.text = text }
}

public enum RingTimeline {
    /// Reads what the ring itself does not carry (application dates, the members' histories).
    public static func load(_ store: Store, ring: Ring) throws -> [RingTimelineItem] {
        let ids = ring.members.map(\.candidateId)
        let (applied, history) = try store.pool.read { db -> ([String: Int64], [HistoryEntry]) in
            var applied: [String: Int64] = [:]
            var history: [HistoryEntry] = []
            for id in ids {
                if let at = try Int64.fetchOne(db, sql: "SELECT applied_at FROM candidate WHERE id = ?", arguments: [id]) {
                    applied[id] = at
                }
                history += try HistoryStore.entries(db, candidateId: id)
            }
            return (applied, history)
        }
        return items(ring, applied: applied, history: history)
    }

    /// Pure: the timeline from the ring, application dates and history entries, oldest first.
    public static func items(_ ring: Ring, applied: [String: Int64], history: [HistoryEntry]) -> [RingTimelineItem] {
        var out: [RingTimelineItem] = []
        for (id, at) in applied { out.append(.init(at: at, kind: .application, text: "\(safe(id)) applied")) }
        // The first time each shared value was seen, not every pair that shares it.
        var firstByValue: [String: (at: Int64, edge: RingEdge, members: Set<String>)] = [:]
        for e in ring.edges {
            guard let first = e.firstSeen else { continue }
            let key = e.kind == .referral ? "\(e.kind.rawValue)|\(e.a)|\(e.b)" : "\(e.kind.rawValue)|\(e.value)"
            var entry = firstByValue[key] ?? (first, e, [])
            if first < entry.at { entry.at = first; entry.edge = e }
            entry.members.formUnion([e.a, e.b])
            firstByValue[key] = entry
        }
        for (_, v) in firstByValue {
            let who = v.members.sorted().map(safe).joined(separator: ", ")
            let value = short(v.edge.value)
            switch v.edge.kind {
            case .paymentAccount:
                out.append(.init(at: v.at, kind: .payment, text: "first shared payment (\(value)): \(who)"))
            case .device, .residentialLine:
                out.append(.init(at: v.at, kind: .login,
                                 text: "first login from shared \(v.edge.kind.rawValue) (\(value)): \(who)"))
            case .referral:
                out.append(.init(at: v.at, kind: .shared, text: "referral: \(who)"))
            default:
                out.append(.init(at: v.at, kind: .shared, text: "first shared \(v.edge.kind.rawValue) (\(value)): \(who)"))
            }
        }
        for ev in ring.events {
            out.append(.init(at: ev.at, kind: .membership,
                             text: "\(safe(ev.candidateId)) \(safe(ev.change)) ring" + (ev.via.isEmpty ? "" : " via \(short(ev.via))")))
        }
        for h in history where h.action != "note" {
            out.append(.init(at: h.at, kind: .decision,
                             text: "\(safe(h.candidateId)) \(safe(h.action))" + (h.reasonCode.map { " [\(safe($0))]" } ?? "")
                                + " by \(safe(h.analyst))"))
        }
        return out.sorted { ($0.at, $0.text) < ($1.at, $1.text) }
    }

    static func safe(_ s: String) -> String { Sanitize.forDisplay(s) }

    /// Long values (hashes, addresses) cut to 28 characters with an ellipsis.
    static func short(_ s: String) -> String {
        let clean = Sanitize.forDisplay(s)
        return clean.count <= 28 ? clean : String(clean.prefix(27)) + "…"
    }
}
