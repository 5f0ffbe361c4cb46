import ArgumentParser
import Foundation
import VetdeskCore

/// `vetdesk rescore`: recompute flags and risk scores (dirty candidates and their links, or all).
struct RescoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rescore",
        abstract: "Recompute flags and risk scores for changed candidates and those linked to them.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Rescore every candidate, not only the dirty ones.") var all = false
    @Argument(help: "Rescore only these candidate ids.") var ids: [String] = []
    @Option(help: "Rules file (default: $XDG_CONFIG_HOME/vetdesk/rules.yaml).") var rulesFile: String?
    @Flag(help: "Print JSON.") var json = false
    @Option(name: .customLong("providers"),
            help: ArgumentHelp("""
                Provider list (YAML) merged over the bundled list and the user's providers.yaml, re-applied to \
                the stored IPs before rescoring: candidates using an IP whose provider changes are marked dirty \
                (default: $VETDESK_PROVIDERS; without either, stored IPs keep the providers matched at import).
                """, valueName: "file"))
    var providersFile: String?

    func run() throws {
        let config = try RuleConfig.load(path: rulesFile ?? global.paths.rulesFileInUse)
        let store = try global.openStore()
        if let extra = ExtraProviders.file(option: providersFile) {
            let changed = try store.rematchProviders(ExtraProviders.list(paths: global.paths, extraFile: extra))
            if !json { SafeOutput.line("providers re-applied: \(changed) IP(s) changed provider") }
        }
        let rescorer = Rescorer(store: store, config: config)
        let report: RescoreReport
        if !ids.isEmpty {
            guard !all else { throw ValidationError("give either --all or candidate ids, not both") }
            report = try rescorer.rescore(candidateIds: ids)
        } else {
            report = all ? try rescorer.rescoreAll() : try rescorer.rescoreDirty()
        }
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            SafeOutput.json(try enc.encode(report))
            return
        }
        SafeOutput.line("rescored \(report.candidates) candidates (\(report.dirty) dirty, \(report.linked) linked) in \(String(format: "%.2f", report.seconds)) s"
                        + (report.asFullRun == true ? " (most candidates were dirty: run as a full rescore)" : ""))
        SafeOutput.line("flags: \(report.flags)" + (report.flagsByRule.isEmpty ? "" : "  " +
              report.flagsByRule.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))
        let bands = RiskBand.allCases.reversed().map { "\($0.rawValue)=\(report.bands[$0.rawValue] ?? 0)" }
        SafeOutput.line("bands: " + bands.joined(separator: " "))
    }
}
