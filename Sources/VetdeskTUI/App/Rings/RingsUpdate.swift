import VetdeskCore

extension AppState {
    /// Ring lines on the list screen: header, title, column headings and the bottom line are fixed.
    var ringsVisibleRows: Int { max(1, height - 4) }
}

/// The Rings screens' update (Bubble Tea): `Reducer.update` hands every `Action.ring` here.
extension Reducer {
    func updateRings(_ s: inout AppState, _ action: RingsAction) -> [Effect] {
        switch action {
        case .showList:
            leaveDetail(&s)
            s.screen = .rings
            s.rings.open = nil
            s.rings.loading = true
            return [.ring(.loadList)]
        case let .openRing(id):
            leaveDetail(&s)
            s.screen = .rings
            s.rings.open = OpenRing(id: id)
            return [.ring(.loadRing(id))] + (s.rings.loaded ? [] : [.ring(.loadList)])
        case let .move(m):
            moveRings(&s, m)
            return []
        case .open:
            if let open = s.rings.open {
                guard let m = open.selectedMember else { return [] }
                // The member's detail; leaving it (Esc, q) comes back to this ring.
                s.rings.returnFromDetail = true
                s.backStack = []
                return openDetail(&s, m.candidateId)
            }
            guard s.rings.selected < s.rings.list.count else { return [] }
            return updateRings(&s, .openRing(s.rings.list[s.rings.selected].id))
        case .back:
            if s.rings.open != nil {
                s.rings.open = nil
                if !s.rings.loaded { s.rings.loading = true; return [.ring(.loadList)] }
                return []
            }
            s.screen = .queue
            return []
        case let .decide(kind):
            guard !s.readonly else { return readonlyRefusal(&s) }
            guard let ring = s.rings.open?.ring else { flash(&s, "the ring is still loading", .info); return [] }
            guard !busy(&s) else { return [] }
            // No targets: a ring decision keeps no per-candidate draft (RingDecision applies it to every member).
            var d = Dialog(kind: kind, targets: [], subject: "ring \(ring.id) (\(ring.size) members)", expectedVersion: nil)
            d.ringId = ring.id
            s.dialog = d
            return []
        case .export:
            guard let id = s.rings.open?.id ?? (s.rings.selected < s.rings.list.count ? s.rings.list[s.rings.selected].id : nil)
            else { flash(&s, "no ring selected", .warn); return [] }
            guard !busy(&s) else { return [] }
            return [.ring(.export(ring: id))]
        case .reload:
            s.rings.loading = true
            return [.ring(.loadList)] + (s.rings.open.map { [.ring(.loadRing($0.id))] } ?? [])
        case let .scrollTimeline(delta):
            guard var open = s.rings.open else { return [] }
            open.timelineScroll = max(0, min(open.timelineScroll &+ delta, max(0, open.timeline.count - 1)))
            s.rings.open = open
            return []

        case let .listLoaded(rings):
            let selectedId = s.rings.selected < s.rings.list.count ? s.rings.list[s.rings.selected].id : nil
            s.rings.list = rings
            s.rings.loaded = true
            s.rings.loading = false
            if let selectedId, let i = rings.firstIndex(where: { $0.id == selectedId }) { s.rings.selected = i }
            clampRings(&s)
            return []
        case let .ringLoaded(id, ring, timeline):
            guard var open = s.rings.open, open.id == id else { return [] }
            let selectedId = open.ring.flatMap { open.node < $0.members.count ? $0.members[open.node].candidateId : nil }
            open.ring = ring
            open.timeline = timeline
            open.problem = nil
            open.node = selectedId.flatMap { sid in ring.members.firstIndex { $0.candidateId == sid } }
                ?? max(0, min(open.node, ring.members.count - 1))
            s.rings.open = open
            return []
        case let .loadFailed(id, message):
            s.rings.loading = false
            if let id, var open = s.rings.open, open.id == id, open.ring == nil {
                open.problem = message
                s.rings.open = open
            }
            flash(&s, message, .error)
            return []
        case let .decided(message, level):
            s.dialog = nil
            flash(&s, message, level)
            return updateRings(&s, .reload) + refreshAll(s)
        }
    }

    /// Opening the Rings screens from a candidate leaves its detail behind.
    private func leaveDetail(_ s: inout AppState) {
        s.detail = nil
        s.backStack = []
        s.rings.returnFromDetail = false
        s.input = .normal
    }

    private func moveRings(_ s: inout AppState, _ m: RingMove) {
        if var open = s.rings.open {
            guard let ring = open.ring, !ring.members.isEmpty else { return }
            if let layout = RingView.layout(ring, width: s.width, height: s.height, ascii: s.ascii) {
                open.node = RingGraph.move(layout, from: open.node, m)
            } else {
                // The grouped list: members one per line.
                let n = ring.members.count
                switch m {
                case .up, .left: open.node = max(0, open.node - 1)
                case .down, .right: open.node = min(n - 1, open.node + 1)
                case .first: open.node = 0
                case .last: open.node = n - 1
                }
            }
            s.rings.open = open
            return
        }
        let n = s.rings.list.count
        guard n > 0 else { return }
        switch m {
        case .up, .left: s.rings.selected -= 1
        case .down, .right: s.rings.selected += 1
        case .first: s.rings.selected = 0
        case .last: s.rings.selected = n - 1
        }
        clampRings(&s)
    }

    func clampRings(_ s: inout AppState) {
        let n = s.rings.list.count, vis = s.ringsVisibleRows
        s.rings.selected = max(0, min(s.rings.selected, n - 1))
        if s.rings.selected < s.rings.scroll { s.rings.scroll = s.rings.selected }
        if s.rings.selected >= s.rings.scroll + vis { s.rings.scroll = s.rings.selected - vis + 1 }
        s.rings.scroll = max(0, min(s.rings.scroll, max(0, n - vis)))
    }
}
