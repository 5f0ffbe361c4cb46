import ArgumentParser
import VetdeskCore

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to a case's history without changing its status.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate id.") var id: String
    @Option(help: "The note.") var note: String
    @Option(help: "Analyst name (default: $VETDESK_ANALYST, else the login user).") var analyst: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws { _ = try AnalystOption.resolve(analyst) } // usage error, this command's usage

    func run() throws {
        _ = try AnalystOption.resolve(analyst) // a bad name is a usage error (exit 2)
        let service = CaseService(store: try global.openStore())
        do {
            let updated = try service.apply(.note, to: id, analyst: try global.access(analyst: analyst).writer(), note: note,
                                            expectedVersion: nil)
            try CaseOutput.printResults([BulkResult(candidateId: id, caseFile: updated, error: nil)], json: json)
        } catch let error as VetdeskError {
            try CaseOutput.printResults([BulkResult(candidateId: id, caseFile: nil, error: error)], json: json)
            throw ExitCode(1)
        }
    }
}
