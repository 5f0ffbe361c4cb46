import Foundation

/// Case exports: Markdown reports for people, JSON and CSV for tools and spreadsheets, STIX 2.1 and MISP
/// for threat-intel platforms. Only the selected cases are read; files are written owner-only (0600).
public struct Exporter: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case markdown = "md", json, csv, stix, misp
        public var fileExtension: String {
            switch self {
            case .markdown: "md"
            case .json: "json"
            case .csv: "csv"
            case .stix: "stix.json"
            case .misp: "misp.json"
            }
        }
    }

    public enum Selection: Sendable, Equatable {
        case cases([String])
        case status(CaseStatus)
    }

    public let store: Store
    /// The exporting organisation, named in STIX identities and MISP Orgc.
    public let organisation: String
    /// Marking and personal-data policy (docs/export-schema.md).
    public let options: ExportOptions
    /// Who exports: recorded with every file written (export_log), so an access request can list them.
    public let analyst: String
    let clock: @Sendable () -> Int64

    public init(store: Store, organisation: String = "Vetdesk", options: ExportOptions = ExportOptions(),
                analyst: String = AnalystName.current(), clock: @escaping @Sendable () -> Int64 = { Time.now() }) {
        self.store = store
        self.organisation = organisation
        self.options = options
        self.analyst = analyst
        self.clock = clock
    }

    /// Reads the selected cases in one snapshot. Unknown ids are an error, not silently skipped.
    public func load(_ selection: Selection) throws -> [ExportCase] {
        try store.pool.read { db in
            let ids: [String]
            switch selection {
            case let .cases(list): ids = list.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            case let .status(status): ids = try ExportStore.candidateIds(db, status: status)
            }
            let cases = try ids.map { id in
                guard let c = try ExportStore.load(db, candidateId: id) else {
                    throw VetdeskError.notFound("no candidate with id '\(id)'")
                }
                return c
            }
            let outsiders = ExportRedaction.outsiders(cases)
            return ExportRedaction.apply(cases, outsiderNames: try ExportStore.fullNames(db, ids: Array(outsiders)))
        }
    }

    public func render(_ format: Format, _ cases: [ExportCase]) throws -> String {
        let now = clock()
        switch format {
        case .markdown: return MarkdownReport.render(cases, exportedAt: now, tlp: options.tlp)
        case .json: return try CaseJSON.render(cases, exportedAt: now, tlp: options.tlp)
        case .csv: return CaseCSV.render(cases)
        case .stix: return STIXBundle(organisation: organisation, options: options).render(cases, exportedAt: now)
        case .misp: return MISPEventBuilder(organisation: organisation, options: options).render(cases, exportedAt: now)
        }
    }

    /// Renders and writes one file; returns how many cases it holds.
    @discardableResult
    public func export(_ selection: Selection, format: Format, to path: String) throws -> Int {
        let cases = try load(selection)
        guard !cases.isEmpty else { throw VetdeskError.notFound("no cases match the selection; nothing exported") }
        try OwnerOnlyFile.write(try render(format, cases), to: path)
        try logExport(format: format, path: path, candidateIds: cases.map(\.candidate.id))
        return cases.count
    }

    /// Writes text rendered elsewhere (a ring report) owner-only, and logs it like any export.
    public func write(_ text: String, to path: String, candidateIds: [String]) throws {
        try OwnerOnlyFile.write(text, to: path)
        try logExport(format: .markdown, path: path, candidateIds: candidateIds)
    }

    /// Records that these people's data left the store, in what format, marking and by whom.
    public func logExport(format: Format, path: String, candidateIds: [String]) throws {
        let personal = format == .markdown || format == .json || format == .csv || options.includePersonalData
        try store.pool.write { db in
            try ExportLogStore.record(db, at: clock(), analyst: analyst, format: format.rawValue, path: path,
                                      tlp: options.tlp.label, personalData: personal, candidateIds: candidateIds)
        }
    }
}

/// Writes through a 0600 temporary file renamed into place: never world-readable, never half-written,
/// and an existing file with looser permissions is replaced rather than reused.
enum OwnerOnlyFile {
    static func write(_ text: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else { throw VetdeskError.io("cannot create \(tmp): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                let message = String(cString: strerror(errno))
                close(fd); unlink(tmp)
                throw VetdeskError.io("cannot write \(path): \(message)")
            }
            written += n
        }
        fchmod(fd, 0o600)
        fsync(fd)
        close(fd)
        guard rename(tmp, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(tmp)
            throw VetdeskError.io("cannot write \(path): \(message)")
        }
    }
}
