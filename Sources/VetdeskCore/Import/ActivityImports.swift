import GRDB

/// identity-checks, interviews and endpoint observations: rows about a known candidate,
/// keyed by the source's record id.
struct ActivityImport {
    let writer: ImportWriter

    func run(kind: ImportKind, _ reader: FlatRecordReader, counts: inout ImportCounts) throws {
        let known = try writer.candidateIds()
        var changed = Set<String>()
        try reader.forEachRecord(writer.db) { r in
            counts.records += 1
            let (table, candidate, row) = try self.row(kind, r, known: known)
            if try writer.upsert(table: table, key: ["id"], row: row) {
                counts.inserted += 1
                changed.insert(candidate)
            }
        }
        try writer.markDirty(changed.sorted())
    }

    private func row(_ kind: ImportKind, _ r: FlatRecord, known: Set<String>) throws
        -> (String, String, [(String, DatabaseValueConvertible?)]) {
        switch kind {
        case .identityChecks:
            let candidate = try r.candidate("candidate_id", known: known)
            return ("identity_check", candidate, [
                ("id", try r.required("check_id")), ("candidate_id", candidate),
                ("checked_at", try r.requiredTimestamp("checked_at")), ("provider", r.text("provider")),
                ("document_type", r.text("document_type")), ("document_country", try r.country("document_country")),
                ("result", try r.requiredChoice("result", ["passed", "failed", "review"])),
                ("face_match", try r.bool("face_match")),
                ("manipulation_flagged", try r.bool("manipulation_flagged") ?? false),
                ("name_on_document", r.text("name_on_document")),
            ])
        case .interviews:
            let candidate = try r.candidate("candidate_id", known: known)
            return ("interview", candidate, [
                ("id", try r.required("interview_id")), ("candidate_id", candidate),
                ("scheduled_at", try r.requiredTimestamp("scheduled_at")),
                ("kind", try r.choice("kind", ["video", "phone", "onsite"])),
                ("outcome", try r.requiredChoice("outcome", ["held", "refused", "rescheduled", "no_show"])),
                ("camera", try r.choice("camera", ["on", "off", "refused", "broken"])),
                ("interviewer", r.text("interviewer")), ("notes", r.text("notes")),
            ])
        case .endpoint:
            let candidate = try r.candidate("candidate_id", known: known)
            return ("endpoint_observation", candidate, [
                ("id", try r.required("observation_id")), ("candidate_id", candidate),
                ("observed_at", try r.requiredTimestamp("observed_at")), ("device_id", r.text("device_id")),
                ("kind", try r.requiredChoice("kind", ["software", "usb"])), ("name", try r.required("name")),
                ("vendor_id", r.text("vendor_id")), ("product_id", r.text("product_id")),
                ("approved", try r.bool("approved") ?? false),
            ])
        default:
            preconditionFailure("ActivityImport does not handle \(kind.rawValue)")
        }
    }
}
