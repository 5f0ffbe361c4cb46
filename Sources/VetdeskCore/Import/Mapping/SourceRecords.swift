import Foundation

/// Records of a user's own export, read with its own column names (no Vetdesk schema check):
/// CSV with a header row, or JSON/NDJSON objects whose keys (or dotted paths) a mapping names.
enum SourceRecords {
    case csv(CSVFileReader, header: [String])
    case json(JSONRecordReader)

    static func open(path: String, displayName: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> SourceRecords {
        if try looksLikeJSON(path: path) { return .json(try JSONRecordReader(path: path, displayName: displayName)) }
        let reader = try CSVFileReader(path: path, delimiter: delimiter)
        do {
            guard let h = try reader.next() else {
                throw VetdeskError.malformed(file: displayName, location: "line 1", field: nil, message: "empty file: a header row is required")
            }
            reader.expectedFields = h.count
            return .csv(reader, header: h.map { $0.trimmingCharacters(in: .whitespaces) })
        } catch let f as CSVFileReader.Failure {
            throw VetdeskError.malformed(file: displayName, location: "line \(f.line)", field: nil, message: "header: \(f.message)")
        }
    }

    /// A header name compared loosely: only letters and digits, lower-cased, so "candidate id" in a
    /// mapping finds "Candidate ID", "E-mail" finds "Email" and "Own laptop" finds "Own laptop?".
    static func loose(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// Where each mapped column sits in a CSV header: exact name first, then the loose match, which
    /// must be unique. Errors name the mapping file and the column.
    static func resolve(columns: [String], header: [String], mapping: ImportMapping, dataFile: String) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for column in columns {
            var hits = header.indices.filter { header[$0] == column }
            if hits.isEmpty { hits = header.indices.filter { loose(header[$0]) == loose(column) } }
            let shown = Sanitize.forDisplay(column)
            guard !hits.isEmpty else {
                let list = header.map { Sanitize.forDisplay($0) }.joined(separator: ", ")
                throw VetdeskError.malformed(file: mapping.file, location: mapping.location(of: column), field: shown,
                                             message: "no such column in \(dataFile) (its columns: \(list))")
            }
            guard hits.count == 1 else {
                throw VetdeskError.malformed(file: mapping.file, location: mapping.location(of: column), field: shown,
                                             message: "\(hits.count) columns of \(dataFile) match this name; the mapping cannot tell which")
            }
            out[column] = hits[0]
        }
        return out
    }

    /// The separator of a CSV's first line: comma, unless the line has none and has ";", tab or "|"
    /// (spreadsheets in many locales write ";").
    static func sniffDelimiter(path: String) -> UInt8 {
        guard let handle = FileHandle(forReadingAtPath: path) else { return UInt8(ascii: ",") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
        let line = head.prefix { $0 != 0x0A }
        func count(_ b: UInt8) -> Int { line.reduce(0) { $0 + ($1 == b ? 1 : 0) } }
        if count(UInt8(ascii: ",")) > 0 { return UInt8(ascii: ",") }
        return [UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")].max { count($0) < count($1) }.flatMap { count($0) > 0 ? $0 : nil }
            ?? UInt8(ascii: ",")
    }

    /// JSON when the first non-blank byte opens an array or an object.
    private static func looksLikeJSON(path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw VetdeskError.io("cannot read \(path)") }
        defer { try? handle.close() }
        var bytes = (try handle.read(upToCount: 4096) ?? Data())[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return false }
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
    }
}
