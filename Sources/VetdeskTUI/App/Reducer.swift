import VetdeskCore

/// The console's logic: `update(state, action) -> effects`, pure apart from the panels it is given
/// (themselves pure functions). Keys become actions through `KeyMap`; effects are run by `ConsoleRuntime`.
public struct Reducer {
    public let panels: [any DetailPanel.Type]

    public init(panels: [any DetailPanel.Type]) { self.panels = panels }

    /// The functional form: the new state and the effects to run.
    public func update(_ state: AppState, _ action: Action) -> (AppState, [Effect]) {
        var s = state
        let effects = update(&s, action)
        return (s, effects)
    }

    /// Which bindings a key is looked up in, given what is on screen.
    public func context(_ s: AppState) -> KeyContext {
        if s.dialog != nil { return .dialog }
        if s.help != nil { return .help }
        if s.input != .normal { return .input }
        if s.screen == .rings { return s.rings.open == nil ? .rings : .ring }
        return s.screen == .queue ? .queue : s.screen == .lists ? .lists : .detail
    }

    /// A key press: bound keys become their action; in text contexts printable keys are typed.
    public func handleKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        s.lastActivity = s.now   // the live poll quickens (LivePoll)
        if s.tooSmall, key != .ctrl("c"), key != .char("q") { return [] }
        let ctx = context(s)
        if let action = KeyMap.action(for: key, in: ctx) { return update(&s, action) }
        if key == .ctrl("c") { return update(&s, .quit) }
        if ctx == .dialog || ctx == .input, case let .char(c) = key { return update(&s, .inputChar(c)) }
        return []
    }

    public func update(_ s: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case let .lists(a): return ListsModel.update(&s, a, self)
        case let .start(now):
            s.now = now; s.startedAt = now; s.lastPoll = now; s.lastActivity = now
            // Only the first page before the first frame; counts and a waiting draft follow once it
            // is drawn.
            return [.loadFirstPage(s.queueQuery(offset: 0, limit: windowSize(s)))]
        case .firstFrameDrawn:
            // The first page is on screen. For a status-only view the counts give the exact total
            // (countsLoaded): the page is not read twice, and the frame settles sooner.
            if s.screen == .queue, s.queue.totalPending,
               QueueTotal.fromCounts(s.queueQuery(offset: 0, limit: 0), [:]) != nil {
                return [.loadCounts, .restoreDraft]
            }
            return refreshAll(s) + [.restoreDraft]

        case let .tick(now):
            s.now = now
            if let f = s.flash, f.expiresAt <= now { s.flash = nil }
            s.changes = s.changes.filter { now - $0.value.at < AppState.changeMarkSeconds }
            if s.live, now - s.lastPoll >= s.currentPollInterval {
                s.lastPoll = now
                return [.pollStore]
            }
            return []

        case let .resize(w, h):
            s.width = w; s.height = h
            clampQueue(&s)
            layoutDetail(&s)
            return ensureWindow(s) + [.redraw]

        case .quit:
            s.quitting = true
            return [.quit]
        case .suspend: return [.suspend]
        case .redraw: return [.redraw]

        case .moveDown: return move(&s, by: 1)
        case .moveUp: return move(&s, by: -1)
        case .pageDown: return move(&s, by: pageSize(s))
        case .pageUp: return move(&s, by: -pageSize(s))
        case .top: return move(&s, by: Int.min / 2)
        case .bottom: return move(&s, by: Int.max / 2)

        case .open:
            if s.screen == .queue {
                guard let row = s.queue.selectedRow else { return [] }
                s.backStack = []
                return openDetail(&s, row.candidateId)
            }
            guard let d = s.detail, d.focus < d.lines.count, d.cursor[d.focus] < d.lines[d.focus].count,
                  let link = d.lines[d.focus][d.cursor[d.focus]].link else {
                flash(&s, "nothing to open on this line", .info)
                return []
            }
            s.backStack.append(d.candidateId)
            return openDetail(&s, link)

        case .back:
            if let previous = s.backStack.popLast() { return openDetail(&s, previous) }
            if s.rings.returnFromDetail {   // a member opened from its ring: back to the ring, re-read
                s.rings.returnFromDetail = false; s.screen = .rings; s.detail = nil
                return s.rings.open.map { [.ring(.loadRing($0.id))] } ?? []
            }
            s.screen = s.lists == nil ? .queue : .lists
            s.detail = nil
            return []

        case .focusNext: focus(&s) { ($0 + 1) % $1 }; return []
        case .focusPrevious: focus(&s) { ($0 + $1 - 1) % $1 }; return []
        case let .focusPanel(i): focus(&s) { i < $1 ? i : $0 }; return []

        case .startFilter:
            s.input = .filter
            return []
        case .startCommand:
            s.input = .command("")
            return []

        case .cycleSort:
            let all = QueueSort.allCases
            s.queue.sort = all[((all.firstIndex(of: s.queue.sort) ?? 0) + 1) % all.count]
            s.queue.descending = s.queue.sort == .risk || s.queue.sort == .updated
            flash(&s, "sort: \(s.queue.sort.rawValue)", .info)
            return resetQueue(&s)
        case .reverseSort:
            s.queue.descending.toggle()
            return resetQueue(&s)
        case let .quickView(v):
            s.queue.view = v
            flash(&s, "view: \(v.label)", .info)
            return resetQueue(&s)

        case .toggleMark:
            guard s.screen == .queue, let id = s.queue.selectedRow?.candidateId else { return [] }
            if s.marks.contains(id) { s.marks.remove(id) } else { s.marks.insert(id) }
            return move(&s, by: 1)
        case .clearMarks:
            if !s.marks.isEmpty { s.marks = []; return [] }
            if !s.queue.filter.isEmpty { s.queue.filter = ""; return resetQueue(&s) }
            return []

        case let .openDialog(kind):
            guard !s.readonly else { return readonlyRefusal(&s) }
            guard let t = targets(s) else { flash(&s, "no candidate selected", .warn); return [] }
            if s.screen == .detail, s.detail?.detail == nil { flash(&s, "still loading the candidate", .info); return [] }
            s.dialog = Dialog(kind: kind, targets: t.ids, subject: t.subject, expectedVersion: t.version)
            return []

        case .take, .release:
            guard !s.readonly else { return readonlyRefusal(&s) }
            guard let t = targets(s) else { flash(&s, "no candidate selected", .warn); return [] }
            let isTake = action == .take
            return [.apply(isTake ? .take : .release, ids: t.ids,
                           note: isTake ? "took the case in the console" : "released the case in the console",
                           expectedVersion: t.version)]

        case let .export(format):
            guard let t = targets(s) else { flash(&s, "no candidate selected", .warn); return [] }
            guard !busy(&s) else { return [] }
            return [.export(ids: t.ids, format: format)]
        case .copyId:
            // The open candidate, else the selected row (marks do not apply: one id is copied).
            let id = s.screen == .detail ? s.detail?.candidateId : s.queue.selectedRow?.candidateId
            guard let id else { flash(&s, "no candidate selected", .warn); return [] }
            flash(&s, "copied \(id) to the clipboard (OSC 52)", .info)
            return [.copy(id)]
        case let .click(x, y):
            s.lastActivity = s.now
            return click(&s, x: x, y: y)

        case .toggleHelp:
            s.help = s.help == nil ? 0 : nil
            return []
        case .cycleTheme:
            guard !s.themeNames.isEmpty else { return [] }
            let i = s.themeNames.firstIndex(of: s.themeName).map { ($0 + 1) % s.themeNames.count } ?? 0
            return [.loadTheme(s.themeNames[i])]
        case .togglePause:
            s.live.toggle()
            flash(&s, s.live ? "live refresh on" : "live refresh paused (p resumes)", .info)
            return s.live ? refreshAll(s) : []
        case .refresh:
            return refreshAll(s)

        case let .inputChar(c): return typed(&s, c)
        case .inputBackspace: return editText(&s) { if !$0.isEmpty { $0.removeLast() } }
        case .inputClear: return editText(&s) { $0 = "" }
        case .inputSubmit: return submit(&s)
        case .inputCancel: return cancel(&s)
        case .reasonNext, .reasonPrevious:
            guard var d = s.dialog, d.kind == .escalate else { return [] }
            let n = CaseService.escalationReasons.count
            if let i = d.reasonIndex { d.reasonIndex = (i + (action == .reasonNext ? 1 : n - 1)) % n }
            else { d.reasonIndex = action == .reasonNext ? 0 : n - 1 }
            d.error = nil
            s.dialog = d
            return [draftEffect(s, d)]

        case let .queueLoaded(rows, offset, total, refresh):
            return queueLoaded(&s, rows: rows, offset: offset, total: total, refresh: refresh)
        case let .countsLoaded(c):
            s.counts = c.byStatus
            s.countsKnown = true
            if s.queue.totalPending, let total = QueueTotal.fromCounts(s.queueQuery(offset: 0, limit: 0), c.byStatus) {
                s.queue.total = max(total, s.queue.rows.count)
                s.queue.totalPending = false
            }
            return []
        case let .firstPageLoaded(rows):
            guard !s.queue.loaded else { return [] }   // a full load got there first
            let effects = queueLoaded(&s, rows: rows, offset: 0, total: rows.count, refresh: false)
            s.queue.totalPending = true
            return effects
        case let .detailLoaded(id, detail):
            guard var d = s.detail, d.candidateId == id else { return [] }
            let sameCandidate = d.detail?.candidate.id == id
            d.detail = detail
            d.missing = detail == nil
            if !sameCandidate { d.cursor = []; d.scroll = [] }
            d.linesWidth = []
            s.detail = d
            layoutDetail(&s)
            return []
        case .storeChanged:
            s.storeError = nil
            s.lastActivity = s.now
            return refreshAll(s)
        case let .storeFailed(message):
            s.storeError = message
            flash(&s, message, .error)
            return []
        case let .caseActionDone(message):
            if s.dialog?.targets.count ?? 0 > 1 || s.marks.count > 0 { s.marks = [] }
            s.dialog = nil
            flash(&s, message, .info)
            return refreshAll(s)
        case let .caseActionFailed(message):
            if var d = s.dialog { d.pending = false; d.error = message; s.dialog = d }
            flash(&s, message, .error)
            return refreshAll(s)
        case let .caseActionConflict(message, version):
            // The dialog stays open with the text and adopts the case's current version: the analyst
            // has now been told, so a second Enter applies the decision knowingly (Esc discards it).
            if var d = s.dialog {
                d.pending = false
                d.expectedVersion = version
                d.error = "\(message). Enter applies yours anyway, Esc discards"
                s.dialog = d
            }
            // The bottom line is short: say what the case is now ("now escalated by t2 at …").
            let now = message.range(of: "): ", options: .backwards).map { String(message[$0.upperBound...]) } ?? message
            flash(&s, "changed by someone else: \(now)", .warn)
            return refreshAll(s)
        case let .themeApplied(name):
            s.themeName = name
            flash(&s, "theme: \(name)", .info)
            return [.redraw]
        case let .themeFailed(message):
            flash(&s, message, .error)
            return []
        case let .draftRestored(draft, subject):
            let kind = DialogKind(rawValue: draft.action) ?? .note
            var dialog = Dialog(kind: kind, targets: [draft.candidateId], subject: subject,
                                expectedVersion: draft.caseVersion)
            dialog.text = draft.text
            dialog.reasonIndex = draft.reasonCode.flatMap { code in
                CaseService.escalationReasons.firstIndex { $0.code == code } }
            let effects = openDetail(&s, draft.candidateId)
            s.dialog = dialog
            flash(&s, "restored your unsent note", .info)
            return effects
        case let .flash(text, level):
            flash(&s, text, level)
            return []
        case let .jobStarted(label):
            s.job = JobStatus(label: label, startedAt: s.now)
            return []
        case let .jobProgress(detail):
            s.job?.detail = detail
            return []
        case .jobFinished:
            s.job = nil
            return []
        case let .ring(a): return updateRings(&s, a)
        }
    }

    // MARK: - Queue

    func windowSize(_ s: AppState) -> Int { max(60, s.queueVisibleRows * 3) }

    func loadWindow(_ s: AppState, around scroll: Int, refresh: Bool) -> Effect {
        let offset = max(0, scroll - s.queueVisibleRows)
        return .loadQueue(s.queueQuery(offset: offset, limit: windowSize(s)), refresh: refresh)
    }

    /// Loads the page around the visible rows when they are not all in the window.
    func ensureWindow(_ s: AppState) -> [Effect] {
        guard s.queue.loaded else { return [] }
        let q = s.queue
        let end = min(q.total, q.scroll + s.queueVisibleRows)
        if q.windowOffset <= q.scroll && q.windowOffset + q.rows.count >= end { return [] }
        return [loadWindow(s, around: q.scroll, refresh: false)]
    }

    /// A new view, filter or sort: back to the top.
    func resetQueue(_ s: inout AppState) -> [Effect] {
        s.queue.selected = 0
        s.queue.scroll = 0
        return [loadWindow(s, around: 0, refresh: false)]
    }

    func clampQueue(_ s: inout AppState) {
        let vis = s.queueVisibleRows
        s.queue.selected = max(0, min(s.queue.selected, s.queue.total - 1))
        if s.queue.selected < s.queue.scroll { s.queue.scroll = s.queue.selected }
        if s.queue.selected >= s.queue.scroll + vis { s.queue.scroll = s.queue.selected - vis + 1 }
        s.queue.scroll = max(0, min(s.queue.scroll, max(0, s.queue.total - vis)))
    }

    func queueLoaded(_ s: inout AppState, rows: [QueueRow], offset: Int, total: Int, refresh: Bool) -> [Effect] {
        let selectedId = s.queue.selectedRow?.candidateId
        for row in rows {
            let sig = "\(row.version)|\(row.updatedAt)|\(row.riskScore)|\(row.status.rawValue)|\(row.assignee ?? "")"
            if let old = s.seen[row.candidateId] {
                // An arrival scored after it was first seen (import, then rescore) stays marked new.
                if old != sig, s.changes[row.candidateId]?.kind != .new {
                    s.changes[row.candidateId] = RowChange(kind: .changed, at: s.now)
                }
            } else if s.startedAt > 0, Double(row.openedAt) >= s.startedAt.rounded(.down) {
                s.changes[row.candidateId] = RowChange(kind: .new, at: s.now)
            }
            s.seen[row.candidateId] = sig
        }
        s.queue.rows = rows
        s.queue.windowOffset = offset
        s.queue.total = total
        s.queue.loaded = true
        s.queue.totalPending = false
        // Live refresh keeps the analyst on the same candidate, at the same place on screen; at the
        // top of the list the view stays at the top instead, so arrivals there are seen.
        if refresh, let id = selectedId, let i = rows.firstIndex(where: { $0.candidateId == id }) {
            let delta = offset + i - s.queue.selected
            s.queue.selected += delta
            if s.queue.scroll > 0 { s.queue.scroll += delta }
        }
        clampQueue(&s)
        if s.queue.windowOffset == max(0, s.queue.scroll - s.queueVisibleRows) { return [] }
        return ensureWindow(s)
    }

    func pageSize(_ s: AppState) -> Int {
        if s.help != nil { return max(1, s.height - 6) }
        if s.screen == .queue { return s.queueVisibleRows }
        guard let d = s.detail else { return 1 }
        return max(1, panelInnerHeight(s, d.focus) - 1)
    }

    func move(_ s: inout AppState, by delta: Int) -> [Effect] {
        if s.help != nil {
            s.help = max(0, min((s.help ?? 0) &+ delta, HelpView.lineCount(ascii: s.ascii) - 1))
            return []
        }
        if s.screen == .queue {
            guard s.queue.total > 0 else { return [] }
            s.queue.selected = max(0, min(s.queue.total - 1, s.queue.selected &+ delta))
            clampQueue(&s)
            return ensureWindow(s)
        }
        guard var d = s.detail, d.focus < d.lines.count else { return [] }
        let count = d.lines[d.focus].count
        d.cursor[d.focus] = max(0, min(count - 1, d.cursor[d.focus] &+ delta))
        s.detail = d
        keepCursorVisible(&s)
        return []
    }

    // MARK: - Detail

    func openDetail(_ s: inout AppState, _ id: String) -> [Effect] {
        let focus = s.detail?.focus ?? 0
        s.screen = .detail
        s.detail = DetailState(candidateId: id, focus: focus)
        return [.loadDetail(id)]
    }

    func focus(_ s: inout AppState, _ next: (Int, Int) -> Int) {
        guard var d = s.detail, !panels.isEmpty else { return }
        d.focus = next(d.focus, panels.count)
        s.detail = d
        layoutDetail(&s)
    }

    func panelInnerHeight(_ s: AppState, _ i: Int) -> Int {
        let rects = Layout.panelRects(width: s.width, height: s.height, count: panels.count, focus: i)
        return max(1, (i < rects.count ? rects[i]?.height ?? 3 : 3) - 2)
    }

    /// Recomputes panel lines when the candidate or a panel's width changed; clamps cursors.
    func layoutDetail(_ s: inout AppState) {
        guard var d = s.detail else { return }
        let n = panels.count
        if d.cursor.count != n { d.cursor = Array(repeating: 0, count: n); d.scroll = Array(repeating: 0, count: n) }
        if d.lines.count != n { d.lines = Array(repeating: [], count: n); d.linesWidth = [] }
        if d.linesWidth.count != n { d.linesWidth = Array(repeating: -1, count: n) }
        d.focus = max(0, min(d.focus, n - 1))
        for i in 0..<n {
            // Tab mode shows one panel at a time, all at the same width: lay every panel out for it.
            let rects = Layout.panelRects(width: s.width, height: s.height, count: n, focus: i)
            let inner = max(1, (rects[i]?.width ?? s.width) - 2)
            if let detail = d.detail, d.linesWidth[i] != inner {
                d.lines[i] = panels[i].lines(for: detail, width: inner, ascii: s.ascii)
                d.linesWidth[i] = inner
            } else if d.detail == nil {
                d.lines[i] = []
            }
            d.cursor[i] = max(0, min(d.cursor[i], d.lines[i].count - 1))
        }
        s.detail = d
        keepCursorVisible(&s)
    }

    func keepCursorVisible(_ s: inout AppState) {
        guard var d = s.detail, d.focus < d.cursor.count else { return }
        let h = panelInnerHeight(s, d.focus)
        let c = d.cursor[d.focus]
        if c < d.scroll[d.focus] { d.scroll[d.focus] = c }
        if c >= d.scroll[d.focus] + h { d.scroll[d.focus] = c - h + 1 }
        d.scroll[d.focus] = max(0, min(d.scroll[d.focus], max(0, d.lines[d.focus].count - h)))
        s.detail = d
    }

    // MARK: - Case actions

    /// Who an action applies to: the open candidate, else the marked rows, else the selected row.
    func targets(_ s: AppState) -> (ids: [String], subject: String, version: Int?)? {
        if s.screen == .detail, let d = s.detail {
            return ([d.candidateId], d.detail?.candidate.fullName ?? d.candidateId, d.detail?.caseFile?.version)
        }
        if !s.marks.isEmpty {
            return (s.marks.sorted(), "\(s.marks.count) marked candidate\(s.marks.count == 1 ? "" : "s")", nil)
        }
        guard let row = s.queue.selectedRow else { return nil }
        return ([row.candidateId], row.fullName, row.version)
    }

    /// True (and says so) while long work runs: one job at a time, the rest of the console stays live.
    func busy(_ s: inout AppState) -> Bool {
        guard let job = s.job else { return false }
        flash(&s, "still \(job.label); try again when it is done", .warn)
        return true
    }

    func readonlyRefusal(_ s: inout AppState) -> [Effect] {
        flash(&s, "read-only session" + (s.readonlyReason.map { " (\(Sanitize.forDisplay($0)))" } ?? "")
              + ": decisions and notes are disabled", .warn)
        return []
    }

    func draftEffect(_ s: AppState, _ d: Dialog) -> Effect {
        .saveDraft(DraftNote(analyst: s.analyst, candidateId: d.targets.first ?? "", action: d.kind.rawValue,
                             reasonCode: d.reasonIndex.map { CaseService.escalationReasons[$0].code },
                             text: d.text, updatedAt: Int64(s.now),
                             caseVersion: d.targets.count == 1 ? d.expectedVersion : nil))
    }

    func typed(_ s: inout AppState, _ c: Character) -> [Effect] {
        // Control characters never reach a note or a query.
        guard c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return [] }
        return editText(&s) { $0.append(c) }
    }

    func editText(_ s: inout AppState, _ edit: (inout String) -> Void) -> [Effect] {
        if var d = s.dialog {
            guard !d.pending else { return [] }
            edit(&d.text)
            d.error = nil
            s.dialog = d
            return [draftEffect(s, d)]
        }
        switch s.input {
        case .filter:
            edit(&s.queue.filter)
            return resetQueue(&s)
        case var .command(text):
            edit(&text)
            s.input = .command(text)
            return []
        case .normal:
            return []
        }
    }

    func submit(_ s: inout AppState) -> [Effect] {
        if var d = s.dialog {
            guard !d.pending else { return [] }
            let note = d.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if note.isEmpty { d.error = "a note is required"; s.dialog = d; return [] }
            let action: CaseAction
            switch d.kind {
            case .clear: action = .clear
            case .note: action = .note
            case .escalate:
                guard let i = d.reasonIndex else {
                    d.error = "choose a reason (\(s.ascii ? "Up/Down" : "↑/↓"))"; s.dialog = d; return []
                }
                action = .escalate(reason: CaseService.escalationReasons[i].code)
            }
            if let ring = d.ringId {   // one RingDecision for every member (App/Rings)
                guard !busy(&s) else { return [] }
                d.pending = true; s.dialog = d
                return [.ring(.decide(ring: ring, action: action, note: note))]
            }
            if d.targets.count > 1, busy(&s) { return [] }
            d.pending = true
            s.dialog = d
            return [.apply(action, ids: d.targets, note: note, expectedVersion: d.expectedVersion)]
        }
        switch s.input {
        case .filter:
            s.input = .normal
            return []
        case let .command(text):
            s.input = .normal
            return command(&s, text)
        case .normal:
            return []
        }
    }

    func cancel(_ s: inout AppState) -> [Effect] {
        if let d = s.dialog {
            s.dialog = nil
            if !d.text.isEmpty { flash(&s, "note discarded", .info) }
            return [.deleteDraft(candidateId: d.targets.first ?? "")]
        }
        if s.input == .filter {
            s.input = .normal
            s.queue.filter = ""
            return resetQueue(&s)
        }
        s.input = .normal
        return []
    }

    /// `:` commands (k9s style).
    func command(_ s: inout AppState, _ line: String) -> [Effect] {
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = words.first?.lowercased() else { return [] }
        let arg = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        switch verb {
        case "q", "quit": return update(&s, .quit)
        case "help": s.help = 0; return []
        case "view", "v":
            let key = arg.lowercased()
            guard let v = QuickView(rawValue: key) ?? (key.hasPrefix("high") ? .high : nil) else {
                flash(&s, "unknown view '\(arg)' (one of: \(QuickView.allCases.map(\.rawValue).joined(separator: ", ")))",
                      .error)
                return []
            }
            if s.screen != .queue { s.screen = .queue; s.detail = nil }
            return update(&s, .quickView(v))
        case "theme":
            guard !arg.isEmpty else {
                flash(&s, "themes: \(s.themeNames.joined(separator: ", "))", .info); return []
            }
            return [.loadTheme(arg)]
        case "sort":
            guard let sort = QueueSort(rawValue: arg.lowercased()) else {
                flash(&s, "unknown sort '\(arg)' (one of: \(QueueSort.allCases.map(\.rawValue).joined(separator: ", ")))",
                      .error)
                return []
            }
            s.queue.sort = sort
            return resetQueue(&s)
        case "filter", "f":
            s.queue.filter = arg
            return resetQueue(&s)
        case "open", "o":
            guard !arg.isEmpty else { flash(&s, "usage: open CANDIDATE-ID", .error); return [] }
            s.backStack = s.detail.map { [$0.candidateId] } ?? []
            return openDetail(&s, arg)
        case "export", "x":
            if s.screen == .rings { return updateRings(&s, .export) }
            return update(&s, .export(format: arg.isEmpty ? "md" : arg.lowercased()))
        case "rings": return updateRings(&s, .showList)
        case "ring": return updateRings(&s, arg.isEmpty ? .showList : .openRing(arg))
        case "mouse":
            switch arg.lowercased() {
            case "on": s.mouse = true
            case "off": s.mouse = false
            case "": s.mouse.toggle()
            default: flash(&s, "usage: mouse on|off", .error); return []
            }
            flash(&s, s.mouse ? "mouse on: click selects, wheel scrolls (:mouse off gives the terminal's selection back)"
                  : "mouse off", .info)
            return [.mouse(s.mouse)]
        case "copy", "y": return update(&s, .copyId)
        case "lists", "l": return update(&s, .lists(.open))
        case "rescore":
            guard !s.readonly else { return readonlyRefusal(&s) }
            guard !busy(&s) else { return [] }
            return [.rescore]
        case "pause": s.live = false; return []
        case "live": s.live = true; return refreshAll(s)
        default:
            flash(&s, "unknown command '\(verb)' (try: view, sort, filter, open, rings, ring ID, export, rescore, theme, mouse, copy, pause, live, help, q)", .error)
            return []
        }
    }

    /// A click selects the queue row or the panel line under it (and focuses that panel).
    func click(_ s: inout AppState, x: Int, y: Int) -> [Effect] {
        guard !s.hasOverlay, s.input == .normal, !s.tooSmall else { return [] }
        if s.screen == .queue {
            let row = y - 3
            guard row >= 0, row < s.queueVisibleRows else { return [] }
            let index = s.queue.scroll + row
            guard index < s.queue.total else { return [] }
            return move(&s, by: index - s.queue.selected)
        }
        guard var d = s.detail, !panels.isEmpty else { return [] }
        for i in panels.indices {
            let rects = Layout.panelRects(width: s.width, height: s.height, count: panels.count, focus: d.focus)
            guard i < rects.count, let r = rects[i]?.inset(1), x >= r.x, x < r.maxX, y >= r.y, y < r.maxY,
                  i < d.lines.count else { continue }
            d.focus = i
            s.detail = d
            let line = d.scroll[i] + (y - r.y)
            if line < d.lines[i].count { d.cursor[i] = line; s.detail = d }
            keepCursorVisible(&s)
            return []
        }
        return []
    }

    // MARK: - Shared

    func refreshAll(_ s: AppState) -> [Effect] {
        var effects: [Effect] = [.loadCounts,
                                 .loadQueue(s.queueQuery(offset: s.queue.windowOffset, limit: windowSize(s)),
                                            refresh: true)]
        if s.screen == .detail, let d = s.detail { effects.append(.loadDetail(d.candidateId)) }
        return effects
    }

    func flash(_ s: inout AppState, _ text: String, _ level: FlashLevel) {
        s.flash = Flash(text: text, level: level, expiresAt: s.now + AppState.flashSeconds)
    }
}
