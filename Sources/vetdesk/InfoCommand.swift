import ArgumentParser
import Foundation
import VetdeskCore
import VetdeskTUI

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print every path in use (store, config, themes, rules, drafts...) and what the store holds.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let p = global.paths
        let access = try global.access(analyst: nil)
        let store = try global.openStore(for: access)
        let counts = try store.tableCounts()
        let items = Self.paths(p)
        if json {
            var obj: [String: Any] = [:]
            obj["access"] = Self.accessJSON(access)
            for item in items {
                let paths: [Any] = item.values.map { $0.path ?? NSNull() }
                obj[item.key] = item.isList ? paths : paths.first ?? NSNull()
            }
            obj["counts"] = Dictionary(uniqueKeysWithValues: counts.map { ($0.table, $0.rows) })
            let data = try JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for item in items {
                for (i, v) in item.values.enumerated() {
                    let key = i == 0 ? item.key : ""
                    let text = (v.path ?? "built in") + (v.note.map { " (\($0))" } ?? "")
                    print("\(key.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Sanitize.forDisplay(text))")
                }
            }
            print("\("access".padding(toLength: 16, withPad: " ", startingAt: 0)) \(Sanitize.forDisplay(Self.accessText(access)))")
            print("")
            for c in counts { print("\(c.table.padding(toLength: 22, withPad: " ", startingAt: 0)) \(c.rows)") }
        }
    }

    /// The permission model in force (TeamPolicy): personal or team, who records, read-only or not.
    static func accessText(_ a: StoreAccess) -> String {
        let model = a.team.map { "team store (group \($0.group)" + ($0.readonlyGroup.map { ", read-only group \($0)" } ?? "")
            + "; folder 2770, files 0660; analyst = Unix user)" } ?? "personal store (files 0600)"
        return model + "; you: \(a.analyst), " + (a.readonlyReason.map { "read-only: \($0)" } ?? "read-write")
    }

    static func accessJSON(_ a: StoreAccess) -> [String: Any] {
        var o: [String: Any] = ["model": a.team == nil ? "personal" : "team", "analyst": a.analyst, "readonly": a.readonly]
        if let t = a.team { o["group"] = t.group; o["readonly_group"] = t.readonlyGroup ?? NSNull() }
        if let r = a.readonlyReason { o["readonly_reason"] = r }
        return o
    }

    /// A path (nil: built into the binary) with a remark for people (JSON leaves remarks out).
    struct Value { var path: String?; var note: String? = nil }
    struct Item {
        var key: String
        var values: [Value]
        var isList = false
        init(_ key: String, _ values: [Value], list: Bool = false) { self.key = key; self.values = values; isList = list }
        init(_ key: String, _ path: String?, note: String? = nil) { self.init(key, [Value(path: path, note: note)]) }
    }

    /// Every resolved path, with what is absent or built in said in the text.
    static func paths(_ p: StorePaths, environment: [String: String] = ProcessInfo.processInfo.environment) -> [Item] {
        let fm = FileManager.default
        func checked(_ path: String) -> Value { Value(path: path, note: fm.fileExists(atPath: path) ? nil : "absent") }
        let rules = p.rulesFileInUse
        let catalog = ThemeCatalog.standard(paths: p)
        var themes = catalog.directories.map(checked)
        if catalog.path(of: ThemeCatalog.builtinName) == nil { themes.append(Value(path: nil, note: "default theme")) }
        let locationDB = environment["VETDESK_LOCATION_DB"] ?? "/usr/share/libloc-location/location.db"
        return [
            Item("executable", InstallDirs.executablePath()),
            Item("store", p.store),
            Item("config", p.configDir),
            fm.fileExists(atPath: rules) ? Item("rules", rules) : Item("rules", nil, note: "defaults; no \(rules)"),
            Item("providers", p.installedFile("providers.yaml"), note: p.installedFile("providers.yaml") == nil ? "list" : nil),
            Item("user_providers", [checked(p.providersFile)]),
            Item("themes", themes, list: true),
            Item("share_dirs", p.installDirs.map(checked), list: true),
            Item("drafts", p.store, note: "draft_note table"),
            Item("exports", p.exportsDir),
            Item("state", p.stateDir),
            Item("location_db", [checked(locationDB)]),
        ]
    }
}
