import ArgumentParser
import Foundation
import VetdeskCore

struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Clear, escalate, refer or reopen one or more cases, with a note.",
        discussion: "Escalation reasons: " + CaseService.escalationReasons.map { "\($0.code) (\($0.label))" }
            .joined(separator: ", ") + ". Referral targets: " + CaseService.referralTargets.joined(separator: ", ") + ".")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate ids.") var ids: [String] = []
    @Option(help: "Decide every member of this ring (R-000001) with one reason and note.") var ring: String?
    @Flag(help: "Clear the case(s): no concern found.") var clear = false
    @Option(help: "Escalate with this reason code.") var escalate: String?
    @Option(help: "Refer an escalated case to: legal, hr, law_enforcement, partner_cert.") var refer: String?
    @Flag(help: "Reopen a closed case for review.") var reopen = false
    @Option(help: "Why (required).") var note: String
    @Option(help: ArgumentHelp("Attribute the case to a threat actor (escalate/refer only): "
        + ThreatActor.catalog.map(\.id).joined(separator: ", ") + ". The reason code dprk_it_worker attributes by itself.",
        valueName: "actor")) var attribute: String?
    @Option(help: "Your confidence in the attribution, 0-100 (default \(Attribution.defaultConfidence)).") var confidence: Int?
    @Option(help: "Analyst name (default: $VETDESK_ANALYST, else the login user).") var analyst: String?
    @Option(help: "Refuse if the case's version is no longer this one (single id only).") var expectedVersion: Int?
    @Flag(help: "Print the results as JSON.") var json = false

    func validate() throws {
        _ = try AnalystOption.resolve(analyst) // a bad name is a usage error, shown with this command's usage
        let chosen = [clear, escalate != nil, refer != nil, reopen].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose exactly one of --clear, --escalate, --refer, --reopen") }
        guard ids.isEmpty != (ring == nil) else { throw ValidationError("give candidate ids or --ring, not both or neither") }
        if expectedVersion != nil && ids.count > 1 { throw ValidationError("--expected-version applies to a single id") }
        if confidence != nil && attribute == nil && escalate != "dprk_it_worker" {
            throw ValidationError("--confidence goes with --attribute (or --escalate dprk_it_worker)")
        }
    }

    var action: CaseAction {
        if let escalate { return .escalate(reason: escalate) }
        if let refer { return .refer(to: refer) }
        return clear ? .clear : .reopen
    }

    /// The explicit attribution, or the reason code's with the analyst's confidence.
    var attribution: Attribution? {
        if let attribute { return Attribution(actor: attribute, confidence: confidence ?? Attribution.defaultConfidence) }
        if let confidence, let escalate, let actor = ThreatActor.attributingReasons[escalate] {
            return Attribution(actor: actor, confidence: confidence)
        }
        return nil
    }

    func run() throws {
        let service = CaseService(store: try global.openStore())
        let who = try global.access(analyst: analyst).writer()
        let results: [BulkResult]
        if let ring {
            let store = try global.openStore()
            try RingService(store: store).refresh()
            results = try RingDecision(store: store).apply(action, ring: ring, analyst: who, note: note, attribution: attribution)
        } else if ids.count == 1 {
            do {
                let updated = try service.apply(action, to: ids[0], analyst: who, note: note, expectedVersion: expectedVersion,
                                                    attribution: attribution)
                results = [BulkResult(candidateId: ids[0], caseFile: updated, error: nil)]
            } catch let error as VetdeskError {
                results = [BulkResult(candidateId: ids[0], caseFile: nil, error: error)]
            }
        } else {
            results = try service.applyBulk(action, to: ids, analyst: who, note: note, attribution: attribution)
        }
        try CaseOutput.printResults(results, json: json)
        if results.contains(where: { !$0.succeeded }) { throw ExitCode(1) }
    }
}

/// Shared printing for decide/assign/note: one line per case, or a JSON array.
enum CaseOutput {
    static func printResults(_ results: [BulkResult], json: Bool) throws {
        if json {
            let rows: [[String: String?]] = results.map { r in
                ["candidate_id": r.candidateId, "status": r.caseFile?.status.rawValue, "assignee": r.caseFile?.assignee ?? nil,
                 "version": r.caseFile.map { String($0.version) }, "error": r.error?.description,
                 "error_kind": r.error.map(kind)]
            }
            let data = try JSONSerialization.data(withJSONObject: rows.map { $0.compactMapValues { $0 } },
                                                  options: [.prettyPrinted, .sortedKeys])
            SafeOutput.json(data)
            return
        }
        for r in results {
            if let c = r.caseFile {
                SafeOutput.line("\(r.candidateId): \(c.status.rawValue)" + (c.assignee.map { ", held by \($0)" } ?? "")
                      + (c.referredTo.map { ", referred to \($0)" } ?? "") + " (version \(c.version))")
            } else if let e = r.error {
                SafeOutput.warn("\(r.candidateId): \(kind(e)): \(e.description)")
            }
        }
    }

    static func kind(_ e: VetdeskError) -> String {
        switch e {
        case .conflict: "conflict"
        case .invalidTransition: "invalid transition"
        case .notFound: "not found"
        case .invalidArgument: "invalid argument"
        default: "error"
        }
    }
}
