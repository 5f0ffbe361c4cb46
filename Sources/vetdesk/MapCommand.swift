import ArgumentParser
import Foundation
import VetdeskCore

/// `vetdesk map init FILE`: a starter column mapping for the user's own export (docs/mappings.md).
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map", abstract: "Column mappings for your own HR, ATS, payment and device exports.",
        subcommands: [Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a starter mapping for FILE, guessed from its headers and values, to edit before use.",
            discussion: """
                Each guess carries its confidence as a YAML comment. Import with \
                `vetdesk import --map MAPPING.yaml FILE`. Format: docs/mappings.md.
                """)

        @Argument(help: "The export (CSV with a header row, JSON or NDJSON).") var file: String
        @Option(help: "The Vetdesk kind it holds, instead of guessing it.") var kind: String?
        @Option(name: [.customShort("o"), .customLong("output")], help: "Write the mapping here instead of to stdout (not overwritten).")
        var output: String?

        func validate() throws {
            let flat: [ImportKind] = [.candidates, .identityChecks, .interviews, .payments, .endpoint, .watchlist, .logins]
            if let kind, !flat.contains(where: { $0.rawValue == kind }) {
                throw ValidationError("unknown or non-flat kind '\(kind)': use candidates, identity-checks, interviews, payments, endpoint, watchlist, logins")
            }
        }

        func run() throws {
            guard FileManager.default.isReadableFile(atPath: file) else { throw VetdeskError.io("cannot read \(file)") }
            let yaml = try MappingGuesser.draft(path: file, displayName: file, kind: kind.flatMap(ImportKind.init(rawValue:)))
            guard let output else { print(yaml, terminator: ""); return }
            guard !FileManager.default.fileExists(atPath: output) else {
                throw VetdeskError.io("\(output) exists; not overwritten")
            }
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: output))
            FileHandle.standardError.write(Data("wrote \(output): check every guess, then: vetdesk import --map \(output) \(file)\n".utf8))
        }
    }
}
