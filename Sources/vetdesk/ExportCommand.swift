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
    @Option(help: "Export a ring (R-000001) as one unit: md opens with the ring drawn as text, stix is one bundle with a ring grouping, misp one event with the shared identifiers correlated.")
    var ring: String?
    @Option(help: "md | json | csv | stix | misp") var format: String
    @Option(help: "Output file.") var out: String?
    @Option(help: "Your organisation's name, for STIX identities and the MISP Orgc.") var organisation = "Vetdesk"
    @Option(help: "Traffic Light Protocol 2.0 marking: clear, green, amber, amber+strict, red.") var tlp = "amber+strict"
    @Flag(help: "STIX and MISP only: include home address, phone and identity-document details (omitted by default).")
    var includePersonalData = false

    func validate() throws {
        guard Exporter.Format(rawValue: format) != nil else {
            throw ValidationError("unknown format '\(format)': use md, json, csv, stix or misp")
        }
        if let status, CaseStatus(rawValue: status) == nil {
            throw ValidationError("unknown status '\(status)': use " + CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard TLPLevel(argument: tlp) != nil else {
            throw ValidationError("unknown TLP level '\(Sanitize.forDisplay(tlp))': use clear, green, amber, amber+strict or red")
        }
        guard [!ids.isEmpty, status != nil, ring != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give candidate ids, --status or --ring (exactly one)")
        }
    }

    func run() throws {
        let options = ExportOptions(tlp: TLPLevel(argument: tlp)!, includePersonalData: includePersonalData)
        let exporter = Exporter(store: try global.openStore(), organisation: organisation, options: options,
                                analyst: try global.access(analyst: nil).analyst)
        let fmt = Exporter.Format(rawValue: format)!
        let selection: Exporter.Selection = status.flatMap(CaseStatus.init(rawValue:)).map { .status($0) } ?? .cases(ids)
        if let ring {
            let result = try exporter.exportRing(ring, format: fmt, to: out)
            if let out {
                SafeOutput.warn("exported ring \(ring) (\(result.members.count) cases) to \(out)")
            } else {
                FileHandle.standardOutput.write(Data(result.text.utf8))
            }
            return
        }
        if let out {
            let n = try exporter.export(selection, format: fmt, to: out)
            SafeOutput.warn("exported \(n) case(s) to \(out)")
        } else {
            let cases = try exporter.load(selection)
            guard !cases.isEmpty else { throw VetdeskError.notFound("no cases match the selection; nothing exported") }
            FileHandle.standardOutput.write(Data(try exporter.render(fmt, cases).utf8))
            try exporter.logExport(format: fmt, path: "(standard output)", candidateIds: cases.map(\.candidate.id))
        }
    }
}
