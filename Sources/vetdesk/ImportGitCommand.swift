import ArgumentParser
import Foundation
import VetdeskCore

/// `vetdesk import-git PATH…`: commit metadata of the company's own repositories (docs/import-formats.md).
struct ImportGitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-git",
        abstract: "Import commit metadata (author, committer, time with its UTC offset, lines changed) from git repositories.",
        discussion: """
            Runs `git log --all` in each repository (no shell; the repository's pager, external diff and textconv \
            settings are not used) and stores one `commit` event per commit, its author mapped to a candidate by \
            email or accounts. Each repository is imported on its own, all or nothing; re-importing adds nothing.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Repository directories (a work tree or a bare repository).") var repositories: [String]
    @Option(help: ArgumentHelp("Only commits after this date (ISO 8601, e.g. 2026-01-01).", valueName: "date"))
    var since: String?
    @Flag(help: "Print the reports as JSON.") var json = false
    @Flag(name: .customLong("no-rescore"), help: "Do not recompute flags and scores of the affected candidates.")
    var noRescore = false
    @OptionGroup var records: ImportRecordOptions

    func validate() throws {
        guard !repositories.isEmpty else { throw ValidationError("give at least one repository") }
        if let since, Time.parse(since) == nil { throw ValidationError("--since must be an ISO 8601 date, e.g. 2026-01-01") }
    }

    func run() throws {
        let paths = global.paths
        let store = try global.openStore()
        let importer = Importer(store: store, intel: IPIntelligence(databasePath: nil, providers: .empty))
        var output = ImportCommand.Output(imported: [], failed: [])
        for repo in repositories {
            let progress = ImportProgressLine.make(quiet: records.quiet || json)
            do {
                let report = try importer.importGit(path: repo, since: since, options: records.options(progress: progress?.progress))
                progress?.stop()
                output.imported.append(report)
                if !json { SafeOutput.line(ImportCommand.line(report)); records.printDetails(report) }
            } catch {
                progress?.stop()
                output.failed.append(.init(file: repo, error: "\(error)"))
                SafeOutput.warn("error: " + Sanitize.forDisplay("\(error)"))
                SafeOutput.warn("\(Sanitize.forDisplay(repo)): not imported (nothing from it was written)")
            }
        }
        if !noRescore && !records.dryRun && !output.imported.isEmpty {
            output.rescore = try ImportRescore.run(store, rulesFile: paths.rulesFileInUse, json: json)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            SafeOutput.json(try encoder.encode(output))
        }
        if !output.failed.isEmpty {
            SafeOutput.warn("\(output.failed.count) of \(repositories.count) repositories failed")
            throw ExitCode(1)
        }
    }
}
