import VetdeskCore

/// The Rings screens' model (Bubble Tea: its own model and update, RingsUpdate.swift): the list of
/// rings by score and the open ring. Lives in `AppState.rings`; shown when `screen == .rings`.
public struct RingsState: Equatable, Sendable {
    public var list: [Ring] = []
    public var loaded = false
    public var loading = false
    public var selected = 0
    public var scroll = 0
    /// The ring drawn on screen; nil shows the list.
    public var open: OpenRing? = nil
    /// Enter on a member opened its detail: leaving that detail comes back to the ring.
    public var returnFromDetail = false
}

/// One ring on screen: the ring, its timeline, the selected member (index into `ring.members`).
public struct OpenRing: Equatable, Sendable {
    public var id: String
    public var ring: Ring? = nil
    public var timeline: [RingTimelineItem] = []
    public var node = 0
    public var timelineScroll = 0
    /// Why the ring could not be shown (no such ring, store error).
    public var problem: String? = nil

    public var selectedMember: RingMember? {
        guard let ring, node >= 0, node < ring.members.count else { return nil }
        return ring.members[node]
    }
}

/// What can happen on the Rings screens; wrapped in `Action.ring`.
public enum RingsAction: Equatable, Sendable {
    case showList
    case openRing(String)
    case move(RingMove)
    case open
    case back
    case decide(DialogKind)
    case export
    case reload
    case scrollTimeline(Int)
    // Results of RingsEffect
    case listLoaded([Ring])
    case ringLoaded(id: String, ring: Ring, timeline: [RingTimelineItem])
    case loadFailed(id: String?, message: String)
    /// A ring decision was recorded: the summary names members that were not changed.
    case decided(String, FlashLevel)
}

public enum RingMove: Equatable, Sendable { case up, down, left, right, first, last }

/// Store work for the Rings screens; wrapped in `Effect.ring`, run off the UI thread (RingsWork).
public enum RingsEffect: Equatable, Sendable {
    /// Recomputes rings if their inputs changed, then lists them by score.
    case loadList
    case loadRing(String)
    case decide(ring: String, action: CaseAction, note: String)
    case export(ring: String)
}
