import GRDB

/// invoices: invoices and payment requests (accounts payable, contractor platforms), each with the
/// work period or milestone it bills, so `prepayment_pressure` can tell an advance from an invoice.
struct PaymentRequestImport {
    let writer: ImportWriter

    static let kinds = ["invoice", "advance"]
    static let statuses = ["submitted", "approved", "paid", "rejected", "cancelled"]

    func run(_ reader: FlatRecordReader, counts: inout ImportCounts) throws {
        let known = try writer.candidateIds()
        var changed = Set<String>()
        try reader.forEachRecord(writer.db) { r in
            counts.records += 1
            let candidate = try r.candidate("candidate_id", known: known)
            let start = try r.timestamp("period_start"), end = try r.timestamp("period_end")
            if let start, let end, end < start { throw r.fail("period_end", "the period ends before it starts") }
            let row: [(String, DatabaseValueConvertible?)] = [
                ("id", try r.required("request_id")), ("candidate_id", candidate),
                ("requested_at", try r.requiredTimestamp("requested_at")),
                ("kind", try r.choice("kind", Self.kinds)),
                ("amount", try r.optionalDecimal("amount")),
                ("currency", try r.currency("currency")),
                ("period_start", start), ("period_end", end),
                ("milestone", r.text("milestone")), ("milestone_due_at", try r.timestamp("milestone_due_at")),
                ("due_at", try r.timestamp("due_at")),
                ("status", try r.choice("status", Self.statuses)),
            ]
            if try writer.upsert(table: "payment_request", key: ["id"], row: row) {
                counts.inserted += 1
                changed.insert(candidate)
            }
        }
        try writer.markDirty(changed.sorted())
    }
}

extension FlatRecord {
    /// `decimal` for a column that may be empty.
    func optionalDecimal(_ name: String) throws -> String? {
        text(name) == nil ? nil : try decimal(name)
    }
}
