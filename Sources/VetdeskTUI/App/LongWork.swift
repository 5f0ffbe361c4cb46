import Foundation
import VetdeskCore

/// The effects that can take seconds (export, a decision on many marked candidates, rescoring):
/// run by BackgroundJobs off the UI thread with progress, or inline where no job runner is set
/// (tests of their results). Each reports back as actions only.
struct LongWork: Sendable {
    let store: Store
    let options: ConsoleOptions
    let drafts: DraftBook?

    /// Candidates per transaction of a bulk decision: the write lock is never held long, and
    /// progress moves.
    static let bulkSlice = 25

    /// What the bottom line says while `effect` runs; nil for effects that are quick.
    static func label(_ effect: Effect) -> String? {
        switch effect {
        case let .export(ids, format): "exporting \(ids.count) case\(ids.count == 1 ? "" : "s") as \(format)"
        case let .apply(action, ids, _, _) where ids.count > 1:
            "\(EffectRunner.presentTense(action)) \(ids.count) candidates"
        case .rescore: "rescoring changed candidates"
        default: nil
        }
    }

    func run(_ effect: Effect, progress: (String) -> Void) -> [Action] {
        do {
            switch effect {
            case let .export(ids, format): return [try export(ids, format: format, progress: progress)]
            case let .apply(action, ids, note, _): return [bulk(action, ids: ids, note: note, progress: progress)]
            case .rescore: return try rescore()
            default: return []
            }
        } catch let e as VetdeskError {
            return [.storeFailed(e.description)]
        } catch {
            return [.storeFailed("\(error)")]
        }
    }

    private func export(_ ids: [String], format: String, progress: (String) -> Void) throws -> Action {
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
        let n = try Exporter(store: store).export(.cases(ids), format: f, to: path, progress: progress)
        return .flash("exported \(n) case\(n == 1 ? "" : "s") to \(path)", .info)
    }

    /// Applies in slices of `bulkSlice`, one transaction each (a refusal for one candidate never stops
    /// the others, as in CaseService.applyBulk).
    private func bulk(_ action: CaseAction, ids: [String], note: String, progress: (String) -> Void) -> Action {
        let service = CaseService(store: store)
        let verb = EffectRunner.pastTense(action)
        var results: [BulkResult] = []
        do {
            for start in stride(from: 0, to: ids.count, by: Self.bulkSlice) {
                progress("\(start) of \(ids.count)")
                results += try service.applyBulk(action, to: Array(ids[start..<min(ids.count, start + Self.bulkSlice)]),
                                                 analyst: options.analyst, note: note)
            }
        } catch let e as VetdeskError {
            let done = results.filter(\.succeeded).count
            return .caseActionFailed("\(e.description) (after \(verb) \(done) of \(ids.count))")
        } catch {
            return .caseActionFailed("\(error)")
        }
        for r in results where r.succeeded { try? drafts?.delete(analyst: options.analyst, candidateId: r.candidateId) }
        let failed = results.filter { !$0.succeeded }
        if failed.isEmpty { return .caseActionDone("\(verb) \(results.count) candidates") }
        let why = failed.prefix(2).map { "\($0.candidateId): \($0.error?.description ?? "refused")" }
            .joined(separator: "; ")
        let summary = "\(verb) \(results.count - failed.count) of \(results.count); \(why)"
        return failed.count == results.count ? .caseActionFailed(summary) : .caseActionDone(summary)
    }

    private func rescore() throws -> [Action] {
        let config = try RuleConfig.load(path: options.paths.rulesFile)
        let r = try Rescorer(store: store, config: config).rescoreDirty()
        return [.flash(String(format: "rescored %d candidate(s) in %.1f s", r.candidates, r.seconds), .info), .storeChanged]
    }
}
