import ArgumentParser
import Foundation
import VetdeskCore

struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "List (--dry-run) or carry out (--apply) what the retention policy ages out.",
        discussion: "Policy: --policy FILE, else $XDG_CONFIG_HOME/vetdesk/retention.yaml, else the defaults "
            + "(cleared_events_days 90, cleared_pseudonymise_days 365). Only cleared cases age out; escalated and "
            + "referred cases are under legal hold. Each step is recorded in the case history. See docs/privacy.md.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "List what would go, change nothing.") var dryRun = false
    @Flag(help: "Delete and pseudonymise as listed, recording each step in the history.") var apply = false
    @Option(help: "A retention.yaml to use instead of the configured one.") var policy: String?
    @Option(help: "Analyst name (default: $VETDESK_ANALYST, else the login user).") var analyst: String?
    @Flag(help: "Print the steps as JSON.") var json = false

    func validate() throws {
        guard dryRun != apply else { throw ValidationError("choose --dry-run or --apply") }
    }

    func run() throws {
        let paths = global.paths
        let file = policy ?? (FileManager.default.fileExists(atPath: paths.retentionFile) ? paths.retentionFile : nil)
        let rules = try file.map(RetentionPolicy.load) ?? RetentionPolicy()
        let retention = Retention(store: try global.openStore(), policy: rules)
        let steps = apply ? try retention.apply(analyst: try global.access(analyst: analyst).writer()) : try retention.plan()
        if json {
            try JSONOutput.print(steps)
            return
        }
        SafeOutput.line("policy: " + (file.map { Sanitize.forDisplay($0) } ?? "defaults")
              + " (events of cleared cases after \(rules.clearedEventsDays) d, pseudonymise after \(rules.clearedPseudonymiseDays) d)")
        if steps.isEmpty { SafeOutput.line("nothing ages out"); return }
        for s in steps {
            let what = s.kind == .deleteEvents ? "delete \(s.rows) event row(s)" : "pseudonymise" + (apply ? " (\(s.rows) row(s))" : "")
            SafeOutput.line("\(apply ? "done" : "would"): \(Sanitize.forDisplay(s.candidateId)) cleared \(Time.iso(s.clearedAt)): \(what)")
        }
    }
}
