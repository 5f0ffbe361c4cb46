import Foundation

/// A labelled answer key for `vetdesk eval --truth FILE`: which candidates are confirmed fraud
/// and which are benign, optionally with the benign group (the one innocent trait) or ring.
/// Format: CSV or TSV with a header naming `candidate_id` and `label` (and optionally `group`);
/// the generator writes `answer-key.tsv` this way. Labels: fraud, confirmed, escalated, referred
/// → fraud; benign, cleared → benign. Group `plain` or empty marks a benign person with no trait.
public struct TruthFile: Sendable, Equatable {
    public enum Label: String, Sendable, Codable { case fraud, benign }
    public struct Entry: Sendable, Equatable {
        public var candidateId: String
        public var label: Label
        public var group: String
    }
    public var entries: [Entry]

    static let fraudWords: Set<String> = ["fraud", "confirmed", "escalated", "referred", "ring"]
    static let benignWords: Set<String> = ["benign", "cleared"]
    /// Benign groups that carry no weak signal by construction.
    public static let signalFreeGroups: Set<String> = ["", "plain", "applicantonly", "applicant_only"]

    public static func load(path: String) throws -> TruthFile {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw VetdeskError.io("\(path): cannot read answer key: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> TruthFile {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else {
            throw VetdeskError.malformed(file: file, location: "line 1", field: nil, message: "empty answer key; expected a header with candidate_id and label")
        }
        let sep: Character = header.contains("\t") ? "\t" : ","
        let cols = header.split(separator: sep, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let idCol = cols.firstIndex(of: "candidate_id"), let labelCol = cols.firstIndex(of: "label") else {
            throw VetdeskError.malformed(file: file, location: "line 1", field: nil, message: "header must name candidate_id and label, got '\(Sanitize.forDisplay(header))'")
        }
        let groupCol = cols.firstIndex(of: "group")
        var out: [Entry] = []
        var seen = Set<String>()
        for (n, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let cells = line.split(separator: sep, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let loc = "line \(n + 1)"
            guard cells.count > max(idCol, labelCol), !cells[idCol].isEmpty else {
                throw VetdeskError.malformed(file: file, location: loc, field: "candidate_id", message: "missing candidate id")
            }
            let word = cells[labelCol].lowercased()
            let label: Label
            if fraudWords.contains(word) { label = .fraud } else if benignWords.contains(word) { label = .benign } else {
                throw VetdeskError.malformed(file: file, location: loc, field: "label",
                                             message: "expected fraud/confirmed/escalated/referred or benign/cleared, got '\(Sanitize.forDisplay(cells[labelCol]))'")
            }
            guard seen.insert(cells[idCol]).inserted else {
                throw VetdeskError.malformed(file: file, location: loc, field: "candidate_id", message: "candidate '\(Sanitize.forDisplay(cells[idCol]))' listed twice")
            }
            let group = groupCol.flatMap { $0 < cells.count ? cells[$0] : nil } ?? ""
            out.append(Entry(candidateId: cells[idCol], label: label, group: group))
        }
        return TruthFile(entries: out)
    }
}
