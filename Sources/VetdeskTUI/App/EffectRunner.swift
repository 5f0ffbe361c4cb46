import Foundation
import VetdeskCore

/// Runs effects against the store and turns their outcomes into actions. Holds the little state
/// effects need between calls: the last data_version seen and the cached queue count.
/// Long work (LongWork) goes to `background` when set, on a connection of its own.
final class EffectRunner {
    let store: Store
    let options: ConsoleOptions
    let themes: ThemeCatalog
    /// Drafts live outside the store (DraftBook), so no import makes a keystroke wait. Opened on
    /// first use, after the first frame (.restoreDraft follows it): opening drafts.sqlite and its
    /// migration check cost ~2.3 ms of a ~50 ms start (perf, 100k store, 2026-11-30).
    private(set) lazy var drafts: DraftBook? = openDrafts()
    private var draftsProblem: String?
    var background: BackgroundJobs?
    var onTheme: (Theme) -> Void = { _ in }
    private var lastDataVersion: Int?
    private var countCache: (key: QueueQuery, total: Int)?
    /// The counts by status last read for the header (refreshed before every queue refresh).
    private var statusCounts: StatusCounts?

    init(store: Store, options: ConsoleOptions, themes: ThemeCatalog) {
        self.store = store; self.options = options; self.themes = themes
    }

    private func openDrafts() -> DraftBook? {
        do {
            return try DraftBook.standard(paths: options.paths)
        } catch {
            draftsProblem = "drafts cannot be saved: \(error)"
            return nil
        }
    }

    func perform(_ effect: Effect) -> [Action] {
        if case let .ring(e) = effect { return performRing(e) }
        if case let .lists(e) = effect { return ListsLoader.perform(e, store: store, background: background) }
        if let label = LongWork.label(effect) {
            guard let background else {
                return LongWork(store: store, options: options, drafts: drafts).run(effect, progress: { _ in })
            }
            let (path, options, drafts) = (store.path, options, drafts)
            background.start { post in
                do {
                    // A connection of its own: the UI thread's writer (polls, single decisions) never
                    // queues behind the job.
                    let work = LongWork(store: try Store(path: path), options: options, drafts: drafts)
                    for action in work.run(effect, progress: { post(.jobProgress($0)) }) { post(action) }
                } catch {
                    post(.storeFailed("\(error)"))
                }
                post(.jobFinished)
            }
            return [.jobStarted(label)]
        }
        do {
            return try run(effect)
        } catch let e as VetdeskError {
            return [.storeFailed(e.description)]
        } catch {
            return [.storeFailed("store: \(error)")]
        }
    }

    private func run(_ effect: Effect) throws -> [Action] {
        switch effect {
        case let .loadQueue(q, refresh):
            if refresh { countCache = nil }
            var key = q
            key.offset = 0; key.limit = 0
            let total: Int
            if let c = countCache, c.key == key { total = c.total } else {
                total = try queueTotal(q)
                countCache = (key, total)
            }
            return [.queueLoaded(rows: try store.queue(q), offset: q.offset, total: total, refresh: refresh)]
        case let .loadFirstPage(q):
            return [.firstPageLoaded(rows: try store.firstQueuePage(q))]
        case .loadCounts:
            let counts = try store.statusCounts()
            statusCounts = counts
            return [.countsLoaded(counts)]
        case let .loadDetail(id):
            return [.detailLoaded(id: id, detail: try store.candidateDetail(id))]
        case .pollStore:
            let v = try store.dataVersion()
            defer { lastDataVersion = v }
            if let last = lastDataVersion, last != v { return [.storeChanged] }
            return []
        case let .apply(action, ids, note, expectedVersion):
            return [applyCase(action, ids: ids, note: note, expectedVersion: expectedVersion)]
        case let .saveDraft(d):
            guard !d.candidateId.isEmpty, !options.readonly else { return [] }
            guard let drafts else { return [.storeFailed(draftsProblem ?? "drafts cannot be saved")] }
            try drafts.save(d)
            return []
        case let .deleteDraft(id):
            guard !id.isEmpty, !options.readonly, let drafts else { return [] }
            try drafts.delete(analyst: options.analyst, candidateId: id)
            return []
        case .restoreDraft:
            guard !options.readonly, let drafts else { return [] }
            try drafts.adoptLegacyDrafts(from: store, analyst: options.analyst)
            guard let d = try drafts.drafts(analyst: options.analyst).first,
                  !d.text.isEmpty || d.reasonCode != nil else { return [] }
            let restored = Action.draftRestored(d, subject: try store.candidateName(d.candidateId) ?? d.candidateId)
            // The case moved on while the draft waited: say so now, exactly as a live conflict does.
            if let version = d.caseVersion,
               let conflict = try CaseService(store: store).conflict(candidateId: d.candidateId, expectedVersion: version) {
                return [restored, .caseActionConflict(conflict.message, currentVersion: conflict.version)]
            }
            return [restored]
        case let .loadTheme(name):
            do {
                let theme = try themes.load(name)
                onTheme(theme)
                return [.themeApplied(theme.name)]
            } catch {
                return [.themeFailed("\(error)")]
            }
        case .export, .rescore:
            return LongWork(store: store, options: options, drafts: drafts).run(effect, progress: { _ in })
        case .ring: return [] // performRing
        case .suspend, .redraw, .quit, .copy, .mouse, .lists:
            return [] // terminal effects: handled by the runtime
        }
    }

    /// Rows in the queue for `q`. A view that narrows by status only (all, new, escalated) is the
    /// sum of the header's counts, kept by triggers (case_status_count): no COUNT(*) over the whole join, so
    /// the first frame of a 100k-candidate store stays fast.
    private func queueTotal(_ q: QueueQuery) throws -> Int {
        if let counts = statusCounts, q.minRisk == nil, q.assignee == nil,
           q.text.trimmingCharacters(in: .whitespaces).isEmpty {
            return q.statuses.isEmpty ? counts.total : q.statuses.reduce(0) { $0 + (counts.byStatus[$1] ?? 0) }
        }
        return try store.queueCount(q)
    }

    private func applyCase(_ action: CaseAction, ids: [String], note: String, expectedVersion: Int?) -> Action {
        let service = CaseService(store: store)
        let verb = Self.pastTense(action)
        guard ids.count == 1 else {
            return LongWork(store: store, options: options, drafts: drafts)
                .run(.apply(action, ids: ids, note: note, expectedVersion: nil), progress: { _ in })[0]
        }
        do {
            let done = try service.apply(action, to: ids[0], analyst: options.analyst, note: note,
                                         expectedVersion: expectedVersion)
            // The decision consumed the draft (a failure here only means it is offered again).
            try? drafts?.delete(analyst: options.analyst, candidateId: ids[0])
            return .caseActionDone("\(verb) \(ids[0]) (now \(done.status.label)\(done.assignee.map { ", held by \($0)" } ?? ""))")
        } catch let VetdeskError.conflict(message) where ids.count == 1 {
            let now = try? service.caseFile(ids[0])
            return .caseActionConflict(message, currentVersion: now?.version)
        } catch let e as VetdeskError {
            return .caseActionFailed(e.description)
        } catch {
            return .caseActionFailed("\(error)")
        }
    }

    static func presentTense(_ a: CaseAction) -> String {
        switch a {
        case .take: "taking"
        case .release: "releasing"
        case .note: "noting"
        case .clear: "clearing"
        case .escalate: "escalating"
        case .refer: "referring"
        case .reopen: "reopening"
        }
    }

    static func pastTense(_ a: CaseAction) -> String {
        switch a {
        case .take: "took"
        case .release: "released"
        case .note: "noted"
        case .clear: "cleared"
        case .escalate: "escalated"
        case .refer: "referred"
        case .reopen: "reopened"
        }
    }
}
