import ArgumentParser
import Foundation
import VetdeskCore

/// `vetdesk rules backtest [--rules FILE] [--json]`: the current rules (and a proposed rules file,
/// side by side) replayed over the store's decided cases, on a scratch copy of the store.
struct RulesBacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay the rules over decided cases: escalated/referred in the top 5 %/10 %, cleared in high/critical, rules per outcome.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "A proposed rules file to compare with the current one (default: only the current rules).") var rules: String?
    @Flag(help: "Print JSON.") var json = false

    struct Output: Encodable {
        var current: RankingEval
        var proposed: RankingEval?
        var proposedFile: String?
    }

    func run() throws {
        let store = try global.openStore()
        let current = try Backtest.run(store: store, config: try RuleConfig.load(path: global.paths.rulesFile))
        let proposed = try rules.map { try Backtest.run(store: store, config: try RuleConfig.load(path: $0)) }
        if json {
            FileHandle.standardOutput.write(try ReadCommandOutput.json(Output(current: current, proposed: proposed, proposedFile: rules)))
            return
        }
        guard let proposed else {
            print("current rules (\(Sanitize.forDisplay(global.paths.rulesFile))) over decided cases: escalated/referred = fraud, cleared = benign\n")
            print(current.table(), terminator: "")
            return
        }
        func pct(_ x: Double) -> String { String(format: "%.1f %%", 100 * x) }
        let rows: [(String, String, String)] = [
            ("decided: fraud / cleared", "\(current.fraud) / \(current.benign)", "\(proposed.fraud) / \(proposed.benign)"),
            ("fraud in top 5 %", pct(current.shareInTop5), pct(proposed.shareInTop5)),
            ("fraud in top 10 %", pct(current.shareInTop10), pct(proposed.shareInTop10)),
            ("cleared in high/critical", "\(current.benignHighOrCritical)", "\(proposed.benignHighOrCritical)"),
            ("cleared & flagged in high/critical", pct(current.benignWithSignalHighShare), pct(proposed.benignWithSignalHighShare)),
        ]
        print("measure".padding(toLength: 36, withPad: " ", startingAt: 0) + "current".padding(toLength: 16, withPad: " ", startingAt: 0)
              + Sanitize.forDisplay(rules ?? ""))
        for (k, a, b) in rows {
            print(k.padding(toLength: 36, withPad: " ", startingAt: 0) + a.padding(toLength: 16, withPad: " ", startingAt: 0) + b)
        }
        print("\nrule fires (cleared / escalated+referred)")
        let ids = Set(current.rules.map(\.ruleId)).union(proposed.rules.map(\.ruleId)).sorted()
        for id in ids {
            let a = current.rules.first { $0.ruleId == id }, b = proposed.rules.first { $0.ruleId == id }
            print(id.padding(toLength: 28, withPad: " ", startingAt: 0)
                  + "\(a?.benign ?? 0) / \(a?.fraud ?? 0)".padding(toLength: 24, withPad: " ", startingAt: 0)
                  + "\(b?.benign ?? 0) / \(b?.fraud ?? 0)")
        }
    }
}
