import Foundation
import GRDB

/// An access request (GDPR art. 15): everything stored about one person, as JSON for tools and Markdown
/// for the person — declared data, sign-ins (summarised per IP, country and device), payments, flags with
/// evidence and weights, decisions and notes, and every export that included them.
public struct SubjectAccess: Sendable {
    public let store: Store
    let clock: @Sendable () -> Int64

    public init(store: Store, clock: @escaping @Sendable () -> Int64 = { Time.now() }) {
        self.store = store
        self.clock = clock
    }

    public struct Written: Sendable, Equatable {
        public var json: String
        public var markdown: String
    }

    /// Writes `<dir>/<id>.json` and `<dir>/<id>.md` (0600; the folder is created 0700).
    public func write(candidateId: String, to dir: String) throws -> Written {
        // The full internal field set; the access request itself is not an intel export.
        let exporter = Exporter(store: store, options: ExportOptions(tlp: .red, includePersonalData: true), clock: clock)
        let cases = try exporter.load(.cases([candidateId]))
        let exports = try store.pool.read { db in try ExportLogStore.entries(db, candidateId: candidateId) }
        let erasures = try store.pool.read { db -> Int in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM erasure WHERE candidate_id = ?", arguments: [candidateId]) ?? 0
        }
        let transfers = try store.pool.read { db in try SubjectAccessTransfers.rows(db, candidateId: candidateId) }
        if mkdir(dir, 0o700) != 0 && errno != EEXIST {
            throw VetdeskError.io("cannot create \(Sanitize.forDisplay(dir)): \(String(cString: strerror(errno)))")
        }
        let base = dir + "/" + Self.fileSafe(candidateId)

        var json = try exporter.render(.json, cases)
        // Append the export log as one more top-level key, keeping the documented case schema as it is.
        if let brace = json.lastIndex(of: "}") {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let log = String(decoding: try encoder.encode(exports), as: UTF8.self)
            json = String(json[..<brace]).trimmingCharacters(in: .whitespacesAndNewlines)
                + ",\n  \"exports_including_subject\" : " + log.replacingOccurrences(of: "\n", with: "\n  ")
                + ",\n  \"transfer_events\" : " + SubjectAccessTransfers.json(transfers) + "\n}\n"
        }
        var md = "# What Vetdesk holds about \(MarkdownText.inline(cases[0].candidate.fullName))\n\n"
        md += "Prepared \(Time.iso(clock())) in answer to an access request. Scores and flags are advisory: every "
            + "decision below was made by a named analyst, not by the software.\n\n"
        md += MarkdownReport.report(cases[0], exportedAt: clock(), tlp: .red, level: "##")
        md += "\n## Exports that included you\n\n"
        if exports.isEmpty {
            md += "None.\n"
        } else {
            md += "| When | By | Format | Marking | Personal data | File |\n|---|---|---|---|---|---|\n"
            for e in exports {
                md += "| \(Time.iso(e.at)) | \(MarkdownText.inline(e.analyst)) | \(e.format) | \(e.tlp) | "
                    + "\(e.personalData ? "yes" : "no") | \(MarkdownText.inline(e.path)) |\n"
            }
        }
        md += SubjectAccessTransfers.markdown(transfers)
        if erasures > 0 { md += "\nEarlier erasures recorded for this id: \(erasures).\n" }

        let written = Written(json: base + ".json", markdown: base + ".md")
        try OwnerOnlyFile.write(json, to: written.json)
        try OwnerOnlyFile.write(md, to: written.markdown)
        return written
    }

    /// Ids become file names: anything but letters, digits, '-', '_' and '.' is replaced.
    static func fileSafe(_ id: String) -> String {
        let safe = id.unicodeScalars.map { s -> Character in
            (s.isASCII && (CharacterSet.alphanumerics.contains(s) || "-_.".unicodeScalars.contains(s))) ? Character(s) : "_"
        }
        let name = String(safe).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return name.isEmpty ? "subject" : name
    }
}
