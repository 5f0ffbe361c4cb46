import ArgumentParser
import VetdeskCore

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Take a case for review (others see who holds it), or release it.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate id.") var id: String
    @Flag(help: "Release the case back to the queue instead of taking it.") var release = false
    @Option(help: "Note for the history (default: \"took the case for review\" / \"released the case\").") var note: String?
    @Option(help: "Analyst name (default: $VETDESK_ANALYST, else the login user).") var analyst: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws { _ = try AnalystOption.resolve(analyst) } // usage error, this command's usage

    func run() throws {
        _ = try AnalystOption.resolve(analyst) // a bad name is a usage error (exit 2)
        let service = CaseService(store: try global.openStore())
        let action: CaseAction = release ? .release : .take
        let text = note ?? (release ? "released the case" : "took the case for review")
        do {
            let updated = try service.apply(action, to: id, analyst: try global.access(analyst: analyst).writer(), note: text,
                                            expectedVersion: nil)
            try CaseOutput.printResults([BulkResult(candidateId: id, caseFile: updated, error: nil)], json: json)
        } catch let error as VetdeskError {
            try CaseOutput.printResults([BulkResult(candidateId: id, caseFile: nil, error: error)], json: json)
            throw ExitCode(1)
        }
    }
}
