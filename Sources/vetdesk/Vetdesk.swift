import ArgumentParser
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
                      RulesCommand.self, RescoreCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )
}
