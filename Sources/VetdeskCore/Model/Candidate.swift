import GRDB

/// A contractor or onboarding candidate as declared to HR/ATS.
public struct Candidate: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "candidate"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

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
