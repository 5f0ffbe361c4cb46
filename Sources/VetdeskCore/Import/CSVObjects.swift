import Foundation

/// A CSV export read as objects keyed by its header row, the way the sign-in and audit-log sources
/// read vendor CSVs next to their JSON shapes. Errors name the file, line and (where known) the field.
final class CSVObjects {
    let header: [String]
    private let reader: CSVFileReader
    private let file: String
    /// The last data row as read, for the rejects file (set before the row is checked).
    private(set) var lastLine: String?

    /// nil for a file with no header row.
    init?(path: String, displayName: String) throws {
        reader = try CSVFileReader(path: path)
        file = displayName
        do {
            guard let h = try reader.next() else { return nil }
            header = h.map { $0.trimmingCharacters(in: .whitespaces) }
        } catch let f as CSVFileReader.Failure {
            throw VetdeskError.malformed(file: displayName, location: "line \(f.line)", field: nil, message: "header: \(f.message)")
        }
        reader.expectedFields = header.count
    }

    var bytesRead: Int { reader.bytesRead }

    /// The next row as an object (the first of repeated column names wins); nil at the end.
    func next() throws -> (object: [String: Any], location: String)? {
        let fields: [String]
        do {
            guard let f = try reader.next() else { return nil }
            fields = f
        } catch let f as CSVFileReader.Failure {
            throw VetdeskError.malformed(file: file, location: "line \(f.line)",
                                         field: f.column.map { header[$0] }, message: f.message)
        }
        lastLine = FlatRecord.csvLine(fields)
        let location = "line \(reader.recordLine)"
        guard fields.count == header.count else {
            throw VetdeskError.malformed(file: file, location: location, field: nil,
                                         message: "\(fields.count) fields, but the header has \(header.count)")
        }
        var object: [String: Any] = [:]
        for (name, value) in zip(header, fields) where object[name] == nil { object[name] = value }
        return (object, location)
    }
}
