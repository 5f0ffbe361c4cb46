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
    /// Records read, rejected ones included.
    public var records: Int
    public var inserted: Int
    public var skippedDuplicates: Int
    public var ignored: Int
    /// `ignored`, broken down by reason (e.g. not_a_sign_in: 12, service_principal: 3).
    public var skippedByReason: [String: Int]
    public var seconds: Double
    /// Malformed records skipped under `--max-errors` (0 without it: the first one fails the file).
    public var rejected = 0
    /// Where the rejected records were written, when there were any.
    public var rejectsFile: String?
    /// A dry run: nothing was written; `inserted` counts what would be stored.
    public var dryRun = false
    /// Dry run: the first rows as they would be stored.
    public var sample: [[String: String]]?
    /// Dry run: every problem found (malformed records), up to 10,000 listed.
    public var problems: [String]?
    /// Audit files and git: unmapped actors, unknown actions, events per action.
    public var transfers: TransferImportSummary?

    public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : Double(records) }

    /// The file held records but none was stored or already there (all skipped or rejected):
    /// the import says so and `vetdesk import` exits 1, so that no loss goes unnoticed.
    public var storedNothing: Bool { records > 0 && inserted == 0 && skippedDuplicates == 0 }

    enum CodingKeys: String, CodingKey {
        case file, kind, sha256, records, inserted, skippedDuplicates = "skipped_duplicates", ignored,
             skippedByReason = "skipped_by_reason", seconds, rejected, rejectsFile = "rejects_file",
             dryRun = "dry_run", sample, problems, transfers
    }
}
