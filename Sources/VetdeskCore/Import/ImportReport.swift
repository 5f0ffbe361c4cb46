/// Counts kept while a file is read.
struct ImportCounts {
    var records = 0
    /// New rows, or existing rows whose values changed.
    var inserted = 0
    /// Records already in the store unchanged (re-imports).
    var skippedDuplicates = 0
    /// Records that are not for Vetdesk (an Okta password change, a Google logout...), by reason.
    var skipped: [SkipReason: Int] = [:]
    var ignored: Int { skipped.values.reduce(0, +) }
}

/// What importing one file did.
public struct ImportReport: Sendable, Equatable, Codable {
    public var file: String
    public var kind: ImportKind
    public var sha256: String
    public var records: Int
    public var inserted: Int
    public var skippedDuplicates: Int
    public var ignored: Int
    /// `ignored`, broken down by reason (e.g. not_a_sign_in: 12, service_principal: 3).
    public var skippedByReason: [String: Int]
    public var seconds: Double

    public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : Double(records) }

    enum CodingKeys: String, CodingKey {
        case file, kind, sha256, records, inserted, skippedDuplicates = "skipped_duplicates", ignored, skippedByReason = "skipped_by_reason", seconds
    }
}
