import Foundation

/// The records of an audit file, whatever its container: JSON (array, API page, lines, `records`
/// blobs; read by JSONRecordReader) or CSV (header row). Each is turned into TransferRecords by its
/// vendor's mapper; a record that holds several events (a Drive activity) yields them one by one.
final class TransferFileSource {
    let kind: ImportKind
    let json: JSONRecordReader?
    private let file: String
    private let read: () throws -> (object: [String: Any], location: String)?
    private let bytes: () -> Int
    private var queue: [(object: [String: Any], location: String)] = []
    private var queueIndex = 0
    private let folds = KeyFolds()
    private var readFailed = false
    private var pending: [TransferRecord] = []
    private var github = GitHubTransferMapper(), gitlab = GitLabTransferMapper()
    private var drive = GoogleDriveTransferMapper(), m365 = M365TransferMapper()

    private init(kind: ImportKind, file: String, json: JSONRecordReader?, bytes: @escaping () -> Int,
                 read: @escaping () throws -> (object: [String: Any], location: String)?) {
        self.kind = kind
        self.file = file
        self.json = json
        self.bytes = bytes
        self.read = read
    }

    convenience init(kind: ImportKind, json: JSONRecordReader, file: String) {
        self.init(kind: kind, file: file, json: json, bytes: { json.bytesRead }, read: { try json.next() })
    }

    var bytesRead: Int { bytes() }
    var canContinue: Bool { json?.canContinue ?? !readFailed }
    var lastRecordText: String? { json?.lastRecordText ?? csvRows?.lastLine }
    private var csvRows: CSVObjects?

    /// An audit CSV (by its header, or because `requested` is a transfer kind); nil for other CSVs.
    static func csv(path: String, displayName: String, requested: ImportKind?) throws -> TransferFileSource? {
        if let requested, !TransferShape.kinds.contains(requested) { return nil }
        guard let rows = try CSVObjects(path: path, displayName: displayName) else { return nil }
        let detected = TransferShape.detect(csvHeader: rows.header)
        if let requested, detected != requested {
            throw VetdeskError.malformed(file: displayName, location: "line 1", field: nil,
                                         message: "the header is not that of a \(requested.rawValue) export (docs/import-formats.md)")
        }
        guard let kind = detected else { return nil }
        let source = TransferFileSource(kind: kind, file: displayName, json: nil, bytes: { rows.bytesRead }) { try rows.next() }
        source.csvRows = rows
        return source
    }

    /// The next event or skip; nil at the end of the file.
    func next() throws -> TransferRecord? {
        while pending.isEmpty {
            guard let r = try nextRecord() else { return nil }
            switch kind {
            case .githubAudit: pending = try github.map(r)
            case .gitlabAudit: pending = try gitlab.map(r)
            case .googleDrive: pending = try drive.map(r)
            default: pending = try m365.map(r)
            }
            pending.reverse()
        }
        return pending.removeLast()
    }

    private func nextRecord() throws -> SignInRecord? {
        while true {
            if queueIndex < queue.count {
                queueIndex += 1
                let (object, location) = queue[queueIndex - 1]
                return SignInRecord(object: object, file: file, location: location, folds: folds)
            }
            queue.removeAll(keepingCapacity: true)
            queueIndex = 0
            let next: (object: [String: Any], location: String)?
            do { next = try read() } catch { readFailed = true; throw error }
            guard let (object, location) = next else { return nil }
            guard let inner = try SignInSource.unwrap(object, location: location, file: file) else {
                return SignInRecord(object: object, file: file, location: location, folds: folds)
            }
            queue = inner
        }
    }
}
