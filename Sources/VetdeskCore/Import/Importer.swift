import Crypto
import Foundation
import GRDB

/// Imports HR/ATS, identity-check, interview, payment, endpoint, watchlist and login files
/// into the store (formats: docs/import-formats.md). Each file is all or nothing: a malformed
/// record aborts the file with `VetdeskError.malformed` and leaves nothing of it (login files
/// commit in short chunks that are rolled back: docs/imports-and-locking.md).
/// Re-importing a file changes nothing but a new import_log row.
public struct Importer {
    public let store: Store
    public let intel: IPIntelligence
    let clock: @Sendable () -> Int64
    /// How login imports share the write lock with analysts.
    public var pacing = ImportPacing.standard

    public init(store: Store, intel: IPIntelligence, clock: @escaping @Sendable () -> Int64 = Time.now) {
        self.store = store
        self.intel = intel
        self.clock = clock
    }

    /// Imports one file; `kind` nil detects it from the CSV header or the first JSON record.
    /// A `mapping` reads the user's own export columns into one flat kind (docs/mappings.md).
    /// `options`: error budget and rejects file, dry run, progress (Pipeline/ImportOptions.swift).
    public func importFile(path: String, kind: ImportKind?, mapping: ImportMapping? = nil,
                           options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let started = DispatchTime.now()
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw VetdeskError.io("cannot read \(path)")
        }
        let pipeline = ImportPipeline(options: options, file: path, path: path)
        do {
            let report = try importFile(path: path, kind: kind, mapping: mapping, pipeline: pipeline, started: started)
            try pipeline.finish()
            return report
        } catch {
            pipeline.failed()
            throw error
        }
    }

    private func importFile(path: String, kind: ImportKind?, mapping: ImportMapping?, pipeline: ImportPipeline,
                            started: DispatchTime) throws
        -> ImportReport {
        // Hashed on another thread while the file is imported: reading and hashing a 5M-row file
        // (1.6 GB) first took ~2 s before the first row (issue 13, session 7).
        let hashing = Awaited<String> { try Self.sha256(path: path) }
        let source = pipeline.wrap(try ImportSource.open(path: path, displayName: path, kind: kind, mapping: mapping))
        var logins: (() throws -> LoginRecord?)? = nil
        if case .identityProvider(_, let signIns) = source {
            logins = pipeline.logins(source: signIns, SignInMappers.records(signIns))
        } else if case .flat(let reader) = source, reader.kind == .logins {
            logins = pipeline.canonicalLogins(reader)
        }
        var transfers: (() throws -> TransferRecord?)? = nil
        if case .transfers(_, let audit) = source { transfers = pipeline.transfers(source: audit) }
        if pipeline.options.dryRun, let logins { // no write, no lock: see docs/import-pipeline.md
            return try pipeline.dryRun(logins, kind: source.kind, digest: hashing.get(), started: started)
        }
        if pipeline.options.dryRun, let transfers {
            return try pipeline.dryRun(transfers, kind: source.kind, digest: hashing.get(), started: started)
        }
        var transferSummary = TransferImportSummary()
        let now = clock()
        var counts = ImportCounts()
        // Logins commit in short chunks and publish at the end; the other kinds in one transaction
        // (ImportSession, docs/imports-and-locking.md). A dry run of a flat kind rolls its transaction back.
        try pipeline.write { try ImportSession.run(store: store, fileName: path, kind: source.kind.rawValue, now: now, pacing: pacing) { session in
            let writer = ImportWriter(db: session.db, now: now, checkpoint: session.checkpoint)
            switch source {
            case .flat(let reader):
                switch reader.kind {
                case .candidates: try CandidateImport(writer: writer).run(reader, counts: &counts)
                case .identityChecks, .interviews, .endpoint:
                    try ActivityImport(writer: writer).run(kind: reader.kind, reader, counts: &counts)
                case .payments: try PaymentImport(writer: writer).run(reader, counts: &counts)
                case .invoices: try PaymentRequestImport(writer: writer).run(reader, counts: &counts)
                case .watchlist: try WatchlistImport(writer: writer).run(reader, counts: &counts)
                case .logins:
                    if let batches = pipeline.canonicalLoginBatches(reader) {
                        try LoginImport(writer: writer, intel: intel).run(batches: batches, counts: &counts)
                    } else {
                        try LoginImport(writer: writer, intel: intel).run(next: logins!, counts: &counts)
                    }
                case .okta, .entra, .google, .githubAudit, .gitlabAudit, .googleDrive, .m365Audit, .gitCommits:
                    preconditionFailure("identity-provider logs are read as JSON")
                }
                if !reader.kind.isLogin { counts.skippedDuplicates = counts.records - counts.inserted - pipeline.budget.rejectedCounted }
            case .identityProvider:
                try LoginImport(writer: writer, intel: intel).run(next: logins!, counts: &counts)
            case .transfers:
                try TransferImport(writer: writer, intel: intel).run(next: transfers!, counts: &counts, summary: &transferSummary)
            }
            try writer.logImport(fileName: path, sha256: hashing.get(), kind: source.kind, records: counts.records,
                                 inserted: counts.inserted)
            try pipeline.endOfWrite()
        } }
        var report = pipeline.report(kind: source.kind, digest: try hashing.get(), counts: counts, started: started)
        if source.kind.isTransfer { report.transfers = transferSummary }
        return report
    }

    static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw VetdeskError.io("cannot read \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// An opened input file: flat records (CSV or NDJSON of Vetdesk's columns) or
/// identity-provider JSON.
enum ImportSource {
    case flat(FlatRecordReader)
    case identityProvider(ImportKind, SignInSource)
    /// After-hire audit logs: GitHub, GitLab, Google Drive, Microsoft 365 (Import/Transfers/).
    case transfers(ImportKind, TransferFileSource)

    var kind: ImportKind {
        switch self {
        case .flat(let r): r.kind
        case .identityProvider(let k, _): k
        case .transfers(let k, _): k
        }
    }

    static func open(path: String, displayName: String, kind: ImportKind?, mapping: ImportMapping? = nil) throws -> ImportSource {
        if let mapping { return .flat(try MappedRecordReader(path: path, displayName: displayName, mapping: mapping, kind: kind)) }
        if kind == .gitCommits { throw VetdeskError.io("git repositories are read by `vetdesk import-git PATH`") }
        guard try looksLikeJSON(path: path) else {
            if let audit = try TransferFileSource.csv(path: path, displayName: displayName, requested: kind) {
                return .transfers(audit.kind, audit)
            }
            if let signIns = try SignInSource.csv(path: path, displayName: displayName, requested: kind) {
                return .identityProvider(signIns.kind, signIns)
            }
            return .flat(try CSVRecordReader(path: path, displayName: displayName, kind: kind))
        }
        let json = try JSONRecordReader(path: path, displayName: displayName)
        let audit: ImportKind? = if let kind { TransferShape.kinds.contains(kind) ? kind : nil }
            else { json.first.flatMap { TransferShape.detect(object: $0.object) } }
        if let audit {
            return .transfers(audit, TransferFileSource(kind: audit, json: json, file: displayName))
        }
        let detected = kind ?? json.first.flatMap { identityProvider(of: $0.object) }
        if let detected, detected.schema == nil { // okta, entra, google
            return .identityProvider(detected, SignInSource(kind: detected, json: json, file: displayName))
        }
        return .flat(try NDJSONRecordReader(json: json, displayName: displayName, kind: detected))
    }

    /// Which identity provider a log record comes from, by the fields only it has (SignInShape).
    static func identityProvider(of object: [String: Any]) -> ImportKind? { SignInShape.detect(object: object) }

    /// JSON when the first non-blank byte opens an array or an object.
    private static func looksLikeJSON(path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw VetdeskError.io("cannot read \(path)") }
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 4096) ?? Data()
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return false }
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
    }
}
