import ArgumentParser
import VetdeskCore

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Print the paths in use.")
    @OptionGroup var global: GlobalOptions
    func run() throws {
        let p = global.paths
        print("store:  \(p.store)")
        print("config: \(p.configDir)")
    }
}
