import Foundation

/// The error budget of one file (`--max-errors N`): a malformed record is rejected (written with its
/// reason to the rejects file) while at most N are; one more fails the file as before. With N = 0 the
/// first malformed record fails the file. A dry run keeps every problem instead.
final class RejectBudget {
    let maxErrors: Int
    private let file: String
    private let rejectsPath: String?
    private let dryRun: Bool
    private(set) var rejected = 0
    /// Rejected before the import counted them as records (bad JSON, a mapping error).
    private(set) var rejectedUnseen = 0
    var rejectedCounted: Int { rejected - rejectedUnseen }
    private(set) var writer: RejectsWriter?
    /// Every problem, for a dry run (bounded: the count goes on).
    private(set) var problems: [String] = []
    static let maxProblemsListed = 10_000

    init(options: ImportOptions, file: String) {
        maxErrors = options.dryRun ? Int.max : max(0, options.maxErrors)
        self.file = file
        rejectsPath = options.rejectsPath
        dryRun = options.dryRun
    }

    /// Whether bad records may be skipped at all (else the caller just lets errors through).
    var allowsErrors: Bool { maxErrors > 0 }

    /// Counts a rejected record, or rethrows its error when the budget is spent.
    func reject(_ error: VetdeskError, raw: String?, countedByImport: Bool = false) throws {
        guard rejected < maxErrors else {
            if maxErrors == 0 { throw error }
            throw VetdeskError.malformed(file: file, location: error.location ?? "", field: error.field,
                                         message: "\(error.message ?? "\(error)") (more than \(maxErrors) malformed record(s): --max-errors)")
        }
        rejected += 1
        if !countedByImport { rejectedUnseen += 1 }
        if dryRun {
            if problems.count < Self.maxProblemsListed { problems.append(Sanitize.forDisplay(error.description)) }
            return
        }
        if writer == nil { writer = try RejectsWriter(path: rejectsPath, importedFile: file) }
        try writer?.write(error, raw: raw)
    }

    /// The file failed: its rejects file would describe an import that did not happen.
    func discard() {
        writer?.remove()
        writer = nil
    }

    func finish() throws { try writer?.close() }
}

extension VetdeskError {
    var location: String? { if case let .malformed(_, l, _, _) = self { l } else { nil } }
    var field: String? { if case let .malformed(_, _, f, _) = self { f } else { nil } }
    var message: String? { if case let .malformed(_, _, _, m) = self { m } else { nil } }
}
