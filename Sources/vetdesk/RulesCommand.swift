import ArgumentParser
import Foundation
import VetdeskCore

/// `vetdesk rules`: the indicator rules with their effective settings (defaults + rules.yaml).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the indicator rules with severity, weight, thresholds and source.",
        subcommands: [RulesBacktestCommand.self])

    @OptionGroup var global: GlobalOptions
    @Option(help: "Rules file (default: $XDG_CONFIG_HOME/vetdesk/rules.yaml, else the installed share/vetdesk/rules.yaml).") var rulesFile: String?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print the built-in defaults as a rules file (a template for rules.yaml).")
    var defaultsYaml = false

    struct Row: Codable {
        var id: String, title: String, severity: String, weight: Double, enabled: Bool, source: String
        var thresholds: [String: Double]
        var lists: [String: [String]]
    }

    func run() throws {
        if defaultsYaml {
            print(RuleConfig.defaults.yaml(header: [
                "Vetdesk indicator rules: the built-in defaults of vetdesk \(Vetdesk.configuration.version).",
                "In force when no $XDG_CONFIG_HOME/vetdesk/rules.yaml exists; copy it there to change a setting for one user.",
            ]), terminator: "")
            return
        }
        let path = rulesFile ?? global.paths.rulesFileInUse
        let config = try RuleConfig.load(path: path)
        let rows = config.rules.map { r -> Row in
            let s = config.settings(for: r.id)
            return Row(id: r.id, title: r.title, severity: r.severity.rawValue, weight: s.weight, enabled: s.enabled,
                       source: r.source, thresholds: s.thresholds, lists: s.lists)
        }
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            SafeOutput.json(try enc.encode(rows))
            return
        }
        SafeOutput.line("rules file: \(config.file ?? "\(path) (absent: built-in defaults)")")
        for r in rows {
            let state = r.enabled ? "" : "  [disabled]"
            SafeOutput.line("\(r.id.padding(toLength: 26, withPad: " ", startingAt: 0)) \(r.severity.padding(toLength: 8, withPad: " ", startingAt: 0)) w=\(String(format: "%.2f", r.weight))\(state)")
            SafeOutput.line("    \(r.title)")
            if !r.thresholds.isEmpty {
                SafeOutput.line("    thresholds: " + r.thresholds.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.number($0.value))" }.joined(separator: ", "))
            }
            for (k, v) in r.lists.sorted(by: { $0.key < $1.key }) { SafeOutput.line("    \(k): \(v.joined(separator: ", "))") }
            SafeOutput.line("    source: \(r.source)")
        }
    }

    static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
