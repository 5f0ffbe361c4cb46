import ArgumentParser
import Foundation
import VetdeskCore

@main
struct Vetdesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vetdesk",
        abstract: "Vet remote contractors for signs of DPRK IT-worker fraud.",
        version: "0.1.0",
        // `vetdesk` with no subcommand opens the console.
        subcommands: [ConsoleCommand.self, InfoCommand.self, GenerateCommand.self, QueueCommand.self, ShowCommand.self,
                      DecideCommand.self, AssignCommand.self, NoteCommand.self, HistoryCommand.self,
                      AuditCommand.self, ExportCommand.self, BenchQueryCommand.self, ImportCommand.self,
                      RulesCommand.self, RescoreCommand.self, EvalCommand.self, MapCommand.self, EraseCommand.self,
                      RetentionCommand.self, SubjectExportCommand.self, RingsCommand.self, RingCommand.self,
                      BenchAnalystCommand.self, AdminCommand.self, ListsCommand.self, ImportGitCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )

    /// Exit codes follow the project's convention: 0 success, 1 failure, 2 usage error
    /// (swift-argument-parser's default for usage errors is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { SafeOutput.message(message, to: .standardOutput) }
                Foundation.exit(0)
            }
            // Usage errors quote the arguments (ids, analyst names, file names): sanitised like all output.
            if !message.isEmpty { SafeOutput.message(message, to: .standardError) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
