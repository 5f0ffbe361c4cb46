import VetdeskCore

/// A member drawn as a box (id, band, status); `port` is where its line leaves the box for the tracks.
public struct RingNode: Equatable, Sendable {
    public var member: Int                // index into ring.members
    public var rect: Rect
    public var port: Int
    /// Top row (its line goes down to the tracks) or bottom row (its line goes up).
    public var top: Bool
}

/// One shared identifier (an IBAN, a device, a ship-to…) drawn as a horizontal track labelled by its kind,
/// joined by a junction to every member that shares it. Referrals stay pairwise (one track per referral).
public struct RingTrack: Equatable, Sendable {
    public var kind: RingEdge.Kind
    public var value: String
    public var members: [Int]             // member indexes
    public var y: Int
    public var x0: Int                    // first and last member port
    public var x1: Int
}

/// Where everything goes, relative to the drawing's top-left corner. A pure function of the ring and
/// the space given (RingGraph.layout), so tests check it on the in-memory grid.
public struct RingLayout: Equatable, Sendable {
    public var nodes: [RingNode]          // by member index
    public var tracks: [RingTrack]
    public var labelWidth: Int
    public var width: Int
    public var height: Int
}

public enum RingGraph {
    static let nodeHeight = 5
    static let gap = 2

    /// The shared identifiers of a ring: edges grouped by kind and value (strongest first), each with its members.
    public static func groups(_ ring: Ring) -> [(kind: RingEdge.Kind, value: String, members: [String])] {
        var byKey: [String: (kind: RingEdge.Kind, value: String, members: Set<String>)] = [:]
        var keys: [String] = []
        for e in ring.edges {
            let key = e.kind == .referral ? "\(e.kind.rawValue)|\(e.a)|\(e.b)" : "\(e.kind.rawValue)|\(e.value)"
            if byKey[key] == nil { keys.append(key); byKey[key] = (e.kind, e.value, []) }
            byKey[key]!.members.formUnion([e.a, e.b])
        }
        let rank = Dictionary(ring.members.enumerated().map { ($1.candidateId, $0) }, uniquingKeysWith: { a, _ in a })
        return keys.map { byKey[$0]! }
            .sorted { ($0.kind.strength, $0.members.count, $1.kind.rawValue, $1.value) > ($1.kind.strength, $1.members.count, $0.kind.rawValue, $0.value) }
            .map { ($0.kind, $0.value, $0.members.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }) }
    }

    /// "payment_account iban LT45…": the kind in full, the value cut to fit.
    static func label(_ kind: RingEdge.Kind, _ value: String) -> String {
        kind == .referral || value.isEmpty || value == kind.rawValue ? kind.rawValue : kind.rawValue + " " + value
    }

    static func nodeLines(_ m: RingMember, ascii: Bool) -> [String] {
        let band = RiskBand(rawValue: m.band) ?? .none
        return [m.candidateId, Glyphs.band(band, ascii: ascii) + " " + m.band,
                (CaseStatus(rawValue: m.status)?.label ?? m.status)]
    }

    /// Lays the ring out in `width` x `height`, or nil when it cannot be drawn readably there (the ring
    /// screen then shows the grouped adjacency list). Members sharing an identifier sit side by side; one
    /// row when it fits, else two staggered rows with the tracks between them.
    public static func layout(_ ring: Ring, width: Int, height: Int, ascii: Bool = false) -> RingLayout? {
        let n = ring.members.count
        guard n >= 1 else { return nil }
        let contentWidth = min(18, max(10, ring.members.flatMap { nodeLines($0, ascii: ascii) }
            .map { DisplayWidth.of(Sanitize.forDisplay($0)) }.max() ?? 10))
        let nodeWidth = contentWidth + 2, pitch = nodeWidth + gap
        let groups = self.groups(ring)
        let index = Dictionary(ring.members.enumerated().map { ($1.candidateId, $0) }, uniquingKeysWith: { a, _ in a })
        // Left to right: members in the order the strongest identifiers first name them.
        var order: [Int] = []
        for g in groups { for id in g.members { if let i = index[id], !order.contains(i) { order.append(i) } } }
        for i in 0..<n where !order.contains(i) { order.append(i) }
        let minLabel = (groups.map { DisplayWidth.of($0.kind.rawValue) }.max() ?? 0) + 2
        let fullLabel = min(40, (groups.map { DisplayWidth.of(Sanitize.forDisplay(label($0.kind, $0.value))) }.max() ?? 0) + 2)
        let t = groups.count

        for (rows, spaced) in [(1, true), (1, false), (2, true), (2, false)] {
            let topCount = rows == 1 ? n : (n + 1) / 2
            let bottomCount = n - topCount
            let rowWidth = max(topCount * pitch - gap, bottomCount == 0 ? 0 : pitch / 2 + bottomCount * pitch - gap)
            let labelWidth = min(fullLabel, width - rowWidth)
            guard labelWidth >= minLabel else { continue }
            let trackTop = nodeHeight + (spaced ? 1 : 0)
            let step = spaced ? 2 : 1
            let tracksEnd = trackTop + (t - 1) * step + 1
            let total = rows == 1 ? tracksEnd : tracksEnd + (spaced ? 1 : 0) + nodeHeight
            guard total <= height else { continue }
            var nodes = Array(repeating: RingNode(member: 0, rect: Rect(x: 0, y: 0, width: 0, height: 0), port: 0, top: true),
                              count: n)
            for (k, m) in order.enumerated() {
                // Two rows zigzag (even places on top), so neighbours in `order` stay neighbours on screen.
                let top = rows == 1 || k % 2 == 0
                let j = rows == 1 ? k : k / 2
                let x = labelWidth + j * pitch + (top ? 0 : pitch / 2)
                let y = top ? 0 : total - nodeHeight
                nodes[m] = RingNode(member: m, rect: Rect(x: x, y: y, width: nodeWidth, height: nodeHeight),
                                    port: x + nodeWidth / 2, top: top)
            }
            let tracks = groups.enumerated().map { i, g -> RingTrack in
                let members = g.members.compactMap { index[$0] }
                let ports = members.map { nodes[$0].port }
                return RingTrack(kind: g.kind, value: g.value, members: members, y: trackTop + i * step,
                                 x0: ports.min() ?? labelWidth, x1: ports.max() ?? labelWidth)
            }
            let right = nodes.map(\.rect.maxX).max() ?? labelWidth
            return RingLayout(nodes: nodes, tracks: tracks, labelWidth: labelWidth, width: right, height: total)
        }
        return nil
    }

    /// Draws the layout at (ox, oy). Junctions (┼ ┴ ┬ ┘ …) join a member to a track; a line that only
    /// crosses a track is drawn straight through it (│), so crossing never reads as sharing.
    public static func draw(_ ring: Ring, _ layout: RingLayout, selected: Int?, at ox: Int, _ oy: Int, into g: inout Grid) {
        let ascii = g.ascii
        for t in layout.tracks {
            let text = fit(label(t.kind, t.value), layout.labelWidth - 1, ascii: ascii)
            let kindWidth = DisplayWidth.of(t.kind.rawValue)
            g.put(t.kind.rawValue, x: ox, y: oy + t.y, role: .title, attrs: [.bold])
            g.put(String(text.dropFirst(t.kind.rawValue.count)), x: ox + kindWidth, y: oy + t.y, role: .dim,
                  maxWidth: layout.labelWidth - 1 - kindWidth)
            let textEnd = DisplayWidth.of(text.replacingOccurrences(of: " +$", with: "", options: .regularExpression))
            for x in (textEnd + 1)..<max(textEnd + 1, t.x0) { g.put(ascii ? "." : "·", x: ox + x, y: oy + t.y, role: .dim) }
            for x in t.x0...t.x1 { g.put(ascii ? "-" : "─", x: ox + x, y: oy + t.y, role: .border) }
        }
        for node in layout.nodes {
            let mine = layout.tracks.filter { $0.members.contains(node.member) }
            guard let far = node.top ? mine.map(\.y).max() : mine.map(\.y).min() else { continue }
            let ys = node.top ? Array(node.rect.maxY...far) : Array(far...(node.rect.y - 1))
            for y in ys {
                var glyph = ascii ? "|" : "│"
                if let t = mine.first(where: { $0.y == y }) {
                    let up = node.top || y > far, down = !node.top || y < far
                    glyph = junction(up: up, down: down, left: node.port > t.x0, right: node.port < t.x1, ascii: ascii)
                }
                g.put(glyph, x: ox + node.port, y: oy + y, role: .border)
            }
        }
        for node in layout.nodes {
            let on = node.member == selected
            let r = Rect(x: ox + node.rect.x, y: oy + node.rect.y, width: node.rect.width, height: node.rect.height)
            box(r, double: on, ascii: ascii, into: &g)
            let connector = ascii ? "+" : on ? (node.top ? "╤" : "╧") : (node.top ? "┬" : "┴")
            g.put(connector, x: ox + node.port, y: node.top ? r.maxY - 1 : r.y, role: on ? .borderFocused : .border)
            let m = ring.members[node.member]
            let lines = nodeLines(m, ascii: ascii)
            let inner = r.width - 2
            g.put(fit(lines[0], inner, ascii: ascii), x: r.x + 1, y: r.y + 1, role: on ? .selected : .title,
                  attrs: on ? [.bold, .reverse] : [.bold])
            g.put(fit(lines[1], inner, ascii: ascii), x: r.x + 1, y: r.y + 2,
                  role: Glyphs.bandRole(RiskBand(rawValue: m.band) ?? .none))
            g.put(fit(lines[2], inner, ascii: ascii), x: r.x + 1, y: r.y + 3,
                  role: CaseStatus(rawValue: m.status).map(Glyphs.statusRole) ?? .dim)
        }
    }

    static func junction(up: Bool, down: Bool, left: Bool, right: Bool, ascii: Bool) -> String {
        if ascii { return "+" }
        switch (up, down, left, right) {
        case (true, true, true, true): return "┼"
        case (true, true, true, false): return "┤"
        case (true, true, false, true): return "├"
        case (true, false, true, true): return "┴"
        case (true, false, true, false): return "┘"
        case (true, false, false, true): return "└"
        case (false, true, true, true): return "┬"
        case (false, true, true, false): return "┐"
        case (false, true, false, true): return "┌"
        default: return "│"
        }
    }

    /// The selected member's box is drawn with double lines, so the selection shows without colour.
    static func box(_ r: Rect, double: Bool, ascii: Bool, into g: inout Grid) {
        let role: Role = double ? .borderFocused : .border
        let (h, v, tl, tr, bl, br) = ascii ? (double ? ("=", "#", "#", "#", "#", "#") : ("-", "|", "+", "+", "+", "+"))
            : double ? ("═", "║", "╔", "╗", "╚", "╝") : ("─", "│", "┌", "┐", "└", "┘")
        for x in (r.x + 1)..<(r.maxX - 1) { g.put(h, x: x, y: r.y, role: role); g.put(h, x: x, y: r.maxY - 1, role: role) }
        for y in (r.y + 1)..<(r.maxY - 1) { g.put(v, x: r.x, y: y, role: role); g.put(v, x: r.maxX - 1, y: y, role: role) }
        g.put(tl, x: r.x, y: r.y, role: role); g.put(tr, x: r.maxX - 1, y: r.y, role: role)
        g.put(bl, x: r.x, y: r.maxY - 1, role: role); g.put(br, x: r.maxX - 1, y: r.maxY - 1, role: role)
    }

    /// The member the selection moves to: left/right along the drawing, up/down to the other row
    /// (the nearest member there), else along the drawing too.
    public static func move(_ layout: RingLayout, from current: Int, _ move: RingMove) -> Int {
        guard current >= 0, current < layout.nodes.count else { return 0 }
        let here = layout.nodes[current]
        let byX = layout.nodes.sorted { $0.port < $1.port }
        let pos = byX.firstIndex { $0.member == current } ?? 0
        switch move {
        case .first: return byX.first?.member ?? current
        case .last: return byX.last?.member ?? current
        case .left: return byX[max(0, pos - 1)].member
        case .right: return byX[min(byX.count - 1, pos + 1)].member
        case .up, .down:
            let wantTop = move == .up
            if here.top != wantTop, let other = layout.nodes.filter({ $0.top == wantTop })
                .min(by: { abs($0.port - here.port) < abs($1.port - here.port) }) {
                return other.member
            }
            if layout.nodes.allSatisfy(\.top) { return byX[move == .up ? max(0, pos - 1) : min(byX.count - 1, pos + 1)].member }
            return current
        }
    }
}
