import Foundation
import GRDB

/// One row of the triage queue: enough to draw a line without touching another table.
public struct QueueRow: Sendable, Equatable, FetchableRecord, Identifiable {
    public var id: String { candidateId }
    public var candidateId: String
    public var fullName: String
    public var email: String?
    public var declaredCountry: String?
    public var platform: String?
    public var status: CaseStatus
    public var assignee: String?
    public var riskScore: Int
    public var riskBand: RiskBand
    public var topFlags: [String]
    /// Every flag that fired (top_flags keeps only the heaviest few), so a view can say "+N more".
    public var flagCount: Int
    public var openedAt: Int64
    public var updatedAt: Int64
    public var version: Int

    public init(row: Row) throws {
        candidateId = row["candidate_id"]
        fullName = row["full_name"]
        email = row["email"]
        declaredCountry = row["declared_country"]
        platform = row["platform"]
        status = CaseStatus(rawValue: row["status"]) ?? .new
        assignee = row["assignee"]
        riskScore = row["risk_score"]
        riskBand = RiskBand(rawValue: row["risk_band"]) ?? .none
        let flags: String = row["top_flags"]
        topFlags = flags.isEmpty ? [] : flags.split(separator: ",").map(String.init)
        flagCount = max(topFlags.count, row["flag_count"] ?? 0)
        openedAt = row["opened_at"]
        updatedAt = row["updated_at"]
        version = row["version"]
    }
}

public enum QueueSort: String, Sendable, CaseIterable {
    case risk, name, age, updated, country
}

/// What the queue shows: a filter, a sort and a page. Pages come straight from the store
/// (LIMIT/OFFSET over indexed order); nothing loads every candidate.
public struct QueueQuery: Sendable, Equatable {
    public var statuses: [CaseStatus] = []
    public var minRisk: Int? = nil
    public var assignee: String? = nil
    /// Free text: matches name, email, candidate id, country or a flag id, case-insensitively.
    public var text: String = ""
    public var sort: QueueSort = .risk
    public var descending: Bool = true
    public var limit: Int = 100
    public var offset: Int = 0
    public init(statuses: [CaseStatus] = [], minRisk: Int? = nil, assignee: String? = nil, text: String = "",
                sort: QueueSort = .risk, descending: Bool = true, limit: Int = 100, offset: Int = 0) {
        self.statuses = statuses; self.minRisk = minRisk; self.assignee = assignee; self.text = text
        self.sort = sort; self.descending = descending; self.limit = limit; self.offset = offset
    }
}

public struct StatusCounts: Sendable, Equatable {
    public var byStatus: [CaseStatus: Int] = [:]
    public var total: Int { byStatus.values.reduce(0, +) }
}

extension Store {
    public func queue(_ q: QueueQuery) throws -> [QueueRow] {
        try pool.read { db in try Store.queue(db, q) }
    }

    /// The console's first page, read before its first frame on the writer connection the store's
    /// open has already set up (readOnWriter): no reader connection is opened for the first frame.
    public func firstQueuePage(_ q: QueueQuery) throws -> [QueueRow] {
        try readOnWriter { db in try Store.queue(db, q) }
    }

    /// Number of rows the query matches (for "row 12 of 340").
    public func queueCount(_ q: QueueQuery) throws -> Int {
        try pool.read { db in
            let (whereSQL, args) = Store.queueWhere(q)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_file k JOIN candidate c ON c.id = k.candidate_id \(whereSQL)",
                                    arguments: args) ?? 0
        }
    }

    /// On the writer connection (readOnWriter): the console reads them right after its first frame,
    /// before any reader connection is open; one row per status, so it holds nothing up.
    public func statusCounts() throws -> StatusCounts {
        try readOnWriter { db in
            var counts = StatusCounts()
            // Kept by triggers (CaseStatusCountSchema): one row per status, not a scan of every case.
            for row in try Row.fetchAll(db, sql: "SELECT status, n FROM case_status_count WHERE n > 0") {
                if let s = CaseStatus(rawValue: row["status"]) { counts.byStatus[s] = row["n"] }
            }
            return counts
        }
    }

    static func queue(_ db: Database, _ q: QueueQuery) throws -> [QueueRow] {
        let (whereSQL, args) = queueWhere(q)
        let dir = q.descending ? "DESC" : "ASC"
        let order: String
        switch q.sort {
        case .risk: order = "k.risk_score \(dir), k.candidate_id"
        case .name: order = "c.full_name COLLATE NOCASE \(dir), k.candidate_id"
        case .age: order = "k.opened_at \(q.descending ? "ASC" : "DESC"), k.candidate_id"
        case .updated: order = "k.updated_at \(dir), k.candidate_id"
        case .country: order = "c.declared_country \(dir), k.risk_score DESC, k.candidate_id"
        }
        var arguments = args
        arguments += [q.limit, q.offset]
        return try QueueRow.fetchAll(db, sql: """
            SELECT k.candidate_id, c.full_name, c.email, c.declared_country, c.platform, k.status, k.assignee,
                   k.risk_score, k.risk_band, k.top_flags, k.opened_at, k.updated_at, k.version,
                   (SELECT COUNT(*) FROM flag f WHERE f.candidate_id = k.candidate_id) AS flag_count
            FROM case_file k JOIN candidate c ON c.id = k.candidate_id
            \(whereSQL)
            ORDER BY \(order)
            LIMIT ? OFFSET ?
            """, arguments: arguments)
    }

    static func queueWhere(_ q: QueueQuery) -> (String, StatementArguments) {
        var clauses: [String] = []
        var args: StatementArguments = []
        if !q.statuses.isEmpty {
            clauses.append("k.status IN (\(Array(repeating: "?", count: q.statuses.count).joined(separator: ",")))")
            for s in q.statuses { args += [s.rawValue] }
        }
        if let min = q.minRisk { clauses.append("k.risk_score >= ?"); args += [min] }
        if let a = q.assignee { clauses.append("k.assignee = ?"); args += [a] }
        let text = q.text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            // LIKE with escaped wildcards: the analyst's text is matched literally.
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            let like = "%\(escaped)%"
            clauses.append("""
                (c.full_name LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\' OR k.candidate_id LIKE ? ESCAPE '\\'
                 OR c.declared_country = ? COLLATE NOCASE OR k.status = ? OR k.top_flags LIKE ? ESCAPE '\\'
                 OR EXISTS (SELECT 1 FROM flag f WHERE f.candidate_id = k.candidate_id AND f.rule_id = ?))
                """)
            args += [like, like, like, text, text.replacingOccurrences(of: " ", with: "_").lowercased(), like, text.lowercased()]
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), args)
    }
}
