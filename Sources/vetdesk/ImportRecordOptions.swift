import ArgumentParser
import Foundation
import VetdeskCore

/// `vetdesk import`'s options about bad records, dry runs and progress (docs/import-pipeline.md).
struct ImportRecordOptions: ParsableArguments {
    @Option(name: .customLong("max-errors"),
            help: ArgumentHelp("""
                Import the rest of a file while at most N of its records are malformed; each rejected record \
                and its reason go to a rejects file (mode 0600, path printed). Default 0: the first malformed \
                record rejects the whole file.
                """, valueName: "N"))
    var maxErrors = 0
    @Option(name: .customLong("rejects"),
            help: ArgumentHelp("Rejects file or directory (default: $XDG_STATE_HOME/vetdesk/rejects/).", valueName: "path"))
    var rejects: String?
    @Flag(name: .customLong("dry-run"),
          help: "Read and check every record and show the first rows as they would be stored; write nothing.")
    var dryRun = false
    @Flag(name: .shortAndLong, help: "No progress line on the terminal.")
    var quiet = false

    func validate() throws {
        guard maxErrors >= 0 else { throw ValidationError("--max-errors must be 0 or more") }
    }

    func options(progress: ImportProgress?) -> ImportOptions {
        ImportOptions(maxErrors: maxErrors, rejectsPath: rejects, dryRun: dryRun, progress: progress)
    }

    /// Rejects and, for a dry run, the sample rows and every problem, after the report line.
    func printDetails(_ r: ImportReport) {
        if r.rejected > 0 {
            let target = r.rejectsFile.map { " (written to \(Sanitize.forDisplay($0)))" } ?? ""
            print("  \(r.rejected) malformed record(s) rejected\(target)")
        }
        guard r.dryRun else { return }
        let note = r.kind.isLogin ? " (duplicates of stored events are not checked)" : ""
        print("  dry run: nothing was written; \(r.inserted) record(s) would be stored\(note)")
        for (i, row) in (r.sample ?? []).enumerated() {
            let cells = row.sorted { $0.key < $1.key }.map { "\($0.key)=\(Sanitize.forDisplay($0.value))" }
            print("  row \(i + 1): " + cells.joined(separator: " "))
        }
        let problems = r.problems ?? []
        if problems.isEmpty { print("  no problems found") }
        for p in problems { print("  problem: \(p)") }
        if r.rejected > problems.count { print("  … and \(r.rejected - problems.count) more problem(s)") }
    }

    /// Why a file that stored nothing is a failure, with the counts that explain it.
    static func nothingStored(_ r: ImportReport) -> String {
        var why: [String] = []
        if r.ignored > 0 {
            why.append("\(r.ignored) skipped (" + r.skippedByReason.sorted { $0.key < $1.key }
                .map { "\(Sanitize.forDisplay($0.key)) \($0.value)" }.joined(separator: ", ") + ")")
        }
        if r.rejected > 0 { why.append("\(r.rejected) rejected as malformed") }
        let verb = r.dryRun ? "would store" : "stored"
        return "\(Sanitize.forDisplay(r.file)): \(verb) nothing: \(r.records) record(s) read, " + why.joined(separator: ", ")
            + "; check --kind and docs/import-formats.md"
    }
}
