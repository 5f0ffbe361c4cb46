import Foundation
import GRDB

/// What Importer threads through one file besides the store: the error budget and rejects file,
/// progress counts, and a dry run's sample. Importer calls it in a few lines; the logic lives here.
final class ImportPipeline {
    let options: ImportOptions
    let file: String
    let budget: RejectBudget
    let sample: ImportSample
    var counter: ProgressCounter
    private var bytes: () -> Int = { 0 }

    init(options: ImportOptions, file: String, path: String) {
        self.options = options
        self.file = file
        budget = RejectBudget(options: options, file: file)
        sample = ImportSample(limit: options.dryRun ? options.sampleRows : 0)
        counter = ProgressCounter(nil, bytes: { 0 })
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        options.progress?.update { $0 = .init(file: file, fileSize: size ?? 0, phase: "hashing") }
    }

    /// Wraps the opened source: flat readers get the budget; progress reads the source's position.
    func wrap(_ source: ImportSource) -> ImportSource {
        switch source {
        case .flat(let reader):
            counter = ProgressCounter(options.progress) { reader.bytesRead }
            counter.publish(phase: "reading")
            return .flat(BudgetedFlatReader(reader, budget: budget, counter: counter, sample: sample))
        case .identityProvider(_, let signIns):
            counter = ProgressCounter(options.progress) { signIns.bytesRead }
            counter.publish(phase: "reading")
            if budget.allowsErrors { signIns.json?.keepsRecordText = true }
            return source
        case .transfers(_, let audit):
            counter = ProgressCounter(options.progress) { audit.bytesRead }
            counter.publish(phase: "reading")
            if budget.allowsErrors { audit.json?.keepsRecordText = true }
            return source
        }
    }

    /// Identity-provider records read and mapped by `next`; a record that fails either step is
    /// rejected while the budget lasts (a structural error in the file never is).
    func logins(source: SignInSource, _ next: @escaping () throws -> LoginRecord?) -> () throws -> LoginRecord? {
        { [budget, counter, sample] in
            while true {
                do {
                    guard let record = try next() else { counter.publish(); return nil }
                    Self.count(record, counter: counter, sample: sample)
                    return record
                } catch let e as VetdeskError where budget.allowsErrors && source.canContinue {
                    counter.record()
                    try budget.reject(e, raw: source.lastRecordText)
                    counter.rejected(budget.rejected)
                }
            }
        }
    }

    /// Vetdesk's own login columns (CSV, NDJSON), mapped; a record that fails is rejected within the budget.
    func canonicalLogins(_ reader: FlatRecordReader) -> () throws -> LoginRecord? {
        let mapper = CanonicalLoginMapper()
        let budgeted = reader as? BudgetedFlatReader
        return { [budget, counter, sample] in
            while let r = try reader.next() {
                do {
                    let record = try mapper.map(r)
                    Self.count(record, counter: nil, sample: sample)
                    return record
                } catch let e as VetdeskError where budget.allowsErrors {
                    try budget.reject(e, raw: budgeted?.rawText(r) ?? FlatRecord.csvLine(r.values))
                    counter.rejected(budget.rejected)
                }
            }
            return nil
        }
    }

    /// Vetdesk's own sign-in CSV read straight into batches (CanonicalLoginBatchReader), when no record
    /// may be rejected (no error budget) and nothing is sampled (no dry run); nil otherwise.
    func canonicalLoginBatches(_ reader: FlatRecordReader) -> ((Int) throws -> LoginBatch?)? {
        guard !options.dryRun, !budget.allowsErrors, let budgeted = reader as? BudgetedFlatReader,
              let csv = budgeted.inner as? CSVRecordReader, csv.kind == .logins else { return nil }
        let fast = CanonicalLoginBatchReader(csv, counter: budgeted.counter)
        return { try fast.next(size: $0) }
    }

    private static func count(_ record: LoginRecord, counter: ProgressCounter?, sample: ImportSample) {
        switch record {
        case .event(let e):
            counter?.record()
            sample.add(e)
        case .skipped:
            counter?.record(skipped: true)
        }
    }

    /// The file's write transaction; a dry run's is rolled back at the end (flat kinds only: a
    /// login file's dry run never writes, see `dryRun`).
    /// Runs the import's write (ImportSession); a dry run ends it with `endOfWrite()`, which rolls it back.
    func write(_ body: () throws -> Void) throws {
        counter.publish(phase: "reading")
        do {
            try body()
        } catch is DryRunRollback {}
    }

    /// Last step inside the write: a dry run throws here so nothing it wrote is committed.
    func endOfWrite() throws {
        if options.dryRun { throw DryRunRollback() }
    }

    private struct DryRunRollback: Error {}

    /// A dry run of a streamed file (sign-ins, audit logs): every record read and mapped, nothing
    /// written and no lock taken.
    func dryRun<R: SkippableRecord>(_ next: () throws -> R?, kind: ImportKind, digest: String, started: DispatchTime) throws
        -> ImportReport {
        var counts = ImportCounts()
        while let record = try next() {
            counts.records += 1
            if let reason = record.skipReason { counts.skipped[reason, default: 0] += 1 } else { counts.inserted += 1 }
        }
        return report(kind: kind, digest: digest, counts: counts, started: started)
    }

    /// The report of the file, with what the pipeline knows (rejects, sample, problems).
    func report(kind: ImportKind, digest: String, counts: ImportCounts, started: DispatchTime) -> ImportReport {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        var report = ImportReport(file: file, kind: kind, sha256: digest, records: counts.records + budget.rejectedUnseen,
                                  inserted: counts.inserted, skippedDuplicates: counts.skippedDuplicates, ignored: counts.ignored,
                                  skippedByReason: Dictionary(uniqueKeysWithValues: counts.skipped.map { ($0.key.rawValue, $0.value) }),
                                  seconds: seconds)
        report.rejected = budget.rejected
        report.rejectsFile = budget.writer?.path
        if options.dryRun {
            report.dryRun = true
            report.sample = sample.rows
            report.problems = budget.problems
        }
        return report
    }

    /// Called once the file is stored (or a dry run is over): the rejects file is complete.
    func finish() throws {
        counter.publish(phase: "done")
        try budget.finish()
    }

    /// The file failed: nothing of it was stored, so no rejects file either.
    func failed() { budget.discard() }
}

extension ImportSource {
    var loginRecordsAreFlat: Bool { if case .flat(let r) = self { r.kind == .logins } else { false } }
}
