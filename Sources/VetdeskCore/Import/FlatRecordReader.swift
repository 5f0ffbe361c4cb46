import Foundation

/// Records of a flat kind, from CSV (header row required, column order free) or NDJSON
/// (one object a line with the same field names). Unknown and missing columns are errors.
protocol FlatRecordReader: AnyObject {
    var kind: ImportKind { get }
    func next() throws -> FlatRecord?
    /// After an error from next(): whether it concerned one record only (--max-errors goes on).
    /// Defaults in Pipeline/BudgetedFlatReader.swift.
    var canContinueAfterError: Bool { get }
    /// The raw text of the record next() last failed on, when known.
    var lastRecordText: String? { get }
    /// Bytes of the file read so far (progress).
    var bytesRead: Int { get }
}

final class CSVRecordReader: FlatRecordReader {
    let kind: ImportKind
    private let reader: CSVFileReader
    private let columns: ColumnIndex
    private let file: String
    private(set) var canContinueAfterError = false
    private(set) var lastRecordText: String?
    var bytesRead: Int { reader.bytesRead }

    init(path: String, displayName: String, kind requested: ImportKind?) throws {
        file = displayName
        reader = try CSVFileReader(path: path)
        let header: [String]
        do {
            guard let h = try reader.next() else {
                throw VetdeskError.malformed(file: file, location: "line 1", field: nil, message: "empty file: a header row is required")
            }
            header = h.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        } catch let f as CSVFileReader.Failure {
            throw VetdeskError.malformed(file: file, location: "line \(f.line)", field: nil, message: "header: \(f.message)")
        }
        guard let kind = requested ?? ImportKind.detect(columns: Set(header)) else {
            throw VetdeskError.malformed(file: file, location: "line 1", field: nil,
                                         message: "cannot tell the kind of file from its header; pass --kind")
        }
        guard let schema = kind.schema else {
            throw VetdeskError.malformed(file: file, location: "line 1", field: nil,
                                         message: "\(kind.rawValue) files are JSON, not CSV")
        }
        try Self.check(header: header, schema: schema, kind: kind, file: file, location: "line 1")
        self.kind = kind
        columns = ColumnIndex(header)
        reader.expectedFields = header.count
    }

    static func check(header: [String], schema: ColumnSchema, kind: ImportKind, file: String, location: String) throws {
        let known = Set(schema.all)
        var seen = Set<String>()
        for name in header {
            guard known.contains(name) else {
                throw VetdeskError.malformed(file: file, location: location, field: name,
                                             message: "unknown column for \(kind.rawValue) (expected some of: \(schema.all.joined(separator: ", ")))")
            }
            guard seen.insert(name).inserted else {
                throw VetdeskError.malformed(file: file, location: location, field: name, message: "column appears twice")
            }
        }
        for name in schema.required where !seen.contains(name) {
            throw VetdeskError.malformed(file: file, location: location, field: name,
                                         message: "required column is missing for \(kind.rawValue)")
        }
    }

    /// The header's columns, and how errors name the file.
    var columnIndex: ColumnIndex { columns }
    var displayName: String { file }
    /// Line on which the last record read starts.
    var recordLine: Int { reader.recordLine }

    /// The next record as bytes (CanonicalLoginBatchReader): the same checks and errors as `next()`.
    func next(into record: inout CSVRawRecord) throws -> Bool {
        canContinueAfterError = false
        do {
            guard try reader.next(into: &record) else { return false }
        } catch let f as CSVFileReader.Failure {
            throw malformed(f)
        }
        canContinueAfterError = true
        guard record.count == columns.names.count else { throw wrongFieldCount(record.strings) }
        return true
    }

    /// A CSV parse failure as the import's error: file, line and the column's name.
    private func malformed(_ f: CSVFileReader.Failure) -> VetdeskError {
        .malformed(file: file, location: "line \(f.line)", field: f.column.map { columns.names[$0] }, message: f.message)
    }

    /// A record with another number of fields than the header (its text kept for the rejects file).
    private func wrongFieldCount(_ fields: [String]) -> VetdeskError {
        lastRecordText = FlatRecord.csvLine(fields)
        return .malformed(file: file, location: "line \(reader.recordLine)", field: nil,
                          message: "\(fields.count) fields, but the header has \(columns.names.count)")
    }

    func next() throws -> FlatRecord? {
        let fields: [String]
        canContinueAfterError = false
        do {
            guard let f = try reader.next() else { return nil }
            fields = f
        } catch let f as CSVFileReader.Failure {
            throw malformed(f)
        }
        canContinueAfterError = true
        guard fields.count == columns.names.count else { throw wrongFieldCount(fields) }
        return FlatRecord(file: file, location: "line \(reader.recordLine)", columns: columns, values: fields)
    }
}

final class NDJSONRecordReader: FlatRecordReader {
    let kind: ImportKind
    private let json: JSONRecordReader
    private let schema: ColumnSchema
    private let file: String
    private var lastColumns: ColumnIndex?
    var canContinueAfterError: Bool { json.canContinue }
    var lastRecordText: String? { json.lastRecordText }
    var bytesRead: Int { json.bytesRead }
    /// For the rejects file: keep each record's text.
    func keepRecordText() { json.keepsRecordText = true }

    init(json: JSONRecordReader, displayName: String, kind requested: ImportKind?) throws {
        self.json = json
        file = displayName
        let firstKeys = Set(json.first?.object.keys.map { $0 } ?? [])
        guard let kind = requested ?? ImportKind.detect(columns: firstKeys) else {
            throw VetdeskError.malformed(file: file, location: json.first?.location ?? "line 1", field: nil,
                                         message: "cannot tell the kind of file from its first record; pass --kind")
        }
        guard let schema = kind.schema else {
            throw VetdeskError.malformed(file: file, location: "line 1", field: nil, message: "\(kind.rawValue) is not a flat kind")
        }
        self.kind = kind
        self.schema = schema
    }

    func next() throws -> FlatRecord? {
        guard let (obj, location) = try json.next() else { return nil }
        let names = obj.keys.sorted()
        try CSVRecordReader.check(header: names, schema: schema, kind: kind, file: file, location: location)
        var values: [String] = []
        values.reserveCapacity(names.count)
        for name in names {
            do {
                values.append(try JSONField.text(obj[name]) ?? "")
            } catch let e as JSONField.JSONShapeError {
                throw VetdeskError.malformed(file: file, location: location, field: name, message: e.message)
            }
        }
        if lastColumns?.names != names { lastColumns = ColumnIndex(names) }
        return FlatRecord(file: file, location: location, columns: lastColumns!, values: values)
    }
}
