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
    /// `vetdesk console ARGS` (and bare `vetdesk ARGS`, whose default is the console) parsed by the
    /// console's own parser. The root parser reflects over every subcommand's options first: 30 % of
    /// the process's own CPU before the first frame (perf, 6 console starts on the 100k store,
    /// 2026-11-30). Whatever the console's parser refuses (--help, --version, a typo, another
    /// subcommand) returns nil and goes through the full parser, so messages and exit codes stay its own.
    static func consoleAlone(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> ParsableCommand? {
        let rest = arguments.first == "console" ? Array(arguments.dropFirst()) : arguments
        if rest.contains(where: { $0.hasPrefix("-h") || $0 == "--help" || $0 == "--version" || $0.contains("completion") }) {
            return nil
        }
        return try? ConsoleCommand.parseAsRoot(rest)
    }

    static func main() {
        do {
            var command = try consoleAlone() ?? parseAsRoot()
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
