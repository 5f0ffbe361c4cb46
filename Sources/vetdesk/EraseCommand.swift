import ArgumentParser
import Foundation
import VetdeskCore

struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase one person's data (right to erasure), leaving a tombstone and a history that still verifies.",
        discussion: "Deletes the candidate's rows from every table (sign-ins, payments, checks, interviews, flags, "
            + "case), empties the notes of their history entries (the chain keeps a salted commitment, so "
            + "`audit verify` still passes and reports the entries as redacted), records who erased whom and why, "
            + "then vacuums the store with secure_delete. The reason is kept: give the request's reference, not "
            + "personal data. See docs/privacy.md.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate id.") var id: String?
    @Option(help: "Why (e.g. the erasure request's reference). Required.") var reason: String?
    @Option(help: "Analyst name (default: $VETDESK_ANALYST, else the login user).") var analyst: String?
    @Flag(help: "Only vacuum and reset the WAL again (after an erasure that could not finish it).") var compact = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if compact { return }
        guard id != nil else { throw ValidationError("give the candidate id to erase") }
        guard reason != nil else { throw ValidationError("--reason is required") }
    }

    func run() throws {
        let erasure = Erasure(store: try global.openStore())
        if compact {
            let done = try erasure.compact()
            SafeOutput.line(done ? "store compacted; WAL reset" : "store vacuumed, but another connection kept the WAL: run again when idle")
            if !done { throw ExitCode(1) }
            return
        }
        let report = try erasure.erase(candidateId: id!, analyst: try global.access(analyst: analyst).writer(), reason: reason!)
        if json {
            try JSONOutput.print(report)
        } else {
            SafeOutput.line("erasure #\(report.erasureId): \(Sanitize.forDisplay(report.candidateId)): \(report.rowsDeleted) row(s) deleted, "
                  + "\(report.entriesRedacted) history note(s) redacted"
                  + (report.compacted ? "; store vacuumed" : "; WAL still held by another connection: run `vetdesk erase --compact` later"))
        }
    }
}
