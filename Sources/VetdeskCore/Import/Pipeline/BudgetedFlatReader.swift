import GRDB

extension FlatRecordReader {
    var canContinueAfterError: Bool { false }
    var lastRecordText: String? { nil }
    var bytesRead: Int { 0 }
}

/// A flat reader under an error budget: a record the reader itself rejects (wrong field count, bad
/// JSON line, unknown column) is counted and skipped while the budget lasts. Records whose values
/// the import rejects are handled by `forEachRecord`.
final class BudgetedFlatReader: FlatRecordReader {
    let inner: FlatRecordReader
    let budget: RejectBudget
    let counter: ProgressCounter
    let sample: ImportSample

    init(_ inner: FlatRecordReader, budget: RejectBudget, counter: ProgressCounter, sample: ImportSample) {
        self.inner = inner
        self.budget = budget
        self.counter = counter
        self.sample = sample
        if budget.allowsErrors { (inner as? NDJSONRecordReader)?.keepRecordText() }
    }

    var kind: ImportKind { inner.kind }
    var canContinueAfterError: Bool { inner.canContinueAfterError }
    var lastRecordText: String? { inner.lastRecordText }
    var bytesRead: Int { inner.bytesRead }

    func next() throws -> FlatRecord? {
        while true {
            do {
                let r = try inner.next()
                if r != nil { counter.record() } else { counter.publish() }
                return r
            } catch let e as VetdeskError where budget.allowsErrors && inner.canContinueAfterError {
                counter.record()
                try budget.reject(e, raw: inner.lastRecordText)
                counter.rejected(budget.rejected)
            }
        }
    }

    /// The raw text of a record for the rejects file: the NDJSON line, else the CSV row re-quoted.
    func rawText(_ r: FlatRecord) -> String {
        if r.location.hasPrefix("line"), inner is NDJSONRecordReader, let t = inner.lastRecordText { return t }
        return FlatRecord.csvLine(r.values)
    }
}

extension FlatRecordReader {
    /// Runs `body` for each record. Under an error budget each record is its own savepoint: a
    /// record whose values are rejected leaves no partial write and goes to the rejects file.
    func forEachRecord(_ db: Database, _ body: (FlatRecord) throws -> Void) throws {
        guard let budgeted = self as? BudgetedFlatReader else {
            while let r = try next() { try body(r) }
            return
        }
        while let r = try next() {
            guard budgeted.budget.allowsErrors else {
                try body(r)
                budgeted.sample.add(r)
                continue
            }
            try db.execute(sql: "SAVEPOINT vetdesk_record")
            do {
                try body(r)
                try db.execute(sql: "RELEASE vetdesk_record")
                budgeted.sample.add(r)
            } catch let e as VetdeskError {
                try db.execute(sql: "ROLLBACK TO vetdesk_record; RELEASE vetdesk_record")
                try budgeted.budget.reject(e, raw: budgeted.rawText(r), countedByImport: true)
                budgeted.counter.rejected(budgeted.budget.rejected)
            }
        }
    }
}

extension FlatRecord {
    /// Fields as one RFC 4180 line.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",")
    }
}
