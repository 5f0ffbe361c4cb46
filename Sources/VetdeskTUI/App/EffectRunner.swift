import Foundation
import VetdeskCore

/// Runs effects against the store and turns their outcomes into actions. Holds the little state
/// effects need between calls: the last data_version seen and the cached queue count.
final class EffectRunner {
    let store: Store
    let options: ConsoleOptions
    let themes: ThemeCatalog
    var onTheme: (Theme) -> Void = { _ in }
    private var lastDataVersion: Int?
    private var countCache: (key: QueueQuery, total: Int)?
    /// The counts by status last read for the header (refreshed before every queue refresh).
    private var statusCounts: StatusCounts?

    init(store: Store, options: ConsoleOptions, themes: ThemeCatalog) {
        self.store = store; self.options = options; self.themes = themes
    }

    func perform(_ effect: Effect) -> [Action] {
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
            return [.firstPageLoaded(rows: try store.queue(q))]
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
            try store.saveDraft(d)
            return []
        case let .deleteDraft(id):
            guard !id.isEmpty, !options.readonly else { return [] }
            try store.deleteDraft(analyst: options.analyst, candidateId: id)
            return []
        case .restoreDraft:
            guard !options.readonly, let d = try store.drafts(analyst: options.analyst).first,
                  !d.text.isEmpty || d.reasonCode != nil else { return [] }
            return [.draftRestored(d, subject: try store.candidateName(d.candidateId) ?? d.candidateId)]
        case let .loadTheme(name):
            do {
                let theme = try themes.load(name)
                onTheme(theme)
                return [.themeApplied(theme.name)]
            } catch {
                return [.themeFailed("\(error)")]
            }
        case let .export(ids, format):
            return [try export(ids, format: format)]
        case .suspend, .redraw, .quit, .copy, .mouse:
            return [] // terminal effects: handled by the runtime
        }
    }

    /// Rows in the queue for `q`. A view that narrows by status only (all, new, escalated) is the
    /// sum of the header's counts, read from the status index: no COUNT(*) over the whole join, so
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
        do {
            if ids.count == 1 {
                let done = try service.apply(action, to: ids[0], analyst: options.analyst, note: note,
                                             expectedVersion: expectedVersion)
                return .caseActionDone("\(verb) \(ids[0]) (now \(done.status.label)\(done.assignee.map { ", held by \($0)" } ?? ""))")
            }
            let results = try service.applyBulk(action, to: ids, analyst: options.analyst, note: note)
            let failed = results.filter { !$0.succeeded }
            if failed.isEmpty { return .caseActionDone("\(verb) \(results.count) candidates") }
            let why = failed.prefix(2).map { "\($0.candidateId): \($0.error?.description ?? "refused")" }
                .joined(separator: "; ")
            let summary = "\(verb) \(results.count - failed.count) of \(results.count); \(why)"
            return failed.count == results.count ? .caseActionFailed(summary) : .caseActionDone(summary)
        } catch let VetdeskError.conflict(message) where ids.count == 1 {
            let now = try? service.caseFile(ids[0])
            return .caseActionConflict(message, currentVersion: now?.version)
        } catch let e as VetdeskError {
            return .caseActionFailed(e.description)
        } catch {
            return .caseActionFailed("\(error)")
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

    private func export(_ ids: [String], format: String) throws -> Action {
        guard let f = Exporter.Format(rawValue: format) ?? Exporter.Format.allCases.first(where: { "\($0)" == format }) else {
            return .flash("unknown export format '\(format)' (one of: "
                          + Exporter.Format.allCases.map(\.rawValue).joined(separator: ", ") + ")", .error)
        }
        let dir = options.paths.dataDir + "/exports"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let stamp = Time.iso(Time.now()).replacingOccurrences(of: ":", with: "")
        let name = ids.count == 1 ? ids[0].replacingOccurrences(of: "/", with: "_") : "\(ids.count)-cases"
        let path = "\(dir)/\(name)-\(stamp).\(f.fileExtension)"
        let n = try Exporter(store: store).export(.cases(ids), format: f, to: path)
        return .flash("exported \(n) case\(n == 1 ? "" : "s") to \(path)", .info)
    }
}
