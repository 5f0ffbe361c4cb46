import GRDB

/// The after-hire activity part of an access request: every transfer event stored for the person
/// (JSON, all of them) and a summary with the latest events (Markdown).
enum SubjectAccessTransfers {
    static let columns = ["source", "source_id", "actor", "occurred_at", "occurred_ms", "utc_offset_minutes", "ip", "action",
                          "vendor_action", "object", "object_kind", "object_title", "bytes", "lines_changed", "user_agent",
                          "token_hash", "programmatic_access", "detail"]

    static func rows(_ db: Database, candidateId: String) throws -> [Row] {
        try Row.fetchAll(db, sql: """
            SELECT \(columns.joined(separator: ", ")) FROM transfer_event WHERE candidate_id = ? ORDER BY occurred_at, id
            """, arguments: [candidateId])
    }

    /// `"transfer_events": [...]`, one object per event (absent values left out), strings through JSONText.
    static func json(_ rows: [Row]) -> String {
        var out = "["
        for (i, row) in rows.enumerated() {
            out += i == 0 ? "\n    {" : ",\n    {"
            var first = true
            for (j, name) in columns.enumerated() {
                let value = row[j] as DatabaseValue
                if value.isNull { continue }
                out += first ? "" : ", "
                first = false
                JSONText.quote(name, into: &out)
                out += ": "
                if let n = Int64.fromDatabaseValue(value), name != "source_id" && name != "actor" && name != "object" {
                    out += "\(n)"
                } else {
                    JSONText.quote(String.fromDatabaseValue(value) ?? "", into: &out)
                }
            }
            out += "}"
        }
        return out + (rows.isEmpty ? "]" : "\n  ]")
    }

    static func markdown(_ rows: [Row], shown: Int = 200) -> String {
        var md = "\n## Activity after hire (code hosting, drives, repositories)\n\n"
        guard !rows.isEmpty else { return md + "None.\n" }
        var byAction: [String: Int] = [:]
        for r in rows { byAction[r["action"] as String, default: 0] += 1 }
        md += "\(rows.count) event(s): " + byAction.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        md += rows.count > shown ? ". The latest \(shown) are listed; the JSON file lists all.\n\n" : ".\n\n"
        md += "| When (UTC) | Source | Action | Object | IP |\n|---|---|---|---|---|\n"
        for r in rows.suffix(shown) {
            let object = (r["object_title"] as String?) ?? (r["object"] as String?)
            md += "| \(Time.iso(r["occurred_at"] as Int64)) | \(MarkdownText.inline(r["source"] as String?)) | "
                + "\(MarkdownText.inline(r["vendor_action"] as String?)) | \(MarkdownText.inline(object)) | "
                + "\(MarkdownText.inline(r["ip"] as String?)) |\n"
        }
        return md
    }
}
