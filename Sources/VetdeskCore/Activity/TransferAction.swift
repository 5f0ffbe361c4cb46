/// What a transfer event did, normalised across GitHub, GitLab, Google Drive, Microsoft 365 and git.
/// The vendor's own action name is kept beside it (`vendor_action`), so evidence quotes the source.
public enum TransferAction: String, CaseIterable, Sendable, Codable {
    /// Data left the company: git.clone, repo.download_zip, Drive download, FileDownloaded,
    /// FileSyncDownloadedFull.
    case clone, download
    /// git.fetch: incremental, usually automation; counted apart from clones.
    case fetch
    /// Copies and access changes can move data out without a download.
    case copy, accessChange = "access_change"
    /// Reads that move no file: repo.access, Drive view, FileAccessed.
    case view
    case push, commit
    /// Account and organisation changes: repo.create, org.add_member and the like.
    case admin
    case other

    /// Actions that move data off the company's systems, for the bulk-transfer rules.
    public var movesData: Bool {
        switch self {
        case .clone, .download, .copy: true
        default: false
        }
    }
}

/// Where a transfer event came from.
public enum TransferSource: String, CaseIterable, Sendable, Codable {
    case github, gitlab
    case googleDrive = "google_drive"
    case m365, git
}
