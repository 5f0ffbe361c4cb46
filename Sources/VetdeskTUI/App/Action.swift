import VetdeskCore

/// Everything that can happen to the console: key-bound intents, typed text, and results
/// of effects (store reads and writes) fed back in. `Reducer.update` is the only consumer.
public enum Action: Equatable, Sendable {
    // Lifecycle
    case start(now: Double)
    /// The first frame is on screen: now the work that can wait (counts, exact total) is done.
    case firstFrameDrawn
    case tick(now: Double)
    case resize(width: Int, height: Int)
    case quit
    case suspend
    case redraw

    // Movement (queue rows, or lines of the focused panel)
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case open, back
    case focusNext, focusPrevious, focusPanel(Int)

    // Queue
    case startFilter, startCommand, cycleSort, reverseSort
    case quickView(QuickView)
    case toggleMark, clearMarks

    // Case actions
    case openDialog(DialogKind)
    case take, release
    case export(format: String)
    case copyId

    // Display
    case toggleHelp, cycleTheme, togglePause, refresh
    /// A mouse click at a screen cell (only delivered while the mouse is on).
    case click(x: Int, y: Int)

    // Text entry (filter, command line, dialog note)
    case inputChar(Character), inputBackspace, inputClear, inputSubmit, inputCancel
    case reasonNext, reasonPrevious

    // Results of effects
    case queueLoaded(rows: [QueueRow], offset: Int, total: Int, refresh: Bool)
    /// The first page at start-up, before anything is counted.
    case firstPageLoaded(rows: [QueueRow])
    case countsLoaded(StatusCounts)
    case detailLoaded(id: String, detail: CandidateDetail?)
    case storeChanged
    case storeFailed(String)
    case caseActionDone(String)
    case caseActionFailed(String)
    /// Someone else changed the case since the dialog opened: the message says to what, and
    /// `currentVersion` is the case's version now.
    case caseActionConflict(String, currentVersion: Int?)
    case themeApplied(String)
    case themeFailed(String)
    case draftRestored(DraftNote, subject: String)
    case flash(String, FlashLevel)
    /// Long work started off the UI thread (BackgroundJobs), its progress, its end.
    case jobStarted(String)
    case jobProgress(String)
    case jobFinished
    /// The Rings screens (App/Rings: their own model and update).
    case ring(RingsAction)
    /// The Lists screen (App/Lists/ListsModel.swift).
    case lists(ListsAction)
}

/// Work the runtime does for the reducer; its results come back as Actions.
public enum Effect: Equatable, Sendable {
    case loadQueue(QueueQuery, refresh: Bool)
    /// The Lists screen's reads (App/Lists/ListsLoader.swift).
    case lists(ListsEffect)
    /// Start-up: one page, no count, so the first frame waits for nothing else.
    case loadFirstPage(QueueQuery)
    case loadCounts
    case loadDetail(String)
    case pollStore
    case apply(CaseAction, ids: [String], note: String, expectedVersion: Int?)
    case saveDraft(DraftNote)
    case deleteDraft(candidateId: String)
    case restoreDraft
    case loadTheme(String)
    case export(ids: [String], format: String)
    /// Recompute flags and scores of the candidates imports and decisions changed (`:rescore`).
    case rescore
    /// Put text on the clipboard of the analyst's own terminal (OSC 52, through tmux/screen).
    case copy(String)
    case mouse(Bool)
    case suspend
    case redraw
    case quit
    /// Store work of the Rings screens (RingsWork, off the UI thread).
    case ring(RingsEffect)
}
