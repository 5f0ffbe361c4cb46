import GRDB

/// A contractor or onboarding candidate as declared to HR/ATS.
public struct Candidate: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "candidate"
    // Custom, not GRDB's convert*SnakeCase: those map `payoutChanges90d` to `payout_changes90d`,
    // but the column is `payout_changes_90d` (a digit run starts a word).
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.custom { column in
        ColumnKey(stringValue: ColumnKey.camel(column))
    }
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.custom { key in
        ColumnKey.snake(key.stringValue)
    }

    public var id: String
    public var fullName: String
    public var email: String?
    public var phone: String?
    public var phoneType: String?
    public var phoneChanges: Int = 0
    public var declaredCountry: String?
    public var city: String?
    public var address: String?
    public var shipToAddress: String?
    public var shipToCountry: String?
    public var shipToChangedAt: Int64?
    public var shipToIsForwarder: Bool = false
    public var platform: String?
    public var role: String?
    public var rateHourly: Double?
    public var rateCurrency: String?
    public var marketRateHourly: Double?
    public var referrerId: String?
    public var appliedAt: Int64?
    public var hiredAt: Int64?
    public var emailCreatedAt: Int64?
    public var profileUrl: String?
    public var profileName: String?
    public var profileLocation: String?
    public var profileCreatedAt: Int64?
    public var githubUsername: String?
    public var githubCreatedAt: Int64?
    public var githubFirstCommitAt: Int64?
    public var resumeHash: String?
    public var photoHash: String?
    public var locale: String?
    public var byodRequested: Bool = false
    public var prepaymentRequests: Int = 0
    public var payoutChanges90d: Int = 0
    public var updatedAt: Int64

    public init(id: String, fullName: String, updatedAt: Int64) {
        self.id = id
        self.fullName = fullName
        self.updatedAt = updatedAt
    }
}

/// Column name <-> property name, treating a digit run as its own word ("payout_changes_90d").
struct ColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    static func snake(_ name: String) -> String { SnakeCase.of(name) }

    static func camel(_ column: String) -> String {
        let parts = column.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first else { return column }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
