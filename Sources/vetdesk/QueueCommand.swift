import ArgumentParser
import Foundation
import VetdeskCore
import VetdeskTUI

extension CaseStatus: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: "_"))
    }
}
extension QueueSort: ExpressibleByArgument {}

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "Print candidates ranked by risk, a page at a time.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, parsing: .upToNextOption,
            help: "Only these statuses (new, in_review, cleared, escalated, referred); repeatable.")
    var status: [CaseStatus] = []
    @Option(name: .customLong("min-risk"), help: "Only candidates scoring at least this (0-100).") var minRisk: Int?
    @Option(name: .long, help: "Rows per page.") var limit: Int = 50
    @Option(name: .long, help: "Rows to skip.") var offset: Int = 0
    @Option(name: .long, help: "Sort by risk, name, age, updated or country.") var sort: QueueSort = .risk
    @Flag(name: .long, help: "Reverse the sort direction.") var ascending = false
    @Option(name: .long, help: "Match name, email, id, country, status or a flag id.") var filter: String?
    @Option(name: .long, help: "Only cases assigned to this analyst.") var assignee: String?
    @Flag(name: .long, help: "Print JSON (see docs/cli-json.md).") var json = false
    @Flag(name: .long, help: "ASCII only.") var ascii = false

    func validate() throws {
        guard limit > 0, limit <= 10_000 else { throw ValidationError("--limit must be between 1 and 10000") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
        if let m = minRisk, !(0...100).contains(m) { throw ValidationError("--min-risk must be between 0 and 100") }
    }

    func run() throws {
        let store = try global.openStore()
        let query = QueueQuery(statuses: status, minRisk: minRisk, assignee: assignee, text: filter ?? "", sort: sort,
                               descending: !ascending, limit: limit, offset: offset)
        let rows = try store.queue(query)
        let total = try store.queueCount(query)
        if json {
            FileHandle.standardOutput.write(try ReadCommandOutput.json(QueuePage(total: total, offset: offset, limit: limit,
                                                                         rows: rows.map(QueuePage.Row.init))))
            return
        }
        let width = max(60, ReadCommandOutput.terminalWidth() ?? 120)
        FileHandle.standardOutput.write(Data(QueueTable.render(rows, offset: offset, total: total, width: width,
                                                               ascii: ascii || !ReadCommandOutput.localeIsUTF8()).utf8))
    }
}

/// `vetdesk queue --json`: one page and the number of matches in all (docs/cli-json.md).
struct QueuePage: Encodable {
    struct Row: Encodable {
        var rank: Int?
        var candidateId: String
        var fullName: String
        var email: String?
        var declaredCountry: String?
        var platform: String?
        var status: CaseStatus
        var assignee: String?
        var riskScore: Int
        var riskBand: RiskBand
        var topFlags: [String]
        var openedAt: Int64
        var updatedAt: Int64
        init(_ r: QueueRow) {
            candidateId = r.candidateId; fullName = r.fullName; email = r.email; declaredCountry = r.declaredCountry
            platform = r.platform; status = r.status; assignee = r.assignee; riskScore = r.riskScore; riskBand = r.riskBand
            topFlags = r.topFlags; openedAt = r.openedAt; updatedAt = r.updatedAt
        }
    }
    var total: Int
    var offset: Int
    var limit: Int
    var rows: [Row]
    init(total: Int, offset: Int, limit: Int, rows: [Row]) {
        self.total = total; self.offset = offset; self.limit = limit
        self.rows = rows.enumerated().map { i, r in var r = r; r.rank = offset + i + 1; return r }
    }
}
