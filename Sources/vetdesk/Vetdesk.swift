import ArgumentParser
import VetdeskCore

@main
struct Vetdesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vetdesk",
        abstract: "Vet remote contractors for signs of DPRK IT-worker fraud.",
        version: "0.1.0",
        subcommands: [InfoCommand.self]
    )
}
