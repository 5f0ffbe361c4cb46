import ArgumentParser
import Foundation
import VetdeskCore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show a case's decisions and notes, oldest first.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate id.") var id: String
    @Flag(help: "Print the entries as JSON.") var json = false

    func run() throws {
        let service = CaseService(store: try global.openStore())
        let entries = try service.history(id)
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            SafeOutput.json(try encoder.encode(entries))
            return
        }
        guard !entries.isEmpty else {
            let known = try service.caseFile(id) != nil
            SafeOutput.line(known ? "\(id): no history yet" : "\(id): no case with this id")
            return
        }
        for e in entries {
            var line = "#\(e.seq ?? 0) \(Time.iso(e.at)) \(Sanitize.forDisplay(e.analyst)) \(e.action)"
            if let from = e.fromStatus, let to = e.toStatus, from != to { line += " \(from) -> \(to)" }
            if let r = e.reasonCode { line += " [\(r)]" }
            SafeOutput.line(line)
            for noteLine in Sanitize.forDisplay(e.note, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false) {
                SafeOutput.line("    \(noteLine)")
            }
        }
    }
}
