import VetdeskCore

public enum Screen: Equatable, Sendable { case queue, detail, rings, lists }

/// Saved queue views (keys 0-4, or `:view NAME`).
public enum QuickView: String, CaseIterable, Sendable {
    case all, new, high, mine, escalated

    public var label: String {
        switch self {
        case .all: "all"
        case .new: "new"
        case .high: "high risk"
        case .mine: "mine"
        case .escalated: "escalated"
        }
    }

    /// Narrows a query for this view; `mine` needs the analyst's name.
    func apply(to q: inout QueueQuery, analyst: String) {
        switch self {
        case .all: break
        case .new: q.statuses = [.new]
        case .high: q.minRisk = 55; q.statuses = [.new, .inReview]
        case .mine: q.assignee = analyst
        case .escalated: q.statuses = [.escalated]
        }
    }
}

/// Text being typed on the bottom line.
public enum InputMode: Equatable, Sendable {
    case normal
    case filter          // text lives in queue.filter so the queue narrows as it is typed
    case command(String)
}

public enum FlashLevel: Sendable, Equatable { case info, warn, error }

public struct Flash: Equatable, Sendable {
    public var text: String
    public var level: FlashLevel
    public var expiresAt: Double
}

/// The dialogs that lead to a case action: each requires a note, escalation also a reason.
public enum DialogKind: String, Equatable, Sendable {
    case clear, escalate, note

    public var verb: String {
        switch self {
        case .clear: "Clear"
        case .escalate: "Escalate"
        case .note: "Add note to"
        }
    }
}

public struct Dialog: Equatable, Sendable {
    public var kind: DialogKind
    public var targets: [String]
    /// Shown in the title: the candidate's name, or "3 marked candidates".
    public var subject: String
    public var expectedVersion: Int?
    public var text: String = ""
    public var reasonIndex: Int? = nil
    public var error: String? = nil
    public var pending = false
    /// Set when the dialog decides a whole ring (RingDecision) rather than `targets`.
    public var ringId: String? = nil
}

public enum RowChangeKind: Equatable, Sendable { case new, changed }

public struct RowChange: Equatable, Sendable {
    public var kind: RowChangeKind
    public var at: Double
}

/// The queue as paged from the store: `rows` is a window starting at `windowOffset`;
/// `selected` and `scroll` are absolute row indexes in the whole (filtered) queue.
public struct QueueState: Equatable, Sendable {
    public var rows: [QueueRow] = []
    public var windowOffset = 0
    public var total = 0
    public var selected = 0
    public var scroll = 0
    public var sort: QueueSort = .risk
    public var descending = true
    public var filter = ""
    public var view: QuickView = .all
    public var loaded = false
    /// True while `total` is only the rows of the first page (counting waits until it is drawn).
    public var totalPending = false

    public func row(at index: Int) -> QueueRow? {
        let i = index - windowOffset
        return i >= 0 && i < rows.count ? rows[i] : nil
    }
    public var selectedRow: QueueRow? { row(at: selected) }
}

/// The open candidate: panel lines are computed once per load/resize (panels are pure functions).
public struct DetailState: Equatable, Sendable {
    public var candidateId: String
    public var detail: CandidateDetail? = nil
    public var missing = false
    public var focus = 0
    public var cursor: [Int] = []
    public var scroll: [Int] = []
    public var lines: [[PanelLine]] = []
    public var linesWidth: [Int] = []
}

/// The whole console as a value: views draw it, `Reducer.update` changes it.
public struct AppState: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var storeName: String
    public var analyst: String
    public var readonly: Bool
    /// Shown with every refusal: why this session is read-only (nil: --readonly was asked for).
    public var readonlyReason: String? = nil
    public var ascii: Bool
    public var screen: Screen = .queue
    public var queue = QueueState()
    /// Cases by status, for the header.
    public var counts: [CaseStatus: Int] = [:]
    public var countsKnown = false
    public var detail: DetailState? = nil
    public var backStack: [String] = []
    public var input: InputMode = .normal
    public var help: Int? = nil                   // help overlay scroll, nil when closed
    public var dialog: Dialog? = nil
    public var flash: Flash? = nil
    public var marks: Set<String> = []
    public var themeName: String
    public var themeNames: [String] = []
    public var live = true
    public var storeError: String? = nil
    public var now: Double = 0
    public var startedAt: Double = 0
    public var lastPoll: Double = 0
    /// The last key, click or change seen in the store: the live poll slows after a quiet while (LivePoll).
    public var lastActivity: Double = 0
    public var changes: [String: RowChange] = [:]
    /// Signature of every row seen, to tell changed rows on refresh.
    public var seen: [String: String] = [:]
    public var quitting = false
    /// Mouse reporting (`:mouse on`): off by default, as it blocks the terminal's own text selection.
    public var mouse = false
    /// Long work running off the UI thread (export, bulk decision, rescoring), shown on the bottom line.
    public var job: JobStatus? = nil
    /// The Rings list and the open ring (App/Rings).
    public var rings = RingsState()
    /// The Lists screen (`L`, `:lists`); kept while a hit's candidate is open, so Esc returns to it.
    public var lists: ListsState? = nil

    public init(width: Int, height: Int, storeName: String, analyst: String, readonly: Bool = false,
                ascii: Bool = false, themeName: String = "default") {
        self.width = width; self.height = height; self.storeName = storeName; self.analyst = analyst
        self.readonly = readonly; self.ascii = ascii; self.themeName = themeName
    }

    /// The smallest terminal the console draws in; below it a "too small" notice is shown.
    public static let minWidth = 70
    public static let minHeight = 18
    public var tooSmall: Bool { width < Self.minWidth || height < Self.minHeight }

    /// Queue rows on screen: header, view line, column headings and the bottom line are fixed.
    public var queueVisibleRows: Int { max(1, height - 4) }

    /// How long a new/changed row stays marked.
    public static let changeMarkSeconds = 30.0
    public static let flashSeconds = 4.0
    /// The live poll's interval right after activity (LivePoll.fast).
    public static let pollInterval = LivePoll.fast
    /// The live poll's interval now: quick while the analyst works, slower when all is quiet.
    public var currentPollInterval: Double { LivePoll.interval(sinceActivity: now - lastActivity) }

    /// The store query for the current view, filter and sort.
    public func queueQuery(offset: Int, limit: Int) -> QueueQuery {
        var q = QueueQuery(text: queue.filter, sort: queue.sort, descending: queue.descending, limit: limit, offset: offset)
        queue.view.apply(to: &q, analyst: analyst)
        return q
    }

    public var hasOverlay: Bool { help != nil || dialog != nil }
}
