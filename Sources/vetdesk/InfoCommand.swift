import ArgumentParser
import Foundation
import VetdeskCore

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print the paths in use and what the store holds.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let p = global.paths
        let store = try global.openStore()
        let counts = try store.tableCounts()
        let env = ProcessInfo.processInfo.environment
        let locationDB = env["VETDESK_LOCATION_DB"] ?? "/usr/share/libloc-location/location.db"
        let paths: [(String, String)] = [
            ("store", p.store), ("config", p.configDir), ("rules", p.rulesFile),
            ("providers", p.providersFile), ("themes", p.userThemesDir), ("state", p.stateDir),
            ("location_db", locationDB),
        ]
        if json {
            var obj: [String: Any] = [:]
            for (k, v) in paths { obj[k] = v }
            obj["counts"] = Dictionary(uniqueKeysWithValues: counts.map { ($0.table, $0.rows) })
            let data = try JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for (k, v) in paths { print("\(k.padding(toLength: 12, withPad: " ", startingAt: 0)) \(v)") }
            print("")
            for c in counts { print("\(c.table.padding(toLength: 22, withPad: " ", startingAt: 0)) \(c.rows)") }
        }
    }
}
