import Foundation

/// The import pipeline's part for audit files (error budget, progress, dry run), beside its
/// sign-in part (ImportPipeline.logins).
extension ImportPipeline {
    /// Records read and mapped by `source`; one that fails is rejected while the budget lasts
    /// (a structural error in the file never is).
    func transfers(source: TransferFileSource) -> () throws -> TransferRecord? {
        transfers(next: source.next, canContinue: { source.canContinue }, lastText: { source.lastRecordText })
    }

    func transfers(next: @escaping () throws -> TransferRecord?, canContinue: @escaping () -> Bool,
                   lastText: @escaping () -> String?) -> () throws -> TransferRecord? {
        { [budget, counter, sample] in
            while true {
                do {
                    guard let record = try next() else { counter.publish(); return nil }
                    switch record {
                    case .event(let e):
                        counter.record()
                        sample.add(row: Self.sampleRow(e))
                    case .skipped:
                        counter.record(skipped: true)
                    }
                    return record
                } catch let e as VetdeskError where budget.allowsErrors && canContinue() {
                    counter.record()
                    try budget.reject(e, raw: lastText())
                    counter.rejected(budget.rejected)
                }
            }
        }
    }

    static func sampleRow(_ e: TransferEvent) -> [String: String] {
        var row: [String: String] = ["source": e.source.rawValue, "actor": e.actor, "action": e.action.rawValue,
                                     "vendor_action": e.vendorAction,
                                     "occurred_at": Time.iso(e.occurredAt) + (e.millisecondPart.map { " +\($0) ms" } ?? "")]
        row["ip"] = e.ip
        row["object"] = e.object
        row["object_title"] = e.objectTitle
        row["source_id"] = e.sourceId
        row["utc_offset_minutes"] = e.utcOffsetMinutes.map(String.init)
        row["lines_changed"] = e.linesChanged.map(String.init)
        return row
    }
}
