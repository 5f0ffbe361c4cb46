import ArgumentParser
import Foundation
import VetdeskCore

/// `vetdesk lists`: sanctions lists and intel feeds in their official formats (docs/lists.md).
struct ListsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lists", abstract: "Load sanctions lists and intel feeds; screen names and identifiers against them.",
        subcommands: [ListsShowCommand.self, ListsImportCommand.self, ListsScreenCommand.self, ListsBenchCommand.self], defaultSubcommand: ListsShowCommand.self)
}

private func printJSON<T: Encodable>(_ value: T) throws {
    let enc = JSONEncoder()
    enc.keyEncodingStrategy = .convertToSnakeCase
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try enc.encode(value), as: UTF8.self))
}

struct ListsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "The loaded lists with their dates, versions and hits.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let lists = try ListStore(store: try global.openStore()).summaries()
        if json { try printJSON(lists); return }
        if lists.isEmpty { print("no lists loaded: vetdesk lists import FILE..."); return }
        for l in lists {
            print("\(Sanitize.forDisplay(l.name)) (\(Sanitize.forDisplay(l.authority)), \(l.format)): published \(Sanitize.forDisplay(l.publishedAt ?? "?")), "
                  + "version \(Sanitize.forDisplay(l.version)), \(l.records) record(s); \(l.candidatesHit) candidate(s) hit, \(l.hitsThisVersion) hit(s)")
        }
    }
}

struct ListsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import list files, detecting each format; a newer version replaces the older one.",
        discussion: "Formats: OFAC SDN legacy CSV set (sdn.csv with add.csv, alt.csv, sdn_comments.csv beside it), SDN.XML "
            + "and SDN_ENHANCED.XML; UN Security Council consolidated XML; UK Sanctions List (FCDO) XML and CSV; UK OFSI "
            + "consolidated list CSV, XML and ODS; EU consolidated XML; "
            + "OpenSanctions FollowTheMoney JSON lines; intel CSV (kind,value,...), STIX 2.1 bundles and MISP events.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "List files.") var files: [String]
    @Flag(help: "Do not rescore the candidates afterwards.") var noRescore = false
    @Flag(help: "Print JSON.") var json = false

    struct Output: Encodable { var imported: [ListStore.SaveResult]; var rescored: Int? }

    func run() throws {
        let store = try global.openStore()
        let docs = try ListFormats.parse(files: files)
        var out = Output(imported: [], rescored: nil)
        let lists = ListStore(store: store)
        for d in docs {
            let r = try lists.save(d)
            out.imported.append(r)
            if !json {
                let replaced = r.replacedVersion.map { ", replacing version \(Sanitize.forDisplay($0))" } ?? ""
                let skipped = r.skipped.isEmpty ? "" : "; skipped: " + r.skipped.sorted { $0.key < $1.key }.map { "\(Sanitize.forDisplay($0.key)) \($0.value)" }.joined(separator: ", ")
                print("\(Sanitize.forDisplay(r.list)) [\(r.format)] version \(Sanitize.forDisplay(r.version))\(replaced): "
                      + "\(r.records) record(s), \(r.names) name(s), \(r.identifiers) identifier(s)\(skipped)")
            }
        }
        if !noRescore {
            let config = try RuleConfig.load(path: global.paths.rulesFile)
            let report = try Rescorer(store: store, config: config).rescoreDirty()
            out.rescored = report.candidates
            if !json { print("rescored \(report.candidates) candidate(s)") }
        }
        if json { try printJSON(out) }
    }
}

struct ListsScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen", abstract: "Screen one name or identifier (email, phone, wallet, IBAN, handle, IP) against the loaded lists.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A name or an identifier.") var value: String
    @Option(help: "Screen as this kind (name, email, phone, wallet, iban, handle, ip) instead of guessing.") var kind: String?
    @Option(help: "Date of birth (raises or lowers a name match's confidence).") var dob: String?
    @Option(help: "Nationality (country name or ISO code).") var nationality: String?
    @Flag(help: "Print JSON.") var json = false

    struct Hit: Encodable {
        var list: String, version: String, recordId: String, listedAs: String
        var level: String, score: Double, matched: String, explanation: String
    }

    func run() throws {
        let index = try ListStore(store: try global.openStore()).index()
        let k: ListIdentifier.Kind?
        if let kind, kind != "name" {
            guard let parsed = ListIdentifier.Kind(rawValue: kind) else { throw ValidationError("unknown --kind \(kind)") }
            k = parsed
        } else { k = kind == "name" ? nil : ListIdentifierKeys.guess(value) }
        var hits: [Hit] = []
        if let k {
            for h in index.screen(identifier: value, kind: k) {
                let e = index.entries[h.entry]
                hits.append(Hit(list: e.listName, version: e.version, recordId: e.recordId, listedAs: e.primaryName,
                                level: "identifier", score: 1, matched: h.identifier.value, explanation: h.explanation))
            }
        } else {
            for h in index.screen(name: value, birthDate: dob, nationality: nationality) {
                let e = index.entries[h.entry]
                hits.append(Hit(list: e.listName, version: e.version, recordId: e.recordId, listedAs: e.primaryName,
                                level: h.level.rawValue, score: (h.score * 1000).rounded() / 1000, matched: h.matchedName, explanation: h.explanation))
            }
        }
        if json { try printJSON(hits); return }
        if hits.isEmpty { print("no hit for \(Sanitize.forDisplay(value)) (\(k?.rawValue ?? "name")) in \(index.entries.count) listed record(s)"); return }
        for h in hits {
            print("\(h.level) \(String(format: "%.2f", h.score)) \(Sanitize.forDisplay(h.list)) \(Sanitize.forDisplay(h.version)) record \(Sanitize.forDisplay(h.recordId)) "
                  + "(\(Sanitize.forDisplay(h.listedAs))): \(Sanitize.forDisplay(h.explanation))")
        }
    }
}

/// `make bench` helper: screening speed against a synthetic list of list-scale size. Hidden.
struct ListsBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Time screening the store against a synthetic list.",
                                                    shouldDisplay: false)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Synthetic list records.") var entries = 20000

    func run() throws {
        let r = try ListBench.run(store: try global.openStore(), entries: entries)
        try printJSON(r)
    }
}
