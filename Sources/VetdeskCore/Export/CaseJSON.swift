import Foundation

/// The JSON export: `{"schema_version": 1, "generator", "exported_at", "cases": [...]}` with snake_case keys.
/// The schema is documented in docs/export-schema.md; bump `schemaVersion` on any incompatible change.
enum CaseJSON {
    static let schemaVersion = 1

    struct Document: Encodable {
        var schemaVersion: Int
        var generator: String
        var exportedAt: String
        var tlp: String
        var cases: [ExportCase]
        /// Per case id, the analyst's attribution in force (absent: none).
        var attributions: [String: CaseAttribution]
    }

    static func render(_ cases: [ExportCase], exportedAt: Int64, tlp: TLPLevel = .amberStrict) throws -> String {
        let encoder = JSONEncoder()
        // Same spelling as the store's columns (payoutChanges90d -> payout_changes_90d).
        encoder.keyEncodingStrategy = .custom { path in ColumnKey(stringValue: ColumnKey.snake(path.last!.stringValue)) }
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let doc = Document(schemaVersion: schemaVersion, generator: "vetdesk", exportedAt: Time.iso(exportedAt),
                           tlp: tlp.label, cases: cases,
                           attributions: Dictionary(uniqueKeysWithValues: cases.compactMap { c in
                               c.attribution.map { (c.candidate.id, $0) } }))
        // JSONEncoder leaves C1 and bidi controls raw: escaped so `cat export.json` cannot replay them.
        return JSONSafeText.escapingUnsafe(String(decoding: try encoder.encode(doc), as: UTF8.self)) + "\n"
    }
}
