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
    private let clock: @Sendable () -> Int64
    /// How login imports share the write lock with analysts.
    public var pacing = ImportPacing.standard

    public init(store: Store, intel: IPIntelligence, clock: @escaping @Sendable () -> Int64 = Time.now) {
        self.store = store
        self.intel = intel
        self.clock = clock
    }

    /// Imports one file; `kind` nil detects it from the CSV header or the first JSON record.
    public func importFile(path: String, kind: ImportKind?) throws -> ImportReport {
        let started = DispatchTime.now()
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw VetdeskError.io("cannot read \(path)")
        }
        let digest = try Self.sha256(path: path)
        let source = try ImportSource.open(path: path, displayName: path, kind: kind)
        let now = clock()
        var counts = ImportCounts()
        // Logins commit in short chunks and publish at the end; the other kinds in one transaction
        // (ImportSession, docs/imports-and-locking.md).
        try ImportSession.run(store: store, fileName: path, kind: source.kind.rawValue, now: now, pacing: pacing) { session in
            let writer = ImportWriter(db: session.db, now: now, checkpoint: session.checkpoint)
            switch source {
            case .flat(let reader):
                switch reader.kind {
                case .candidates: try CandidateImport(writer: writer).run(reader, counts: &counts)
                case .identityChecks, .interviews, .endpoint:
                    try ActivityImport(writer: writer).run(kind: reader.kind, reader, counts: &counts)
                case .payments: try PaymentImport(writer: writer).run(reader, counts: &counts)
                case .watchlist: try WatchlistImport(writer: writer).run(reader, counts: &counts)
                case .logins:
                    let mapper = CanonicalLoginMapper()
                    try LoginImport(writer: writer, intel: intel).run(next: {
                        try reader.next().map(mapper.map)
                    }, counts: &counts)
                case .okta, .entra, .google:
                    preconditionFailure("identity-provider logs are read as JSON")
                }
                if !reader.kind.isLogin { counts.skippedDuplicates = counts.records - counts.inserted }
            case .identityProvider(let kind, let json):
                let next = Self.identityProviderMapper(kind, json: json, file: path)
                try LoginImport(writer: writer, intel: intel).run(next: { try next() }, counts: &counts)
            }
            try writer.logImport(fileName: path, sha256: digest, kind: source.kind, records: counts.records,
                                 inserted: counts.inserted)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return ImportReport(file: path, kind: source.kind, sha256: digest, records: counts.records,
                            inserted: counts.inserted, skippedDuplicates: counts.skippedDuplicates,
                            ignored: counts.ignored,
                            skippedByReason: Dictionary(uniqueKeysWithValues: counts.skipped.map { ($0.key.rawValue, $0.value) }),
                            seconds: seconds)
    }

    private static func identityProviderMapper(_ kind: ImportKind, json: JSONRecordReader, file: String)
        -> () throws -> LoginRecord? {
        var okta = OktaLogMapper(), entra = EntraLogMapper(), google = GoogleLogMapper()
        return {
            guard let (object, location) = try json.next() else { return nil }
            let view = JSONRecordView(object: object, file: file, location: location)
            switch kind {
            case .okta: return try okta.map(view)
            case .entra: return try entra.map(view)
            default: return try google.map(view)
            }
        }
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
    case identityProvider(ImportKind, JSONRecordReader)

    var kind: ImportKind {
        switch self {
        case .flat(let r): r.kind
        case .identityProvider(let k, _): k
        }
    }

    static func open(path: String, displayName: String, kind: ImportKind?) throws -> ImportSource {
        guard try looksLikeJSON(path: path) else {
            return .flat(try CSVRecordReader(path: path, displayName: displayName, kind: kind))
        }
        let json = try JSONRecordReader(path: path, displayName: displayName)
        let detected = kind ?? json.first.flatMap { identityProvider(of: $0.object) }
        if let detected, detected.schema == nil { // okta, entra, google
            return .identityProvider(detected, json)
        }
        return .flat(try NDJSONRecordReader(json: json, displayName: displayName, kind: detected))
    }

    /// Which identity provider a log record comes from, by the fields only it has.
    static func identityProvider(of object: [String: Any]) -> ImportKind? {
        if object["eventType"] != nil && object["published"] != nil { return .okta }
        if object["userPrincipalName"] != nil && object["createdDateTime"] != nil { return .entra }
        if let id = object["id"] as? [String: Any], id["uniqueQualifier"] != nil || id["applicationName"] != nil {
            return .google
        }
        return nil
    }

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
