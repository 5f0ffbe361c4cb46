import ArgumentParser
import Foundation
import VetdeskCore

struct SubjectExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject-export",
        abstract: "Answer an access request: everything stored about one person, as JSON and readable Markdown.",
        discussion: "Writes OUT/ID.json and OUT/ID.md (0600; the folder is created 0700): declared data, sign-ins, "
            + "payments, flags with evidence and weights, decisions and notes, and every export that included them.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate id.") var id: String
    @Option(help: "Folder to write into.") var out: String

    func run() throws {
        let written = try SubjectAccess(store: try global.openStore()).write(candidateId: id, to: out)
        SafeOutput.line("wrote \(Sanitize.forDisplay(written.json)) and \(Sanitize.forDisplay(written.markdown))")
    }
}
