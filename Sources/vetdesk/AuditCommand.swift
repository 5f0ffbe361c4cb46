import ArgumentParser
import Foundation
import VetdeskCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the tamper-evident decision history.",
        subcommands: [AuditVerifyCommand.self, AuditStressCommand.self])
}

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the history hash chain; exit 1 and name the first bad entry if it is broken.",
        discussion: "Record the printed head hash somewhere outside the store (ticket, mail) and pass it later with "
            + "--expect-head: that also catches someone rewriting the whole chain.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "A head hash recorded earlier: fail unless the chain still contains it at --expect-seq.")
    var expectHead: String?
    @Option(help: "The seq the expected head hash was recorded at (default: the current head).")
    var expectSeq: Int64?

    func run() throws {
        let service = CaseService(store: try global.openStore())
        var report = try service.verifyChain()
        if report.isIntact, let expected = expectHead {
            report = try service.checkAnchor(report, seq: expectSeq ?? report.headSeq ?? 0, hash: expected)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            SafeOutput.json(try encoder.encode(report))
        } else if let p = report.problem {
            SafeOutput.line("BROKEN after \(report.entriesChecked) good entries: \(p.message)")
        } else {
            SafeOutput.line("OK: \(report.entriesChecked) entries verified"
                  + (report.headSeq.map { ", head #\($0) \(report.headHash ?? "")" } ?? " (empty history)")
                  + (report.redactionSummary.map { "; \($0)" } ?? ""))
            for r in report.rechained {
                SafeOutput.line("re-chained to format v2 at \(Time.iso(r.at)): \(r.entries) entries; the v1 head was "
                      + (r.v1HeadSeq.map { "#\($0) \(r.v1HeadHash ?? "")" } ?? "empty")
                      + (r.v1Problem.map { "; the v1 chain did NOT verify then: \($0)" } ?? ""))
            }
        }
        if !report.isIntact { throw ExitCode(1) }
    }
}

/// Hidden load generator for the multi-process and crash tests: decisions in a loop, one line per attempt
/// ("ok ID VERSION", "conflict ID", "refused ID: why"), flushed so a killed run still reports what committed.
struct AuditStressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress", abstract: "Make decisions in a loop (testing only).", shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate ids to decide on.") var ids: [String]
    @Option(help: "Decisions to attempt.") var count = 100
    @Option(help: "Analyst name.") var analyst = "stress"
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func run() throws {
        let service = CaseService(store: try global.openStore())
        var rng = SplitMix64(seed: seed) // replayable from its seed
        // Unbuffered: each line is written before the next decision starts.
        func say(_ line: String) { SafeOutput.line(line) }
        for i in 0..<count {
            let id = ids[Int(rng.next() % UInt64(ids.count))]
            switch try DecisionWorkload.step(service, candidateId: id, analyst: analyst, roll: rng.next(),
                                             note: "\(analyst) decision \(i)") {
            case let .committed(version): say("ok \(id) \(version)")
            case .conflict: say("conflict \(id)")
            case let .refused(why): say("refused \(id): \(why)")
            }
        }
    }
}
