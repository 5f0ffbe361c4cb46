import ArgumentParser
import Foundation
import VetdeskCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import candidates, checks, interviews, payments, endpoint data, watchlists, login logs and audit logs (GitHub, GitLab, Google Drive, Microsoft 365).",
        discussion: """
            Each file is detected from its CSV header or first JSON record (or takes --kind) and imported \
            in its own transaction: a malformed file is rejected whole, naming the line or record and the \
            field (--max-errors N imports the rest and writes the rejects to a file), and the other files \
            are still imported. A file that stores nothing (all skipped or rejected) fails. Re-importing a \
            file changes nothing. Formats: docs/import-formats.md; rejects, --dry-run: docs/import-pipeline.md.
            Kinds: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Files to import (CSV, JSON or NDJSON).") var files: [String]
    @Option(help: "The kind of every file, instead of detecting it.") var kind: String?
    @Option(name: .customLong("map"), help: ArgumentHelp("Read every file through this column mapping (YAML, docs/mappings.md; start one with `vetdesk map init FILE`).", valueName: "mapping.yaml"))
    var mapFile: String?
    @Flag(help: "Print the reports as JSON.") var json = false
    @Flag(name: .customLong("no-rescore"), help: "Do not recompute flags and scores of the affected candidates.")
    var noRescore = false
    @Option(name: .customLong("providers"),
            help: ArgumentHelp("""
                Extra provider list (YAML, the format of providers.yaml, e.g. VPN exits your team observed) \
                merged over the bundled list and $XDG_CONFIG_HOME/vetdesk/providers.yaml (default: \
                $VETDESK_PROVIDERS). It matters here: providers are matched when login IPs are enriched at \
                import, and rules read that enrichment.
                """, valueName: "file"))
    var providersFile: String?
    @OptionGroup var records: ImportRecordOptions
    @Option(name: .customLong("location-db"),
            help: "libloc database (default: $VETDESK_LOCATION_DB, else /usr/share/libloc-location/location.db).")
    var locationDB: String?

    func validate() throws {
        if let kind, ImportKind(rawValue: kind) == nil {
            throw ValidationError("unknown kind '\(kind)': use " + ImportKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard !files.isEmpty else { throw ValidationError("give at least one file") }
    }

    struct Failure: Codable { var file: String; var error: String }
    struct Output: Codable {
        var imported: [ImportReport]
        var failed: [Failure]
        var rescore: RescoreReport?
    }

    func run() throws {
        ImportMemory.useOneMallocArena()
        let paths = global.paths
        let store = try global.openStore()
        let intel = IPIntelligence(databasePath: locationDB, providers: try ExtraProviders.list(paths: paths, extraFile: ExtraProviders.file(option: providersFile)))
        if let problem = intel.databaseProblem {
            warn("warning: no IP location data (\(problem)); countries and ASNs of logins stay unknown")
        }
        let importer = Importer(store: store, intel: intel)
        let mapping = try mapFile.map(ImportMapping.load(path:))
        var output = Output(imported: [], failed: [])
        for file in files {
            let progress = ImportProgressLine.make(quiet: records.quiet || json)
            do {
                let report = try importer.importFile(path: file, kind: kind.flatMap(ImportKind.init(rawValue:)),
                                                     mapping: mapping, options: records.options(progress: progress?.progress))
                progress?.stop()
                output.imported.append(report)
                if !json { SafeOutput.line(Self.line(report)); records.printDetails(report) }
                if report.storedNothing {
                    output.failed.append(Failure(file: file, error: ImportRecordOptions.nothingStored(report)))
                    warn("error: " + ImportRecordOptions.nothingStored(report))
                }
            } catch {
                progress?.stop()
                output.failed.append(Failure(file: file, error: "\(error)"))
                warn("error: " + Sanitize.forDisplay("\(error)"))
                warn("\(Sanitize.forDisplay(file)): not imported (nothing from it was written)")
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
            warn("\(output.failed.count) of \(files.count) file(s) failed: "
                 + output.failed.map { Sanitize.forDisplay($0.file) }.joined(separator: ", "))
            throw ExitCode(1)
        }
    }

    static func line(_ r: ImportReport) -> String {
        var parts = ["\(r.records) records", "\(r.inserted) \(r.dryRun ? "to insert" : "inserted")", "\(r.skippedDuplicates) skipped (duplicate)"]
        if r.ignored > 0 {
            let reasons = r.skippedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            parts.append("\(r.ignored) skipped (" + reasons.joined(separator: ", ") + ")")
        }
        parts.append(String(format: "%.2f s", r.seconds))
        parts.append(String(format: "%.0f %@/s", r.recordsPerSecond, r.kind.isLogin || r.kind.isTransfer ? "events" : "records"))
        if let note = r.transfers?.note, !note.isEmpty { parts.append(note) }
        return "\(Sanitize.forDisplay(r.file)): \(r.kind.rawValue): " + parts.joined(separator: ", ")
    }

    private func warn(_ s: String) { SafeOutput.warn(s) }
}

/// `--providers FILE` (else $VETDESK_PROVIDERS): a team provider list merged over the bundled list
/// and the user's providers.yaml, e.g. VPN exits the team observed. Providers are matched when an
/// IP is enriched into ip_info (at import); rules read ip_info.
enum ExtraProviders {
    /// The file given, if any: the option first, then the environment.
    static func file(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        option ?? environment["VETDESK_PROVIDERS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Bundled list, then the user's file, then the extra file (later entries of the same name win).
    static func list(paths: StorePaths, extraFile: String?) throws -> ProviderList {
        let standard = try ProviderList.standard(paths: paths)
        guard let extraFile else { return standard }
        return try standard.merged(with: ProviderList.load(path: extraFile))
    }
}
