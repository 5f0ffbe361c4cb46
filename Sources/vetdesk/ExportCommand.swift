import ArgumentParser
import Foundation
import VetdeskCore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export cases as a Markdown report, JSON, CSV, a STIX 2.1 bundle or a MISP event.",
        discussion: "Select cases by id or with --status. Only the selected cases' data is written; files are "
            + "created owner-only (0600). Without --out the export goes to standard output.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate ids.") var ids: [String] = []
    @Option(help: "Export every case in this state: new, in_review, cleared, escalated, referred.") var status: String?
    @Option(help: "md | json | csv | stix | misp") var format: String
    @Option(help: "Output file.") var out: String?
    @Option(help: "Your organisation's name, for STIX identities and the MISP Orgc.") var organisation = "Vetdesk"

    func validate() throws {
        guard Exporter.Format(rawValue: format) != nil else {
            throw ValidationError("unknown format '\(format)': use md, json, csv, stix or misp")
        }
        if let status, CaseStatus(rawValue: status) == nil {
            throw ValidationError("unknown status '\(status)': use " + CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard ids.isEmpty != (status == nil) else { throw ValidationError("give candidate ids or --status, not both or neither") }
    }

    func run() throws {
        let exporter = Exporter(store: try global.openStore(), organisation: organisation)
        let fmt = Exporter.Format(rawValue: format)!
        let selection: Exporter.Selection = status.flatMap(CaseStatus.init(rawValue:)).map { .status($0) } ?? .cases(ids)
        if let out {
            let n = try exporter.export(selection, format: fmt, to: out)
            SafeOutput.warn("exported \(n) case(s) to \(out)")
        } else {
            let cases = try exporter.load(selection)
            guard !cases.isEmpty else { throw VetdeskError.notFound("no cases match the selection; nothing exported") }
            FileHandle.standardOutput.write(Data(try exporter.render(fmt, cases).utf8))
        }
    }
}
