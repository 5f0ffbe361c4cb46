import GRDB

public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    case new
    case inReview = "in_review"
    case cleared, escalated, referred

    public var isClosed: Bool { self == .cleared || self == .escalated || self == .referred }
    public var label: String {
        switch self {
        case .new: "new"
        case .inReview: "in review"
        case .cleared: "cleared"
        case .escalated: "escalated"
        case .referred: "referred"
        }
    }
}

public enum RiskBand: String, Codable, Sendable, CaseIterable, Comparable {
    case none, low, medium, high, critical
    private var rank: Int { RiskBand.allCases.firstIndex(of: self)! }
    public static func < (a: RiskBand, b: RiskBand) -> Bool { a.rank < b.rank }

    /// Bands by score; a decisive flag forces `.critical` whatever the score.
    public static func forScore(_ score: Int) -> RiskBand {
        switch score {
        case 80...: .critical
        case 55..<80: .high
        case 30..<55: .medium
        case 1..<30: .low
        default: .none
        }
    }
}

public struct CaseFile: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "case_file"
    public var candidateId: String
    public var status: CaseStatus
    public var assignee: String?
    public var riskScore: Int
    public var riskBand: RiskBand
    public var topFlags: String
    public var referredTo: String?
    public var openedAt: Int64
    public var updatedAt: Int64
    public var scoredAt: Int64?
    public var version: Int
}

public struct HistoryEntry: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "history"
    public var seq: Int64?
    public var candidateId: String
    public var at: Int64
    public var analyst: String
    public var action: String            // note | take | release | clear | escalate | refer | reopen
    public var fromStatus: String?
    public var toStatus: String?
    public var reasonCode: String?
    public var note: String
    public var prevHash: String
    public var hash: String
    /// A ThreatActor id when the analyst attributed the case in this decision (escalate/refer only).
    public var attribution: String? = nil
    /// The analyst's confidence in that attribution, 0–100.
    public var attributionConfidence: Int? = nil
    /// Per-entry random salt (hex) of the note's commitment; NULL once the note was erased.
    public var noteSalt: String? = nil
    /// SHA-256(salt ":" note), hex: what the chain hashes instead of the note, so erasure keeps it verifiable.
    public var noteCommitment: String? = nil
    /// The `erasure` row that emptied this entry's note, if any.
    public var erasedBy: Int64? = nil
}
