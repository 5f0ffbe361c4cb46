import Foundation
import VetdeskCore

/// Store work of the Rings screens, run off the UI thread on a connection of its own (as LongWork):
/// results come back only as actions. Decisions and exports show on the bottom line as jobs.
struct RingsWork: Sendable {
    let store: Store
    let options: ConsoleOptions

    /// The bottom line's label while the effect runs; nil for loads (the ring screen says "loading").
    static func label(_ effect: RingsEffect) -> String? {
        switch effect {
        case let .decide(ring, action, _): "\(EffectRunner.presentTense(action)) ring \(ring)"
        case let .export(ring): "exporting ring \(ring) as md"
        case .loadList, .loadRing: nil
        }
    }

    func run(_ effect: RingsEffect) -> [Action] {
        switch effect {
        case .loadList:
            return attempt(id: nil) { [.ring(.listLoaded(try service().rings()))] }
        case let .loadRing(id):
            return attempt(id: id) {
                let ring = try service().ring(id)
                return [.ring(.ringLoaded(id: id, ring: ring, timeline: try RingTimeline.load(store, ring: ring)))]
            }
        case let .decide(ring, action, note):
            do {
                return [try decide(ring, action, note: note)]
            } catch let e as VetdeskError {
                return [.caseActionFailed(e.description)]
            } catch {
                return [.caseActionFailed("\(error)")]
            }
        case let .export(ring):
            return attempt(id: nil) { [.flash(try export(ring), .info)] }
        }
    }

    private func attempt(id: String?, _ work: () throws -> [Action]) -> [Action] {
        do { return try work() } catch let e as VetdeskError {
            return [.ring(.loadFailed(id: id, message: e.description))]
        } catch {
            return [.ring(.loadFailed(id: id, message: "\(error)"))]
        }
    }

    /// Rings are recomputed first when their inputs changed (a read-only session reads them as stored).
    private func service() throws -> RingService {
        let service = RingService(store: store)
        if !options.readonly { try service.refresh() }
        return service
    }

    /// One RingDecision for the whole ring. Members it refused (decided or held by someone else meanwhile)
    /// are named with what they are now; they are not overwritten.
    private func decide(_ id: String, _ action: CaseAction, note: String) throws -> Action {
        let results = try RingDecision(store: store).apply(action, ring: id, analyst: options.analyst, note: note)
        let verb = EffectRunner.pastTense(action)
        let refused = results.filter { !$0.succeeded }
        let done = results.count - refused.count
        guard !refused.isEmpty else { return .ring(.decided("\(verb) ring \(id): all \(done) members", .info)) }
        let why = refused.prefix(3).map { "\($0.candidateId) \(Self.now($0.error))" }.joined(separator: "; ")
        let more = refused.count > 3 ? "; +\(refused.count - 3) more" : ""
        return .ring(.decided("\(verb) \(done) of \(results.count) in ring \(id); not changed: \(why)\(more)", .warn))
    }

    /// "now escalated by t2 at …" from a refusal, else its whole message.
    static func now(_ error: VetdeskError?) -> String {
        let text = error?.description ?? "refused"
        guard let r = text.range(of: "(now ", options: .backwards) else { return text }
        return String(text[r.lowerBound...].dropFirst().dropLast(text.hasSuffix(")") ? 1 : 0))
    }

    /// The Markdown ring report (the ring drawn as text, its timeline, then each member's case), as
    /// `vetdesk export --ring ID --format md` writes it: owner-only, logged.
    private func export(_ id: String) throws -> String {
        let ring = try service().ring(id)
        let ids = ring.members.map(\.candidateId)
        let exporter = Exporter(store: store, analyst: options.analyst)
        let cases = try exporter.load(.cases(ids))
        let history = try ids.flatMap { try CaseService(store: store).history($0) }
        let text = RingReport.markdown(ring, history: history) + (try exporter.render(.markdown, cases))
        let dir = options.paths.dataDir + "/exports"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let stamp = Time.iso(Time.now()).replacingOccurrences(of: ":", with: "")
        let path = "\(dir)/\(id.replacingOccurrences(of: "/", with: "_"))-\(stamp).md"
        try exporter.write(text, to: path, candidateIds: ids)
        return "exported ring \(id) (\(ids.count) cases) to \(path)"
    }
}

extension EffectRunner {
    /// Ring effects go to the job thread (inline when there is none, as in tests).
    func performRing(_ effect: RingsEffect) -> [Action] {
        let label = RingsWork.label(effect)
        guard let background else { return RingsWork(store: store, options: options).run(effect) }
        let (path, options) = (store.path, options)
        let readOnly = options.readonly && label == nil
        background.start { post in
            do {
                let work = RingsWork(store: try Store(path: path, readOnly: readOnly), options: options)
                for action in work.run(effect) { post(action) }
            } catch {
                post(.ring(.loadFailed(id: nil, message: "\(error)")))
            }
            if label != nil { post(.jobFinished) }
        }
        return label.map { [.jobStarted($0)] } ?? []
    }
}
