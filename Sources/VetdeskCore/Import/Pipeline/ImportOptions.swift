/// How `Importer.importFile` treats bad records, what it reports while it runs, and whether it
/// writes at all (`vetdesk import --max-errors N --rejects FILE --dry-run --quiet`).
public struct ImportOptions: Sendable {
    /// Malformed records tolerated per file: 0 (the default) rejects the file at the first one;
    /// N imports the rest while at most N are rejected, each written to the rejects file.
    public var maxErrors: Int
    /// Where rejected records go: a file path, or a directory in which one file per import is
    /// made (default: `$XDG_STATE_HOME/vetdesk/rejects/`).
    public var rejectsPath: String?
    /// Read, map and check every record, but write nothing.
    public var dryRun: Bool
    /// Rows shown by a dry run.
    public var sampleRows: Int
    /// Receives record counts while the file is read.
    public var progress: ImportProgress?

    public init(maxErrors: Int = 0, rejectsPath: String? = nil, dryRun: Bool = false, sampleRows: Int = 5,
                progress: ImportProgress? = nil) {
        self.maxErrors = maxErrors
        self.rejectsPath = rejectsPath
        self.dryRun = dryRun
        self.sampleRows = sampleRows
        self.progress = progress
    }
}
