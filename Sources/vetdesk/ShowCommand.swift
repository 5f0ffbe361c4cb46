import ArgumentParser
import Foundation
import VetdeskCore
import VetdeskTUI

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one candidate: flags with evidence, payments, logins and heatmap, identity, links, history.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate id.") var id: String
    @Flag(name: .long, help: "Print the detail as JSON (see docs/cli-json.md).") var json = false
    @Flag(name: .long, help: "ASCII only (default when the locale is not UTF-8).") var ascii = false
    @Option(name: .long, help: "Line width (default: the terminal's, else 100).") var width: Int?

    func run() throws {
        let store = try global.openStore()
        guard let detail = try store.candidateDetail(id) else {
            FileHandle.standardError.write(Data("no candidate \(Sanitize.forDisplay(id))\n".utf8))
            throw ExitCode(1)
        }
        if json {
            FileHandle.standardOutput.write(try ReadCommandOutput.json(detail))
            return
        }
        let w = max(40, width ?? ReadCommandOutput.terminalWidth() ?? 100)
        FileHandle.standardOutput.write(Data(DetailText.render(detail, width: w, ascii: ascii || !ReadCommandOutput.localeIsUTF8()).utf8))
    }
}
