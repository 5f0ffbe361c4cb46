import ArgumentParser
import Foundation
import VetdeskCore

/// `vetdesk eval --truth FILE`: how the current scores separate a labelled answer key's fraud
/// from its benign people (see docs/rules.md, "Measuring the ranking").
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the ranking against an answer key: fraud in the top 5 %/10 %, benign in high/critical, rules per label.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Answer key: CSV/TSV with candidate_id, label (fraud|benign...) and optional group (e.g. demo-data/answer-key.tsv).")
    var truth: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let key = try TruthFile.load(path: truth)
        let store = try global.openStore()
        let inputs = try store.evalInputs()
        let result = RankingEval.compute(truth: key, rows: inputs.rows, flags: inputs.flags)
        if json {
            FileHandle.standardOutput.write(try ReadCommandOutput.json(result))
        } else {
            print(result.table(), terminator: "")
        }
    }
}
